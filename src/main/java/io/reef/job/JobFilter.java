package io.reef.job;

import java.util.UUID;

/** Which jobs the operator's list shows; every part is optional (null: any). */
public record JobFilter(UUID tenantId, String provider, Stage stage, JobStatus status) {

    /** Where a job is in its life. */
    public enum Stage {
        /** Not finished: the reconciler still polls it ({@code terminal_at} not set). */
        IN_FLIGHT,
        /** Finished (completed, failed, cancelled, moderated, expired, rejected). */
        TERMINAL
    }
}
