package io.reef.job;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Read access to jobs on behalf of a tenant. */
@ApplicationScoped
public class JobQueries {

    private final JobRepository jobs;

    public JobQueries(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The job with this public id, or null. Callers check ownership (another tenant's job is a 404). */
    @Transactional
    public JobView find(String publicId) {
        Job job = jobs.byPublicId(publicId);
        return job == null ? null : job.view();
    }

    /**
     * The tenant's own job with this public id; null when there is none or it is another tenant's
     * (the caller answers both alike, as a poll of another tenant's job is a 404).
     */
    @Transactional
    public JobView ownJob(UUID tenantId, String publicId) {
        Job job = jobs.byPublicId(publicId);
        return job == null || !job.tenantId.equals(tenantId) ? null : job.view();
    }

    /**
     * A page of the tenant's own jobs, newest first: those in {@code statuses} (null: any),
     * skipping {@code offset}.
     */
    @Transactional
    public List<JobView> ownJobs(UUID tenantId, Set<JobStatus> statuses, int offset, int limit) {
        return jobs.recent(tenantId, statuses, null, offset, limit).stream()
                .map(Job::view).toList();
    }

    /** A job as the database has it now, with the provider's body that ended it (if it has ended). */
    public record Latest(JobView job, String terminalBody) {
    }

    /** The job's row as it is now (the cached view's status may lag behind it), or null. */
    @Transactional
    public Latest latest(long jobId) {
        Job job = jobs.byId(jobId);
        return job == null ? null : new Latest(job.view(), job.terminalBody);
    }

    /** The tenant's jobs newest first, a page at a time (keyset on the internal id). */
    @Transactional
    public List<JobView> recent(UUID tenantId, Long beforeId, int limit) {
        return jobs.recent(tenantId, beforeId, limit).stream().map(Job::view).toList();
    }

    /**
     * Every tenant's jobs matching the filter (the operator's list), a keyset page on the internal
     * id: newest first before {@code beforeId} (from the newest if null), or, with {@code afterId},
     * the page after it oldest first.
     */
    @Transactional
    public List<JobRow> rows(JobFilter filter, Long beforeId, Long afterId, int limit) {
        return jobs.rows(filter, beforeId, afterId, limit);
    }

    /** One job as the operator's page shows it, or null if no job has this public id. */
    @Transactional
    public JobDetail detail(String publicId) {
        return jobs.detail(publicId);
    }
}
