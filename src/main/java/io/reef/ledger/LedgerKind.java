package io.reef.ledger;

/**
 * What a ledger entry is. Either way it is the job's one entry (the unique job id) and counts as
 * spend in every report, statement and quota.
 */
public enum LedgerKind {
    /** The job's open hold was posted as its charge. */
    CHARGE("charge"),
    /** The job completed after its hold had been voided (expiry): charged without touching the hold. */
    LATE_CHARGE("late_charge");

    private final String wire;

    LedgerKind(String wire) {
        this.wire = wire;
    }

    /** The value of {@code ledger_entry.kind}. */
    public String wire() {
        return wire;
    }

    /** The kind stored as {@code wire}, or null if no kind is stored so. */
    public static LedgerKind fromWire(String wire) {
        for (LedgerKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        return null;
    }
}
