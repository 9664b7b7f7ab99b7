package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * Which ledger entries a list or an export shows; every part is optional (null: any). {@code from}
 * is inclusive and {@code to} exclusive, as in every report.
 */
public record LedgerFilter(UUID tenantId, String provider, String model, LedgerKind kind, Instant from, Instant to) {

    /** Every entry of the tenant (every tenant's if null) in {@code [from, to)}: the admin API's filter. */
    public static LedgerFilter range(UUID tenantId, Instant from, Instant to) {
        return new LedgerFilter(tenantId, null, null, null, from, to);
    }
}
