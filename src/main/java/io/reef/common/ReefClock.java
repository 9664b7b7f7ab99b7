package io.reef.common;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reef's notion of "now" for quota periods, rate windows, expiry and ledger timestamps.
 * Tests shift it to cross period boundaries without waiting.
 */
@ApplicationScoped
public class ReefClock {

    private volatile Duration offset = Duration.ZERO;

    public Instant now() {
        return Instant.now().plus(offset);
    }

    /** Moves the clock forwards/backwards (tests only). */
    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
