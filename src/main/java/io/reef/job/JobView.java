package io.reef.job;

import java.time.Instant;
import java.util.UUID;

import io.reef.common.Money;

/**
 * An immutable snapshot of a job, safe to carry across threads after its transaction ended
 * ({@code terminalAt} is null while the job is in flight).
 */
public record JobView(long id, String publicId, UUID tenantId, String provider, String model, String upstreamId,
        String upstreamAccount, JobStatus status, int markupBp, long holdMicros, Long costMicros, Long priceMicros,
        int timeoutSeconds,
        String error, Instant createdAt, Instant terminalAt) {

    /** The tenant's price for an upstream cost, at this job's markup. */
    public long priceFor(long upstreamCostMicros) {
        return Money.applyMarkup(upstreamCostMicros, markupBp);
    }
}
