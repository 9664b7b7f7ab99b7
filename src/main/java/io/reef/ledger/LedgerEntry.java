package io.reef.ledger;

import java.util.UUID;

/**
 * A completed job's charge as the ledger writes it: the upstream cost and the tenant's price, both
 * in micro-dollars ({@link LedgerRepository#insertEntry} is the one way into {@code ledger_entry}),
 * and the key that placed the job (its counters move with the tenant's). Whether it posts the
 * job's hold or comes late is its {@link LedgerKind}.
 */
public record LedgerEntry(long jobId, UUID tenantId, UUID apiKeyId, String provider, String model, long costMicros,
        long priceMicros) {
}
