package io.reef.ledger;

/** Why a hold could not be placed (and, for a limit, when to retry). */
public record HoldDecision(Outcome outcome, Long retryAfterSeconds) {

    /** The refusals of the admission statement ({@code reef_admit} in V5), by their wire name there. */
    public enum Outcome {
        TENANT_MISSING,
        KEY_REVOKED,
        KEY_EXPIRED,
        SUSPENDED,
        MODEL_NOT_ALLOWED_FOR_TENANT,
        MODEL_NOT_ALLOWED_FOR_KEY,
        CONCURRENCY_LIMIT,
        RATE_LIMIT,
        KEY_CONCURRENCY_LIMIT,
        KEY_RATE_LIMIT,
        QUOTA_EXHAUSTED,
        BALANCE_SHORT,
        KEY_QUOTA_EXHAUSTED;

        static Outcome fromWire(String refusal) {
            return valueOf(refusal.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
