package io.reef.ledger;

import java.time.Instant;

/** A tenant's quota position and prepaid balance at one instant, in micro-dollars. */
public record QuotaSnapshot(long limitMicros, QuotaPeriod period, Instant periodStart, long spentMicros,
        long heldMicros, Balance balance) {

    public long remainingMicros() {
        return Math.max(0, limitMicros - spentMicros - heldMicros);
    }

    /**
     * The prepaid balance: unexpired credit granted, lifetime spend, open holds. Available is
     * their difference, the admission's formula (V5 {@code reef_admit}); it goes below zero only
     * by a completed job that cost more than its hold.
     */
    public record Balance(String mode, long grantedMicros, long spentMicros, long heldMicros) {
        public long availableMicros() {
            return grantedMicros - spentMicros - heldMicros;
        }
    }
}
