package io.reef.provider;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ApiException;
import io.reef.common.Workers;
import io.reef.job.AdmissionRequest;
import io.reef.job.JobAdmission;
import io.reef.job.JobFinalizer;
import io.reef.job.JobQueries;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.smallrye.mutiny.Uni;

/**
 * The job steps every provider flow takes, as non-blocking steps (the database work runs on a
 * worker thread): admit, record the upstream id, observe, reject, look up.
 */
@ApplicationScoped
public class JobSteps {

    private final JobAdmission admission;
    private final JobFinalizer finalizer;
    private final JobQueries queries;

    public JobSteps(JobAdmission admission, JobFinalizer finalizer, JobQueries queries) {
        this.admission = admission;
        this.finalizer = finalizer;
        this.queries = queries;
    }

    /** Places the hold and writes the job row, or fails with the tenant's 402/403/429. */
    public Uni<JobView> admit(AdmissionRequest request) {
        return Workers.run(() -> admission.admit(request));
    }

    public Uni<JobView> submitted(JobView job, String upstreamId, Observation observation, Instant firstPollAt) {
        return Workers.run(() -> finalizer.submitted(job.id(), upstreamId, observation, firstPollAt));
    }

    public Uni<JobView> resizeHold(JobView job, long expectedCostMicros) {
        return Workers.run(() -> finalizer.resizeHold(job.id(), expectedCostMicros));
    }

    /**
     * Applies an observation. A poll that only confirms the status Reef already has (the common
     * case while a job runs) changes nothing and costs no database work.
     */
    public Uni<JobView> observe(JobView job, Observation observation) {
        if (!observation.status().terminal() && (observation.status() == job.status() || job.status().terminal())) {
            return Uni.createFrom().item(job);
        }
        return Workers.run(() -> finalizer.observe(job.id(), observation));
    }

    /** The upstream never took the job: void its hold, then fail with the tenant's error. */
    public <T> Uni<T> reject(JobView job, ApiException error) {
        return observe(job, Observation.failed(JobStatus.REJECTED, error.getMessage()))
                .onItem().transformToUni(ignored -> Uni.createFrom().<T>failure(error));
    }

    /** The tenant's own job of this provider, with an upstream id; 404 for anyone else's. */
    public Uni<JobView> owned(String publicId, UUID tenantId, String provider) {
        return Workers.run(() -> queries.owned(publicId, tenantId, provider)).map(job -> {
            if (job.upstreamId() == null) {
                throw new ApiException(409, "conflict",
                        "Job " + publicId + " never reached the provider (" + job.status().wire() + ")");
            }
            return job;
        });
    }
}
