package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

/** One ledger entry with its tenant's name and its job's public id, amounts in micro-dollars. */
public record LedgerRow(long id, Instant createdAt, UUID tenantId, String tenantName, String jobId, String provider,
        String model, LedgerKind kind, long costMicros, long priceMicros) {

    /** The keyset position of this entry: its (created_at, id). */
    public UsageQueries.Cursor cursor() {
        return new UsageQueries.Cursor(createdAt, id);
    }

    public long marginMicros() {
        return priceMicros - costMicros;
    }
}
