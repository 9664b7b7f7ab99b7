package io.reef.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The reconciler's claims on due jobs. A claim is a lease (owner + expiry) taken under {@code FOR
 * UPDATE SKIP LOCKED}, so replicas never claim the same job at once and a crashed replica's claims
 * are taken over when its leases run out. Batches are bounded: the queue is never loaded into
 * memory whole. A lease ends when its owner gives the job back (with its next poll time) or stops
 * watching it.
 */
@ApplicationScoped
public class JobLeases {

    private final JobRepository jobs;

    public JobLeases(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** A claimed job and how often the reconciler has now polled it (its poll spacing backs off with it). */
    public record Claimed(JobView job, int pollCount) {
    }

    @Transactional
    public List<Claimed> claimDue(String provider, int limit, String owner, Instant now, Duration lease) {
        return jobs.claimDue(provider, limit, owner, now, now.plus(lease)).stream()
                .map(j -> new Claimed(j.view(), j.pollCount)).toList();
    }

    /** Gives the job back with its next poll time (no-op if it became terminal or the lease was lost). */
    @Transactional
    public void giveBack(long jobId, String owner, Instant nextPollAt) {
        jobs.giveBack(jobId, owner, nextPollAt);
    }

    /** Stops watching a job (an expired job past its late-poll horizon, or one with nothing to ask upstream). */
    @Transactional
    public void stopWatching(long jobId, String owner) {
        jobs.stopWatching(jobId, owner);
    }
}
