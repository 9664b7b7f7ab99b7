package io.reef.ledger;

/** Why a hold could not be placed (and, for a limit, when to retry). */
public record HoldDecision(Outcome outcome, Long retryAfterSeconds) {

    public enum Outcome {
        TENANT_MISSING,
        SUSPENDED,
        CONCURRENCY_LIMIT,
        RATE_LIMIT,
        QUOTA_EXHAUSTED
    }
}
