package io.reef.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything the operator's page of one job shows: the list's columns, the key it came in with
 * (its name, never its secret), the provider's id, the timing of its polls and its ledger entry if
 * it was charged. Reef stores no request body (so no prompt) with a job.
 */
public record JobDetail(JobRow row, UUID apiKeyId, String apiKeyName, String upstreamId, int markupBp,
        int timeoutSeconds, String error, Instant updatedAt, int pollCount, Instant nextPollAt, Long ledgerEntryId,
        String ledgerKind, Instant chargedAt) {

    /** The markup as a percentage: 2000 basis points -> "20". */
    public String markupPercent() {
        return BigDecimal.valueOf(markupBp, 2).stripTrailingZeros().toPlainString();
    }

    public boolean hasLedgerEntry() {
        return ledgerEntryId != null;
    }
}
