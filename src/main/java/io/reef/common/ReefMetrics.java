package io.reef.common;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Reef's business metrics (Prometheus at /q/metrics). Money counters are integer
 * micro-dollars; tags carry ids only, never secrets.
 */
@ApplicationScoped
public class ReefMetrics {

    private final MeterRegistry registry;
    private final java.util.concurrent.ConcurrentMap<String, Timer> upstreamTimers = new java.util.concurrent.ConcurrentHashMap<>();

    public ReefMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void holdPlaced(String tenantId, long micros) {
        registry.counter("reef.holds.placed.micros", "tenant", tenantId).increment(micros);
        registry.counter("reef.holds.placed", "tenant", tenantId).increment();
    }

    public void holdVoided(String tenantId, long micros) {
        registry.counter("reef.holds.voided.micros", "tenant", tenantId).increment(micros);
    }

    public void charged(String tenantId, String provider, long costMicros, long priceMicros) {
        registry.counter("reef.charges.price.micros", "tenant", tenantId, "provider", provider).increment(priceMicros);
        registry.counter("reef.charges.cost.micros", "tenant", tenantId, "provider", provider).increment(costMicros);
        registry.counter("reef.charges", "tenant", tenantId, "provider", provider).increment();
    }

    public void admissionRejected(String tenantId, String reason) {
        registry.counter("reef.admission.rejections", "tenant", tenantId, "reason", reason).increment();
    }

    /** The reseller's own upstream account has a problem (402/403/401 upstream): an operator alert. */
    public void upstreamAccountAlert(String provider, int status) {
        registry.counter("reef.upstream.account.alerts", "provider", provider, "status", Integer.toString(status)).increment();
    }

    /** A provider refused one of the reseller's accounts (429: it cools down; 401/402/403: it needs attention). */
    public void upstreamAccountRefused(String provider, String account, int status) {
        registry.counter("reef.upstream.account.refusals", "provider", provider, "account", account, "status",
                Integer.toString(status)).increment();
    }

    /** A provider reported a cost Reef could not parse: an operator alert. */
    public void unparseableCost(String provider) {
        registry.counter("reef.upstream.unparseable.cost", "provider", provider).increment();
    }

    /** A charge larger than its job's hold (by this much): an operator alert. */
    public void chargeOverHold(String provider, long overMicros) {
        registry.counter("reef.charges.over.hold", "provider", provider).increment();
        registry.counter("reef.charges.over.hold.micros", "provider", provider).increment(overMicros);
    }

    /** A hold re-sized by the provider's estimate past the tenant's quota limit: an operator alert. */
    public void holdResizedPastLimit(String provider) {
        registry.counter("reef.holds.resized.past.limit", "provider", provider).increment();
    }

    /** On every upstream call: the timer is built once per (provider, operation, outcome), then reused. */
    public void upstreamCall(String provider, String account, String operation, String outcome, Duration elapsed) {
        upstreamTimers.computeIfAbsent(provider + '|' + account + '|' + operation + '|' + outcome,
                k -> Timer.builder("reef.upstream.latency")
                        .tags("provider", provider, "account", account, "operation", operation, "outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(elapsed);
    }

    public void jobsExpired(String provider, int count) {
        registry.counter("reef.jobs.expired", "provider", provider).increment(count);
    }

    /** A webhook delivery attempt's outcome: delivered, retried (not acknowledged) or failed (given up). */
    public void eventDelivery(String outcome) {
        registry.counter("reef.event.deliveries", "outcome", outcome).increment();
    }
}
