package io.reef.job;

import java.time.Instant;
import java.util.UUID;

/** A job as the operator's list shows it, with its tenant's name; amounts in micro-dollars. */
public record JobRow(long id, String publicId, UUID tenantId, String tenantName, String provider, String model,
        JobStatus status, long holdMicros, HoldState holdState, Long costMicros, Long priceMicros,
        String upstreamAccount, Instant createdAt, Instant terminalAt) {

    /** Whether the job was charged (it has a price). */
    public boolean charged() {
        return priceMicros != null;
    }

    /** The tenant's price, 0 if not charged. */
    public long chargeMicros() {
        return priceMicros == null ? 0 : priceMicros;
    }

    /** The upstream cost, 0 if not charged. */
    public long upstreamCostMicros() {
        return costMicros == null ? 0 : costMicros;
    }
}
