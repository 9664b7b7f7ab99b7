package io.reef.ledger;

import java.util.UUID;

/** What the ledger needs to know about a job to post or void its hold. */
public record HeldJob(long jobId, UUID tenantId, String provider, String model, long holdMicros, boolean holdOpen) {
}
