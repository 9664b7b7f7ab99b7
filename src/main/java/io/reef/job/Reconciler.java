package io.reef.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.ReefClock;
import io.reef.common.ReefMetrics;
import io.reef.common.Workers;
import io.reef.provider.IdempotencyStore;
import io.smallrye.mutiny.Uni;

/**
 * Finishes every job whether or not its tenant ever polls, and after restarts: each replica
 * claims due jobs under a lease, polls them upstream through {@link JobPolls} (the poll-and-apply
 * step tenant polls take, which applies a terminal status with {@link JobFinalizer}), expires overdue ones and
 * keeps watching expired ones for a late completion. Polls per provider are capped per tick.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final ReconcilerConfig config;
    private final JobLeases leases;
    private final JobFinalizer finalizer;
    private final JobPolls polls;
    private final ReefClock clock;
    private final ReefMetrics metrics;
    private final IdempotencyStore idempotencyKeys;
    private final String owner = "reef-" + UUID.randomUUID();
    private volatile boolean stopping;
    private final AtomicBoolean databaseOutage = new AtomicBoolean();

    public Reconciler(ReconcilerConfig config, JobLeases leases, JobFinalizer finalizer,
            JobPolls polls, ReefClock clock, ReefMetrics metrics,
            IdempotencyStore idempotencyKeys) {
        this.config = config;
        this.leases = leases;
        this.finalizer = finalizer;
        this.polls = polls;
        this.clock = clock;
        this.metrics = metrics;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Scheduled(every = "${reef.reconciler.interval:1S}", delayed = "${reef.reconciler.interval:1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> tick() {
        List<Uni<Void>> providers = new ArrayList<>();
        for (String provider : polls.providers()) {
            providers.add(reconcile(provider));
        }
        return Uni.join().all(providers).andCollectFailures().replaceWithVoid()
                .invoke(this::tickSucceeded)
                .onFailure().invoke(this::tickFailed)
                .onFailure().recoverWithNull();
    }

    /**
     * A tick that fails while the application stops (its database or clients already closed)
     * lost nothing: the leases it held expire and another replica, or the next start, claims
     * those jobs again. Only a failure in normal operation is worth a warning, and a database
     * outage only once (ticks keep failing until it ends; the first good tick says so).
     */
    private void tickFailed(Throwable failure) {
        if (stopping) {
            LOG.debugf("Reconciler tick interrupted by shutdown: %s", failure);
        } else if (DatabaseUnavailable.is(failure)) {
            if (!databaseOutage.getAndSet(true)) { // one warning per outage, not one per tick
                LOG.warnf("Database unreachable: reconciler paused until it is back (%s)", failure.toString());
            }
        } else {
            LOG.warn("Reconciler tick failed", failure);
        }
    }

    private void tickSucceeded() {
        if (databaseOutage.getAndSet(false)) {
            LOG.info("Database reachable again: reconciler resumed");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    boolean stopping() { // a method, not the field: other beans see this one through its client proxy
        return stopping;
    }

    /** One bounded batch for one provider: at most max-polls-per-second x interval jobs. */
    Uni<Void> reconcile(String provider) {
        Instant now = clock.now();
        int limit = (int) Math.max(1, config.maxPollsPerSecond() * config.interval().toMillis() / 1000);
        return Workers.run(() -> leases.claimDue(provider, limit, owner, now, config.lease()))
                .flatMap(claimed -> {
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Uni<Void>> work = claimed.stream().map(c -> handle(c, now)).toList();
                    return Uni.join().all(work).andCollectFailures().replaceWithVoid();
                });
    }

    private Uni<Void> handle(JobLeases.Claimed claimed, Instant now) {
        JobView job = claimed.job();
        Instant deadline = job.createdAt().plusSeconds(job.timeoutSeconds()).plus(config.expiryGrace());
        if (job.status() == JobStatus.EXPIRED && now.isAfter(deadline.plus(config.latePollHorizon()))) {
            return Workers.run(() -> {
                leases.stopWatching(job.id(), owner);
                return null;
            });
        }
        boolean orphaned = job.upstreamId() == null && now.isAfter(job.createdAt().plus(JobAdmission.ORPHANED_SUBMIT));
        if (!job.status().terminal() && (now.isAfter(deadline) || orphaned)) {
            return expire(job, orphaned);
        }
        if (job.upstreamId() == null) {
            if (job.status().terminal()) { // nothing to ask the provider about
                return Workers.run(() -> {
                    leases.stopWatching(job.id(), owner);
                    return null;
                });
            }
            return giveBack(job, now.plus(config.minPollInterval()));
        }
        return polls.pollAndApply(job)
                .onFailure().invoke(f -> LOG.debugf("Poll of %s job %s failed: %s", job.provider(), job.publicId(), f))
                .onItemOrFailure().transformToUni(
                        (ignored, failure) -> giveBack(job, clock.now().plus(nextInterval(claimed.pollCount(), job.status()))));
    }

    private Uni<Void> expire(JobView job, boolean orphaned) {
        return Workers.run(() -> finalizer.observe(job.id(), Observation.failed(JobStatus.EXPIRED,
                orphaned ? "submission interrupted before the provider answered" : "timed out")))
                .invoke(expired -> {
                    metrics.jobsExpired(job.provider(), 1);
                    LOG.warnf("Expired %s job %s (tenant %s) after %ds without a terminal status; hold voided",
                            job.provider(), job.publicId(), job.tenantId(), job.timeoutSeconds());
                })
                .replaceWithVoid();
    }

    private Uni<Void> giveBack(JobView job, Instant next) {
        return Workers.run(() -> {
            leases.giveBack(job.id(), owner, next);
            return null;
        });
    }

    private Duration nextInterval(int pollCount, JobStatus status) {
        if (status == JobStatus.EXPIRED) {
            return config.latePollInterval();
        }
        Duration min = config.minPollInterval();
        Duration backedOff = min.multipliedBy(1L + pollCount / 5); // every 5 polls, one step slower
        return backedOff.compareTo(config.maxPollInterval()) > 0 ? config.maxPollInterval() : backedOff;
    }

    /** Forgets idempotency keys past their retention (at least 24 h). */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeIdempotencyKeys() {
        int purged = idempotencyKeys.purgeOlderThan(clock.now().minus(config.idempotencyRetention()));
        if (purged > 0) {
            LOG.infof("Purged %d idempotency keys older than %s", purged, config.idempotencyRetention());
        }
    }

    /** Skips ticks when the reconciler is disabled by configuration, or once the application stops. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final ReconcilerConfig config;
        private final Reconciler reconciler;

        public Disabled(ReconcilerConfig config, Reconciler reconciler) {
            this.config = config;
            this.reconciler = reconciler;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled() || reconciler.stopping();
        }
    }
}
