package io.reef.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The dispatcher's claims on due deliveries, like the reconciler's on jobs: a claim is a lease
 * (owner + expiry) taken under {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same
 * delivery at once, and a crashed replica's claims are retried when their leases run out. Each
 * attempt's outcome is recorded by the owner of the claim only.
 */
@ApplicationScoped
public class DeliveryQueue {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private final EventRepository events;

    public DeliveryQueue(EventRepository events) {
        this.events = events;
    }

    @Transactional
    public List<EventRepository.Due> claim(String owner, Instant now, Duration lease, int limit) {
        return events.claimDue(owner, now, now.plus(lease), limit);
    }

    /** Any 2xx: the receiver has it. */
    @Transactional
    public void delivered(EventRepository.Due due, String owner, int status, Instant now) {
        events.finishAttempt(due.eventSeq(), due.webhookId(), owner, DELIVERED, status, null, now, now);
    }

    /** Not acknowledged: try again at {@code next}, or (past the give-up horizon, {@code next == null}) failed. */
    @Transactional
    public void notAcknowledged(EventRepository.Due due, String owner, Integer status, String error, Instant now,
            Instant next) {
        events.finishAttempt(due.eventSeq(), due.webhookId(), owner, next == null ? FAILED : PENDING, status,
                error, now, next == null ? now : next);
    }

    /** For logs: which delivery, never what it carries or where. */
    static String describe(EventRepository.Due due) {
        return "event " + due.eventId() + " to webhook " + due.webhookId();
    }
}
