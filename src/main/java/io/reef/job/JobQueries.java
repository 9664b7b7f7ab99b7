package io.reef.job;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ApiException;

/** Read access to jobs on behalf of a tenant. */
@ApplicationScoped
public class JobQueries {

    /** The tenant's job with this public id; another tenant's (or no) job is a 404. */
    @Transactional
    public JobView owned(String publicId, UUID tenantId, String provider) {
        Job job = Job.find("publicId", publicId).firstResult();
        if (job == null || !job.tenantId.equals(tenantId) || !job.provider.equals(provider)) {
            throw ApiException.notFound("No such task: " + publicId);
        }
        return job.view();
    }

    /** The tenant's jobs newest first, a page at a time (keyset on the internal id). */
    @Transactional
    public java.util.List<JobView> recent(UUID tenantId, Long beforeId, int limit) {
        var query = beforeId == null
                ? Job.<Job>find("tenantId = ?1 order by id desc", tenantId)
                : Job.<Job>find("tenantId = ?1 and id < ?2 order by id desc", tenantId, beforeId);
        return query.page(0, limit).list().stream().map(Job::view).toList();
    }
}
