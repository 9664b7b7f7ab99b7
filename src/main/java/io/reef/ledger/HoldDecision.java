package io.reef.ledger;

/** Why a hold could not be placed, or that it was. */
public record HoldDecision(Outcome outcome, Long retryAfterSeconds) {

    public enum Outcome {
        PLACED, TENANT_MISSING, SUSPENDED, CONCURRENCY_LIMIT, RATE_LIMIT, QUOTA_EXHAUSTED
    }

    public static final HoldDecision PLACED = new HoldDecision(Outcome.PLACED, null);

    public boolean placed() {
        return outcome == Outcome.PLACED;
    }
}
