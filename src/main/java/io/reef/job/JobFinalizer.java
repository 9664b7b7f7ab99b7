package io.reef.job;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.reef.common.ReefClock;
import io.reef.ledger.Holds;
import io.reef.ledger.LedgerEntry;
import io.reef.ledger.LedgerKind;
import io.reef.ledger.OvershootAlerts;
import io.smallrye.mutiny.Uni;

/**
 * Where a job's status changes and where it becomes terminal: the one code path used by the
 * synchronous wait, tenant polls, cancels, submit failures, expiry and the reconciler.
 * The job row is locked for the transition, so concurrent observers serialise; the ledger's
 * unique job id makes a second charge impossible even beyond that. A terminal job's hold is
 * posted (completed: its charge) or voided (every other end); a job that completes after its
 * hold was voided gets a late charge.
 */
@ApplicationScoped
public class JobFinalizer {

    private static final Logger LOG = Logger.getLogger(JobFinalizer.class);

    private final JobRepository jobs;
    private final Holds holds;
    private final ReefClock clock;
    private final java.time.Duration latePollInterval;
    private final OvershootAlerts overshoots;

    public JobFinalizer(JobRepository jobs, Holds holds, ReefClock clock, ReconcilerConfig config,
            OvershootAlerts overshoots) {
        this.jobs = jobs;
        this.overshoots = overshoots;
        this.holds = holds;
        this.clock = clock;
        this.latePollInterval = config.latePollInterval();
    }

    /**
     * The fast path of {@link #submitted}: the provider accepted the job and nothing else changes,
     * so one autocommit UPDATE on the reactive client records its id (no lock round trip, no
     * transaction, no worker thread). Its commit is synchronous, and it is what makes the job's
     * hold durable too (see JobRepository.insertWithHold). The row is matched by its random public
     * id as well: were the job row lost in a database crash, a recycled numeric id must not take
     * another job's upstream id, and a missing row fails the write (then an operator alert).
     */
    public Uni<JobView> recordUpstreamId(JobView job, String upstreamId, String account, JobStatus status,
            Instant firstPollAt) {
        JobStatus newStatus = job.status() == JobStatus.SUBMITTING || job.status() == JobStatus.PENDING
                ? status
                : job.status();
        return jobs.recordUpstreamId(job.id(), job.publicId(), upstreamId, account, status, clock.now(), firstPollAt)
                .map(found -> {
                    if (!found) {
                        throw new IllegalStateException("job row " + job.publicId() + " not found");
                    }
                    return new JobView(job.id(), job.publicId(), job.tenantId(), job.provider(), job.model(),
                            upstreamId, account, newStatus, job.markupBp(), job.holdMicros(), job.costMicros(),
                            job.priceMicros(), job.timeoutSeconds(), job.error(), job.createdAt(), job.terminalAt());
                });
    }

    /**
     * The upstream accepted the job: remember its id and account so anyone can poll it from now on, and, when
     * the provider quoted its own expected cost, re-size the hold to it (no quota check: the job is
     * already admitted; a re-size past the tenant's limit is an operator alert). Like
     * {@link #recordUpstreamId}, a row that is not this job's (lost in a crash, its numeric id
     * handed out again) fails the write.
     */
    @Transactional
    public JobView submitted(JobView submittedJob, String upstreamId, String account, Observation observation,
            Instant firstPollAt, Long providerExpectedCostMicros) {
        Job job = lock(submittedJob.id());
        if (!job.publicId.equals(submittedJob.publicId())) {
            throw new IllegalStateException("job row " + submittedJob.publicId() + " not found");
        }
        if (providerExpectedCostMicros != null) {
            resizeHold(job, providerExpectedCostMicros);
        }
        job.upstreamId = upstreamId;
        job.upstreamAccount = account;
        job.nextPollAt = firstPollAt;
        job.updatedAt = clock.now();
        if (job.status == JobStatus.SUBMITTING) {
            job.status = JobStatus.PENDING;
        }
        return apply(job, observation);
    }

