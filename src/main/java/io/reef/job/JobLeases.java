package io.reef.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * The reconciler's claims on due jobs. A claim is a lease (owner + expiry) taken with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same job at once and a crashed
 * replica's claims are taken over when its leases run out. Batches are bounded: the queue is
 * never loaded into memory whole.
 */
@ApplicationScoped
public class JobLeases {

    private static final String CLAIM = """
            UPDATE job SET lease_owner = :owner, lease_until = :until, poll_count = poll_count + 1
            WHERE id IN (SELECT id FROM job
                         WHERE provider = :provider AND next_poll_at IS NOT NULL AND next_poll_at <= :now
                           AND (lease_until IS NULL OR lease_until < :now)
                         ORDER BY next_poll_at
                         LIMIT :limit
                         FOR UPDATE SKIP LOCKED)
            RETURNING id
            """;

    private static final String RELEASE = """
            UPDATE job SET lease_owner = NULL, lease_until = NULL,
                           next_poll_at = CASE WHEN next_poll_at IS NULL THEN NULL ELSE CAST(:next AS timestamptz) END
            WHERE id = :id AND lease_owner = :owner
            """;

    private final EntityManager em;

    public JobLeases(EntityManager em) {
        this.em = em;
    }

    public record Claimed(JobView job, int pollCount, Instant nextPollAt) {
    }

    @Transactional
    public List<Claimed> claimDue(String provider, int limit, String owner, Instant now, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(CLAIM)
                .setParameter("owner", owner)
                .setParameter("until", Sql.at(now.plus(lease)))
                .setParameter("provider", provider)
                .setParameter("now", Sql.at(now))
                .setParameter("limit", limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        em.clear(); // the UPDATE bypassed the persistence context
        List<Job> jobs = Job.list("id in ?1", ids.stream().map(Number::longValue).toList());
        Map<Long, Job> byId = jobs.stream().collect(Collectors.toMap(j -> j.id, Function.identity()));
        return ids.stream().map(id -> byId.get(id.longValue()))
                .map(j -> new Claimed(j.view(), j.pollCount, j.nextPollAt)).toList();
    }

    /** Gives the job back with its next poll time (no-op if it became terminal or the lease was lost). */
    @Transactional
    public void release(long jobId, String owner, Instant nextPollAt) {
        em.createNativeQuery(RELEASE)
                .setParameter("next", Sql.at(nextPollAt))
                .setParameter("id", jobId)
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /** Stops watching a job (an expired job past its late-poll horizon). */
    @Transactional
    public void stopWatching(long jobId, String owner) {
        em.createNativeQuery("UPDATE job SET next_poll_at = NULL, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = :id AND lease_owner = :owner")
                .setParameter("id", jobId).setParameter("owner", owner).executeUpdate();
    }
}
