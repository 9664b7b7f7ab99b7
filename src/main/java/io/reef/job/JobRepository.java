package io.reef.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Timeouts;
import org.hibernate.jpa.SpecHints;

import io.reef.common.Sql;
import io.reef.ledger.ReactivePg;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * Every statement on the job table. Blocking work (in the caller's transaction) goes through the
 * {@link Job} entity: finds, the row lock of a status change, the reconciler's leases. The two
 * statements on every generate request run on the reactive client in autocommit, without a
 * worker thread: the admission (the job row written with its hold) and the upstream id.
 */
@ApplicationScoped
public class JobRepository {

    /*
     * One statement places the hold and writes the job row it belongs to: the conditional UPDATE
     * of the tenant's counters checks tenant active, under its concurrency and per-minute limits,
     * and period spend + open holds + this hold <= limit; the INSERT only happens if it matched.
     * Under READ COMMITTED PostgreSQL re-checks the WHERE clause against the newest row version
     * when it waits for a concurrent writer, and every term is a column of this row, so concurrent
     * admissions on any replica serialise on the row and can never overshoot. Run in autocommit,
     * the tenant row is locked only for this statement's own commit. (It is the one statement on
     * the tenant's counters outside LedgerRepository, because it must be one statement with the
     * job row's INSERT; LedgerRepository.refusalTerms reads the same terms back.)
     *
     * That commit does not wait for its WAL flush (synchronous_commit off for this transaction
     * only: set_config(..., true) ends with it, so the pooled connection stays synchronous).
     * Atomicity, isolation and visibility are unchanged: the hold is committed and every other
     * admission on any replica sees it. What is deferred is durability, and only until the next
     * synchronous commit of the same request, which always comes before the tenant hears anything:
     * the upstream id (RECORD_UPSTREAM_ID), or the void of a hold the provider refused. A flush
     * writes the WAL up to that later commit, so it makes this one durable too. Why: with a
     * synchronous commit the tenant row stays locked through the disk flush, so one tenant's
     * admissions queued behind every slow fsync (measured: the hold statement's p99 was 4.4 ms at
     * 500 req/s, ten times its p50). A PostgreSQL crash (or failover) inside that window loses the
     * hold together with its job row; the request then cannot record the upstream id either, so
     * Reef answers 503 with an operator alert naming the provider's id, as whenever that write
     * fails (JobFlow.submitted).
     */
    private static final String INSERT_WITH_HOLD = """
            WITH p AS (SELECT CAST($1 AS uuid) AS tenant, CAST($2 AS bigint) AS hold, CAST($3 AS timestamptz) AS now,
                              set_config('synchronous_commit', 'off', true) AS durable_with_the_next_commit),
            held AS (
              UPDATE tenant t SET
                held_micros = t.held_micros + p.hold,
                active_jobs = t.active_jobs + 1,
                spent_micros = reef_spent_in_period(t.spent_period_start, t.spent_micros, t.quota_period, p.now),
                spent_period_start = reef_period_start(t.quota_period, p.now),
                rate_window_count = reef_rate_count(t.rate_window_start, t.rate_window_count, p.now) + 1,
                rate_window_start = date_trunc('minute', p.now, 'UTC')
              FROM p
              WHERE t.id = p.tenant
                AND t.status = 'active'
                AND (t.max_concurrent_jobs IS NULL OR t.active_jobs < t.max_concurrent_jobs)
                AND (t.requests_per_minute IS NULL
                     OR reef_rate_count(t.rate_window_start, t.rate_window_count, p.now) < t.requests_per_minute)
                AND reef_spent_in_period(t.spent_period_start, t.spent_micros, t.quota_period, p.now)
                    + t.held_micros + p.hold <= t.quota_limit_micros
              RETURNING t.id, p.hold, p.now)
            INSERT INTO job (tenant_id, hold_micros, created_at, updated_at, hold_state, status,
                             public_id, api_key_id, provider, model, markup_bp, expected_cost_micros,
                             timeout_seconds, next_poll_at)
            SELECT held.id, held.hold, held.now, held.now, 'open', 'submitting', CAST($4 AS text), CAST($5 AS uuid),
                   CAST($6 AS text), CAST($7 AS text), CAST($8 AS integer), CAST($9 AS bigint), CAST($10 AS integer),
                   CAST($11 AS timestamptz)
            FROM held
            RETURNING id
            """;

    /*
     * Its commit is synchronous, and it is what makes the job's hold durable too (see
     * INSERT_WITH_HOLD). The row is matched by its random public id as well: were the job row lost
     * in a database crash, a recycled numeric id must not take another job's upstream id.
     */
    private static final String RECORD_UPSTREAM_ID = """
            UPDATE job SET upstream_id = CAST($1 AS text), updated_at = CAST($2 AS timestamptz),
                           status = CASE WHEN status IN ('submitting', 'pending') THEN CAST($3 AS text) ELSE status END,
                           next_poll_at = CASE WHEN status IN ('submitting', 'pending', 'running') THEN CAST($4 AS timestamptz) ELSE next_poll_at END
            WHERE id = CAST($5 AS bigint) AND public_id = CAST($6 AS text)
            """;

    private static final String DUE = "provider = ?1 and nextPollAt is not null and nextPollAt <= ?2 "
            + "and (leaseUntil is null or leaseUntil < ?2) order by nextPollAt";

    private static final String GIVE_BACK_WATCHED = "leaseOwner = null, leaseUntil = null, nextPollAt = ?1 "
            + "where id = ?2 and leaseOwner = ?3 and nextPollAt is not null";

    private static final String GIVE_BACK = "leaseOwner = null, leaseUntil = null where id = ?1 and leaseOwner = ?2";

    private static final String STOP_WATCHING = "nextPollAt = null, leaseOwner = null, leaseUntil = null "
            + "where id = ?1 and leaseOwner = ?2";

    private final ReactivePg pg;

    public JobRepository(ReactivePg pg) {
        this.pg = pg;
    }

    /**
     * Places the new job's hold and writes its row, in one atomic autocommit statement; emits the
     * row's id, or null (nothing written) when the tenant's state or limits refuse the hold.
     */
    Uni<Long> insertWithHold(Job job) {
        Tuple args = Tuple.tuple()
                .addUUID(job.tenantId)
                .addLong(job.holdMicros)
                .addOffsetDateTime(Sql.at(job.createdAt))
                .addString(job.publicId)
                .addUUID(job.apiKeyId)
                .addString(job.provider)
                .addString(job.model)
                .addInteger(job.markupBp)
                .addLong(job.expectedCostMicros)
                .addInteger(job.timeoutSeconds)
                .addOffsetDateTime(Sql.at(job.nextPollAt));
        return pg.execute(INSERT_WITH_HOLD, args).map(rows -> {
            RowIterator<Row> inserted = rows.iterator();
            return inserted.hasNext() ? inserted.next().getLong(0) : null;
        });
    }

    /**
     * Records the upstream id in autocommit; a non-terminal status before it becomes {@code
     * status}. Emits whether the row was there (matched by id and public id).
     */
    Uni<Boolean> recordUpstreamId(long id, String publicId, String upstreamId, JobStatus status, Instant now,
            Instant firstPollAt) {
        Tuple args = Tuple.of(upstreamId, Sql.at(now), status.wire(), Sql.at(firstPollAt), id, publicId);
        return pg.execute(RECORD_UPSTREAM_ID, args).map(updated -> updated.rowCount() == 1);
    }

    /** The job's row, locked until the transaction ends (concurrent status changes serialise on it), or null. */
    Job lock(long id) {
        return Job.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    Job byId(long id) {
        return Job.findById(id);
    }

    Job byPublicId(String publicId) {
        return Job.find("publicId", publicId).firstResult();
    }

    /** The tenant's jobs newest first, a page at a time (keyset on the internal id). */
    List<Job> recent(UUID tenantId, Long beforeId, int limit) {
        var query = beforeId == null
                ? Job.<Job> find("tenantId = ?1 order by id desc", tenantId)
                : Job.<Job> find("tenantId = ?1 and id < ?2 order by id desc", tenantId, beforeId);
        return query.page(0, limit).list();
    }

    /**
     * Leases up to {@code limit} of the provider's due jobs, soonest due first, to {@code owner}
     * until {@code leaseUntil}, and counts the poll. Rows locked by another transaction (another
     * replica's claim, a status change) are skipped, not waited for ({@code FOR UPDATE SKIP
     * LOCKED}); the lease is written when the caller's transaction commits.
     */
    List<Job> claimDue(String provider, int limit, String owner, Instant now, Instant leaseUntil) {
        List<Job> due = Job.<Job> find(DUE, provider, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, Timeouts.SKIP_LOCKED_MILLI)
                .page(0, limit)
                .list();
        for (Job job : due) {
            job.leaseOwner = owner;
            job.leaseUntil = leaseUntil;
            job.pollCount++;
        }
        return due;
    }

    /** Ends the owner's lease with the next poll time (none if it became terminal meanwhile or the lease was lost). */
    void giveBack(long id, String owner, Instant nextPollAt) {
        if (Job.update(GIVE_BACK_WATCHED, nextPollAt, id, owner) == 0) { // or no longer watched
            Job.update(GIVE_BACK, id, owner);
        }
    }

    /** Ends the owner's lease and takes the job off the reconciler's queue. */
    void stopWatching(long id, String owner) {
        Job.update(STOP_WATCHING, id, owner);
    }
}
