package io.reef.job;

/**
 * What a provider said about a job, in the common job model. {@code costMicros} is the upstream
 * cost of a {@link JobStatus#COMPLETED} job; null there means the provider's cost could not be
 * read (already alerted on), and the job's expected cost is charged instead, never zero.
 * {@code providerBody} is the provider's answer as received (null when Reef itself decided, e.g.
 * expiry): when the observation ends the job it is stored, and later polls are answered from it.
 */
public record Observation(JobStatus status, Long costMicros, String error, String providerBody) {

    public static Observation of(JobStatus status) {
        return new Observation(status, null, null, null);
    }

    public static Observation completed(long costMicros) {
        return new Observation(JobStatus.COMPLETED, costMicros, null, null);
    }

    /** Completed, but the provider's cost was unreadable: charge the job's expected cost. */
    public static Observation completedWithUnreadableCost() {
        return new Observation(JobStatus.COMPLETED, null, null, null);
    }

    public static Observation failed(JobStatus status, String error) {
        return new Observation(status, null, error, null);
    }

    /** The same observation, carrying the provider's body it was read from. */
    public Observation from(String body) {
        return new Observation(status, costMicros, error, body);
    }
}
