package io.reef.provider;

import io.reef.common.ApiException;

/**
 * An error answered while the job it is about lives on upstream (e.g. a sync wait that ran out of
 * time): the job will still be billed if it completes, so a retry with the same Idempotency-Key
 * must get this answer again rather than submit a second, separately billed job.
 */
public class JobStillRunningException extends ApiException {

    public JobStillRunningException(int status, String type, String message, Long retryAfterSeconds) {
        super(status, type, message, retryAfterSeconds);
    }
}
