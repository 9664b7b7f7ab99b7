package io.reef.upstream;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * One upstream account of a provider, at run time: its key (as an {@code Authorization} header,
 * never logged), its weight, and its own fault-tolerance guards (SmallRye Fault Tolerance's
 * programmatic API), one per operation, so one account's failures open only its own circuit
 * breakers:
 * <ul>
 * <li>submit: a timeout, a circuit breaker and (if configured) a rate limit; never retried;</li>
 * <li>poll: a timeout per attempt, retries with jitter, a circuit breaker;</li>
 * <li>cancel: a timeout.</li>
 * </ul>
 */
public final class UpstreamAccount {

    private final String provider;
    private final AccountConfig config;
    private final String authorization;
    private final Map<UpstreamOperation, Guard> guards = new EnumMap<>(UpstreamOperation.class);

    UpstreamAccount(String provider, AccountConfig config, UpstreamAccountsConfig settings) {
        this.provider = provider;
        this.config = config;
        this.authorization = "Bearer " + config.apiKey();
        String id = provider + "/" + config.name() + "/";
        guards.put(UpstreamOperation.SUBMIT, Guard.create().withDescription(id + "submit")
                .withTimeout().duration(settings.submitTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .with(b -> {
                    if (config.submitsPerSecond() != null) {
                        b.withRateLimit().limit(config.submitsPerSecond()).window(1, ChronoUnit.SECONDS).done();
                    }
                })
                .with(b -> circuitBreaker(b, settings))
                .build());
        guards.put(UpstreamOperation.POLL, Guard.create().withDescription(id + "poll")
                .withRetry().maxRetries(settings.pollRetries()).delay(200, ChronoUnit.MILLIS)
                .jitter(100, ChronoUnit.MILLIS).done()
                .with(b -> circuitBreaker(b, settings))
                .withTimeout().duration(settings.pollTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .build());
        guards.put(UpstreamOperation.CANCEL, Guard.create().withDescription(id + "cancel")
                .withTimeout().duration(settings.cancelTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .build());
    }

    private static void circuitBreaker(Guard.Builder builder, UpstreamAccountsConfig settings) {
        builder.withCircuitBreaker().requestVolumeThreshold(settings.circuitBreakerVolume())
                .failureRatio(settings.circuitBreakerFailurePercent() / 100.0)
                .delay(settings.circuitBreakerDelay().toMillis(), ChronoUnit.MILLIS).done();
    }

    public String provider() {
        return provider;
    }

    public String name() {
        return config.name();
    }

    public int weight() {
        return config.weight();
    }

    /** The account's key as an {@code Authorization} header value. Never log it. */
    public String authorization() {
        return authorization;
    }

    /**
     * Runs one call on this account behind the operation's guards. The call is made lazily, once
     * per attempt (a poll may be attempted again).
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> Uni<T> guarded(UpstreamOperation operation, Supplier<Uni<T>> call) {
        Supplier<Uni> untyped = (Supplier) call;
        return (Uni<T>) guards.get(operation).get(untyped, Uni.class);
    }

    @Override
    public String toString() { // never the key
        return provider + "/" + config.name();
    }
}
