package io.reef.ledger;

import java.time.Instant;

/** A tenant's quota position at one instant, in micro-dollars. */
public record QuotaSnapshot(long limitMicros, QuotaPeriod period, Instant periodStart, long spentMicros,
        long heldMicros) {

    public long remainingMicros() {
        return Math.max(0, limitMicros - spentMicros - heldMicros);
    }
}
