package io.reef.event;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.ReefMetrics;

/**
 * Delivers events on every replica: each tick claims a bounded batch of due deliveries (see
 * {@link DeliveryQueue}), POSTs each event's stored body to its webhook with {@code Reef-Event-Id}
 * and {@code Reef-Signature} (signed for this attempt), and records the outcome: any 2xx
 * acknowledges; anything else (another status, a timeout, a refused connection, a redirect: never
 * followed, a target now resolving to a private address) is retried with exponential backoff and
 * full jitter until {@code give-up-after} past the event, then marked failed. At-least-once: a
 * receiver that took an event but whose answer was lost gets the same {@code Reef-Event-Id} again.
 * No order is guaranteed.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int MAX_ERROR = 500;

    private final EventsConfig config;
    private final DeliveryQueue queue;
    private final WebhookTargets targets;
    private final Backoff backoff;
    private final HttpClient http;
    private final ReefMetrics metrics;
    private final String owner = "reef-" + UUID.randomUUID();
    private volatile boolean stopping;

    public Dispatcher(EventsConfig config, DeliveryQueue queue, WebhookTargets targets, ReefMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.queue = queue;
        this.targets = targets;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                bound -> ThreadLocalRandom.current().nextLong(bound + 1));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(every = "${reef.events.poll-interval:1S}", delayed = "${reef.events.poll-interval:1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            deliverDue();
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf("Event dispatcher tick interrupted by shutdown: %s", e);
            } else if (DatabaseUnavailable.is(e)) {
                LOG.debugf("Database unreachable: event deliveries wait (%s)", e.toString());
            } else {
                LOG.warn("Event dispatcher tick failed", e);
            }
        }
    }

    /** One bounded batch: claim, send all at once, record each outcome. */
    void deliverDue() {
        List<EventRepository.Due> due = queue.claim(owner, Instant.now(), config.lease(), config.batchSize());
        if (due.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> attempts = due.stream().map(this::attempt).toList();
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> attempt(EventRepository.Due due) {
        try {
            return send(due);
        } catch (RuntimeException e) { // a claimed delivery always gets its outcome recorded
            record(due, null, describe(e));
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<Void> send(EventRepository.Due due) {
        String refusal = targets.refusalAtDelivery(due.url());
        if (refusal != null) {
            record(due, null, "target refused: the url " + refusal);
            return CompletableFuture.completedFuture(null);
        }
        long t = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Reef-Webhooks/1")
                .header("Reef-Event-Id", due.eventId().toString())
                .header("Reef-Signature", Signatures.header(due.secret(), t, due.body()))
                .POST(HttpRequest.BodyPublishers.ofString(due.body()))
                .build();
        // the request timeout covers the answer's head; the whole exchange is bounded here too
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(config.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    try {
                        if (failure != null) {
                            record(due, null, describe(failure));
                        } else {
                            record(due, response.statusCode(), null);
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("Could not record the attempt of %s: %s", DeliveryQueue.describe(due), e.toString());
                    }
                    return null;
                });
    }

    private void record(EventRepository.Due due, Integer status, String error) {
        Instant now = Instant.now();
        if (status != null && status >= 200 && status < 300) {
            queue.delivered(due, owner, status, now);
            metrics.eventDelivery("delivered");
            return;
        }
        int failedAttempts = due.attempts() + 1;
        Instant next = now.plus(backoff.delay(failedAttempts));
        boolean giveUp = !next.isBefore(due.createdAt().plus(config.giveUpAfter()));
        String why = status != null ? "HTTP " + status : error;
        queue.notAcknowledged(due, owner, status, bounded(why), now, giveUp ? null : next);
        metrics.eventDelivery(giveUp ? "failed" : "retried");
        if (giveUp) {
            LOG.warnf("Gave up on %s after %d attempts over %s (last: %s)", DeliveryQueue.describe(due), failedAttempts,
                    config.giveUpAfter(), why);
        } else {
            LOG.debugf("Attempt %d of %s not acknowledged (%s); next in %d ms", failedAttempts,
                    DeliveryQueue.describe(due), why, Duration.between(now, next).toMillis());
        }
    }

    /** What went wrong, without the URL (it may carry the receiver's own token). */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return cause.getClass().getSimpleName();
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        stopping = true;
    }
}
