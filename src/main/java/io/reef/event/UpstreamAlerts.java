package io.reef.event;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ReefClock;
import io.reef.common.Workers;

/**
 * {@code upstream.account.alert}: a provider refused the reseller's own account (401/402/403).
 * Written in a transaction of its own, off the caller's thread (the tenant's answer does not wait
 * for it), and de-duplicated so that a burst of refusals is one event per provider and status per
 * fixed window ({@code reef.events.upstream-alert-window}, 10 minutes): the window's start is part
 * of the event's unique dedupe key. (Fixed windows: a burst across a window boundary is two
 * events.) The data never carries a key: provider, status and Reef's own description.
 */
@ApplicationScoped
public class UpstreamAlerts {

    private static final Logger LOG = Logger.getLogger(UpstreamAlerts.class);

    private final Outbox outbox;
    private final EventsConfig config;
    private final ReefClock clock;

    public UpstreamAlerts(Outbox outbox, EventsConfig config, ReefClock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Raises the alert event (asynchronously; a failure to write it is logged, never the caller's). */
    public void raise(String provider, int status) {
        Instant now = clock.now();
        long window = Math.max(1, config.upstreamAlertWindow().toSeconds());
        Instant windowStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), window) * window);
        ObjectNode data = outbox.data();
        data.put("provider", provider);
        data.put("status", status);
        data.put("message", message(status));
        data.put("window_start", windowStart.toString());
        String dedupeKey = EventType.UPSTREAM_ACCOUNT_ALERT.wire() + ":" + provider + ":" + status + ":"
                + windowStart.getEpochSecond();
        Workers.run(() -> outbox.writeAlone(EventType.UPSTREAM_ACCOUNT_ALERT, null, dedupeKey, data, now))
                .subscribe().with(written -> {
                }, failure -> LOG.warnf("Could not record the upstream account alert event for %s (%d): %s",
                        provider, status, failure.toString()));
    }

    static String message(int status) {
        return switch (status) {
            case 401 -> "The provider refused the reseller's API key (401): check or rotate the key";
            case 402 -> "The provider refused the reseller's account for payment (402): top up the account";
            case 403 -> "The provider forbids the reseller's account (403): it may be suspended or revoked";
            default -> "The provider refused the reseller's account (" + status + ")";
        };
    }
}
