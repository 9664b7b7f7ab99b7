package io.reef.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a simulated task/job behaves: how long it stays pending and running, how it ends and what it costs.
 * Immutable; build one with {@link #builder()} or derive one with {@link #toBuilder()}.
 *
 * @param pendingMillis time in the provider's waiting status (e.g. {@code pending}, {@code queued}), ms
 * @param runningMillis time in the provider's working status (e.g. {@code running}, {@code processing}), ms
 * @param outcome the terminal outcome
 * @param credit the {@code credit} a completed task reports, for providers that bill in credit (1 USD = 10,000 credit); ignored
 *        by the others
 * @param estimatedCost the {@code estimated_cost} a submit answer reports, for providers that estimate, verbatim (may be
 *        deliberately unparseable, e.g.
 *        {@code "about 2 cents"}); {@code null} = the mode's list price ({@code "$0.01"} / {@code "$0.02"});
 *        ignored by providers without one
 * @param finalCost the final {@code cost} of a {@code complete} job, verbatim; {@code null} = same as
 *        the estimated cost; ignored by providers without one
 * @param omitFinalCost when true a {@code complete} job carries no {@code cost} field at all (the
 *        gateway must fall back to {@code estimated_cost})
 * @param failureMessage error message of a failed task/job; {@code null} = the provider's default message
 * @param finalCostFields the fields a {@code complete} job carries its final cost in (any of
 *        {@code cost}, {@code final_cost}, {@code actual_cost}); default {@code cost} only
 */
@RegisterForReflection
public record Behaviour(
        long pendingMillis,
        long runningMillis,
        Outcome outcome,
        BigDecimal credit,
        String estimatedCost,
        String finalCost,
        boolean omitFinalCost,
        String failureMessage,
        List<String> finalCostFields) {

    /** Built-in default pending time, ms. */
    public static final long DEFAULT_PENDING_MILLIS = 200;
    /** Built-in default running time, ms. */
    public static final long DEFAULT_RUNNING_MILLIS = 300;
    /** Built-in default credit of a completed task. */
    public static final BigDecimal DEFAULT_CREDIT = new BigDecimal("400");
    /** The fields a completed job may carry its final cost in. */
    public static final List<String> FINAL_COST_FIELDS = List.of("cost", "final_cost", "actual_cost");

    /** Validates the components. */
    public Behaviour {
        if (pendingMillis < 0 || runningMillis < 0) {
            throw new IllegalArgumentException("pendingMillis and runningMillis must be >= 0");
        }
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(credit, "credit");
        finalCostFields = List.copyOf(finalCostFields);
        if (finalCostFields.isEmpty() || !FINAL_COST_FIELDS.containsAll(finalCostFields)) {
            throw new IllegalArgumentException("finalCostFields must be some of " + FINAL_COST_FIELDS);
        }
    }

    /** The built-in default: pending 200 ms, running 300 ms, completes, credit 400, list prices. */
    public static Behaviour defaults() {
        return builder().build();
    }

    /** A builder starting from the built-in defaults (see {@link #defaults()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this behaviour. */
    public Builder toBuilder() {
        return new Builder()
                .pendingMillis(pendingMillis)
                .runningMillis(runningMillis)
                .outcome(outcome)
                .credit(credit)
                .estimatedCost(estimatedCost)
                .finalCost(finalCost)
                .omitFinalCost(omitFinalCost)
                .failureMessage(failureMessage)
                .finalCostFields(finalCostFields);
    }

    /** Builder of {@link Behaviour}; starts from the built-in defaults. */
    public static final class Builder {
        private long pendingMillis = DEFAULT_PENDING_MILLIS;
        private long runningMillis = DEFAULT_RUNNING_MILLIS;
        private Outcome outcome = Outcome.COMPLETE;
        private BigDecimal credit = DEFAULT_CREDIT;
        private String estimatedCost;
        private String finalCost;
        private boolean omitFinalCost;
        private String failureMessage;
        private List<String> finalCostFields = List.of("cost");

        private Builder() {
        }

        /** Time in pending/queued, ms. */
        public Builder pendingMillis(long value) {
            this.pendingMillis = value;
            return this;
        }

        /** Time in running/processing, ms. */
        public Builder runningMillis(long value) {
            this.runningMillis = value;
            return this;
        }

        /** Sets both times to zero: the task is terminal as soon as it is created. */
        public Builder immediate() {
            return pendingMillis(0).runningMillis(0);
        }

        /** Terminal outcome. */
        public Builder outcome(Outcome value) {
            this.outcome = value;
            return this;
        }

        /** Credit of a completed task. */
        public Builder credit(BigDecimal value) {
            this.credit = value;
            return this;
        }

        /** Credit of a completed task, parsed exactly from a decimal string. */
        public Builder credit(String value) {
            return credit(new BigDecimal(value));
        }

        /**
         * the {@code estimated_cost} a submit answer reports, for providers that estimate, verbatim; {@code null} = list price
         * of the mode.
         */
        public Builder estimatedCost(String value) {
            this.estimatedCost = value;
            return this;
        }

        /** Final {@code cost}, verbatim; {@code null} = same as the estimated cost. */
        public Builder finalCost(String value) {
            this.finalCost = value;
            return this;
        }

        /** Whether a complete job omits the {@code cost} field. */
        public Builder omitFinalCost(boolean value) {
            this.omitFinalCost = value;
            return this;
        }

        /** Shorthand for {@code omitFinalCost(true)}. */
        public Builder omitFinalCost() {
            return omitFinalCost(true);
        }

        /** Error message of a failed task/job; {@code null} = provider default. */
        public Builder failureMessage(String value) {
            this.failureMessage = value;
            return this;
        }

        /** The fields a complete job carries its final cost in (default: {@code cost}). */
        public Builder finalCostFields(List<String> value) {
            this.finalCostFields = value;
            return this;
        }

        /** Builds the behaviour. */
        public Behaviour build() {
            return new Behaviour(pendingMillis, runningMillis, outcome, credit, estimatedCost, finalCost,
                    omitFinalCost, failureMessage, finalCostFields);
        }
    }
}