    private void resizeHold(Job job, long newExpectedCostMicros) {
        long newHold = job.view().priceFor(newExpectedCostMicros);
        long oldHold = job.holdMicros;
        Holds.Exposure exposure = job.holdOpen() ? holds.resize(job.tenantId, job.apiKeyId, oldHold, newHold, clock.now())
                : null;
        if (exposure != null) {
            job.holdMicros = newHold;
            overshoots.checkResize(job.publicId, job.tenantId, job.provider, oldHold, newHold, exposure);
        }
        job.expectedCostMicros = newExpectedCostMicros;
    }

    /** Applies what the provider (or Reef's expiry) says about a job. */
    @Transactional
    public JobView observe(long jobId, Observation observation) {
        return apply(lock(jobId), observation);
    }

    private JobView apply(Job job, Observation observation) {
        Instant now = clock.now();
        JobStatus next = observation.status();
        if (!next.terminal()) {
            if (!job.status.terminal() && job.status != next) {
                job.status = next;
                job.updatedAt = now;
            }
            return job.view();
        }
        if (job.status.terminal()) {
            if (job.status == JobStatus.EXPIRED && next == JobStatus.COMPLETED) {
                end(job, JobStatus.COMPLETED, null, now, null);
                job.terminalBody = observation.providerBody();
                charge(job, observation, now);
                LOG.warnf("Late completion of expired job %s (tenant %s): a late charge of %d micro-USD", job.publicId,
                        job.tenantId, job.priceMicros);
            } else if (job.status == JobStatus.EXPIRED) {
                job.nextPollAt = null; // the provider ended it too: nothing left to watch
            }
            return job.view(); // otherwise already made terminal by whoever saw it first
        }
        job.terminalBody = observation.providerBody();
        if (next == JobStatus.COMPLETED) {
            end(job, next, null, now, null);
            charge(job, observation, now);
        } else {
            job.voidHold();
            // an expired job is still watched for a late completion, which is then charged once
            end(job, next, observation.error(), now, next == JobStatus.EXPIRED ? now.plus(latePollInterval) : null);
            holds.voidHold(job.tenantId, job.apiKeyId, job.holdMicros, now); // last: the tenant row is locked only until the commit
        }
        return job.view();
    }

    /**
     * Charges a completed job; last in the transaction, so the tenant row is locked only until the
     * commit. An open hold is posted; a hold already voided (the job expired, then completed) stays
     * voided, and the job gets a late charge instead.
     */
    private void charge(Job job, Observation observation, Instant now) {
        // an unreadable cost was already alerted on by the provider mapping: charge the expectation
        long cost = observation.costMicros() != null ? observation.costMicros() : job.expectedCostMicros;
        long price = job.view().priceFor(cost);
        job.costMicros = cost;
        job.priceMicros = price;
        LedgerEntry entry = new LedgerEntry(job.id, job.tenantId, job.apiKeyId, job.provider, job.model, cost, price);
        LedgerKind kind = job.holdOpen() ? LedgerKind.CHARGE : LedgerKind.LATE_CHARGE;
        boolean charged;
        if (kind == LedgerKind.CHARGE) {
            job.postHold();
            charged = holds.post(entry, job.holdMicros, now);
        } else {
            charged = holds.chargeLate(entry, now);
        }
        if (charged) {
            overshoots.checkCharge(job.publicId, job.tenantId, job.provider, job.holdMicros, price, kind);
        }
    }

    private static void end(Job job, JobStatus status, String error, Instant now, Instant nextPollAt) {
        job.status = status;
        job.error = error;
        job.terminalAt = now;
        job.updatedAt = now;
        job.nextPollAt = nextPollAt;
        job.leaseOwner = null;
        job.leaseUntil = null;
    }

    private Job lock(long jobId) {
        Job job = jobs.lock(jobId);
        if (job == null) {
            throw new IllegalStateException("job " + jobId + " vanished");
        }
        return job;
    }
}
