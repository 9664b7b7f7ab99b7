package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.ReefMetrics;
import io.reef.common.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * Where holds are placed, posted and voided: the only code that moves a tenant's held amount,
 * open-job count and period spend. All of it is plain SQL on the tenant row, so it is atomic
 * across any number of replicas.
 *
 * <p>Invariant kept by these statements: {@code tenant.held_micros} is the sum of open holds and
 * {@code tenant.active_jobs} their count; a job keeps its concurrency slot exactly as long as
 * its hold is open.
 */
@ApplicationScoped
public class Holds {

    /*
     * One statement decides and places the hold and writes the job row it belongs to: the
     * conditional UPDATE checks tenant active, under its concurrency and per-minute limits, and
     * period spend + open holds + this hold <= limit; the INSERT only happens if it matched. Under
     * READ COMMITTED PostgreSQL re-checks the WHERE clause against the newest row version when it
     * waits for a concurrent writer, and every term is a column of this row, so concurrent
     * admissions on any replica serialise on the row and can never overshoot. Run in autocommit,
     * the tenant row is locked only for this statement's own commit.
     *
     * That commit does not wait for its WAL flush (synchronous_commit off for this transaction
     * only: set_config(..., true) ends with it, so the pooled connection stays synchronous).
     * Atomicity, isolation and visibility are unchanged: the hold is committed and every other
     * admission on any replica sees it. What is deferred is durability, and only until the next
     * synchronous commit of the same request, which always comes before the tenant hears anything:
     * the upstream id (JobFinalizer), or the void of a hold the provider refused. A flush writes
     * the WAL up to that later commit, so it makes this one durable too. Why: with a synchronous
     * commit the tenant row stays locked through the disk flush, so one tenant's admissions
     * queued behind every slow fsync (measured: the hold statement's p99 was 4.4 ms at 500 req/s,
     * ten times its p50). A PostgreSQL crash (or failover) inside that window loses the hold
     * together with its job row; the request then cannot record the upstream id either, so Reef
     * answers 503 with an operator alert naming the provider's id, as whenever that write fails
     * (JobSteps.submitted).
     */
    private static final String PLACE_FOR_NEW_JOB = """
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

    private static final String DIAGNOSE = """
            SELECT status, max_concurrent_jobs, active_jobs, requests_per_minute,
                   reef_rate_count(rate_window_start, rate_window_count, CAST($2 AS timestamptz)),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, CAST($2 AS timestamptz)) + held_micros + CAST($3 AS bigint),
                   quota_limit_micros
            FROM tenant WHERE id = CAST($1 AS uuid)
            """;

    /** Releases an open hold (and its job slot) and adds a charge to the period spend. */
    private static final String SETTLE = """
            UPDATE tenant SET
              held_micros = held_micros - :releasedHold,
              active_jobs = active_jobs - :releasedSlot,
              spent_micros = reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now) + :charge,
              spent_period_start = reef_period_start(quota_period, :now)
            WHERE id = :tenant
            """;

    private static final String INSERT_CHARGE = """
            INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
            VALUES (:job, :tenant, :provider, :model, :cost, :price, :now, :kind)
            ON CONFLICT (job_id) DO NOTHING
            """;

    /** Moves an open hold by the difference and reads back the tenant's period spend + open holds, and its limit. */
    private static final String RESIZE = """
            UPDATE tenant SET held_micros = held_micros + :delta WHERE id = :tenant
            RETURNING reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now) + held_micros,
                      quota_limit_micros
            """;

    private final EntityManager em;
    private final ReactivePg pg;
    private final ReefMetrics metrics;

    public Holds(EntityManager em, ReactivePg pg, ReefMetrics metrics) {
        this.em = em;
        this.pg = pg;
        this.metrics = metrics;
    }

    /**
     * Checks every admission limit, places the hold and writes the job's row, in one atomic
     * statement (autocommit, on the reactive client: no worker thread, no transaction round trip).
     * Emits the new job's id, or the reason nothing was written.
     */
    public Uni<Placement> placeForNewJob(UUID tenantId, long holdMicros, Instant now, NewJob job) {
        Tuple args = Tuple.tuple()
                .addUUID(tenantId)
                .addLong(holdMicros)
                .addOffsetDateTime(Sql.at(now))
                .addString(job.publicId())
                .addUUID(job.apiKeyId())
                .addString(job.provider())
                .addString(job.model())
                .addInteger(job.markupBp())
                .addLong(job.expectedCostMicros())
                .addInteger(job.timeoutSeconds())
                .addOffsetDateTime(Sql.at(job.nextPollAt()));
        return pg.execute(PLACE_FOR_NEW_JOB, args).flatMap(rows -> {
            RowIterator<Row> placed = rows.iterator();
            if (placed.hasNext()) {
                metrics.holdPlaced(tenantId.toString(), holdMicros);
                return Uni.createFrom().item(new Placement(placed.next().getLong(0), HoldDecision.PLACED));
            }
            return diagnose(tenantId, holdMicros, now).map(decision -> {
                metrics.admissionRejected(tenantId.toString(), decision.outcome().name().toLowerCase());
                return new Placement(null, decision);
            });
        });
    }

    /** The job row written together with its hold. */
    public record NewJob(String publicId, UUID apiKeyId, String provider, String model, int markupBp,
            long expectedCostMicros, int timeoutSeconds, Instant nextPollAt) {
    }

    /** The new job's id when the hold was placed; otherwise why not. */
    public record Placement(Long jobId, HoldDecision decision) {
    }

    /**
     * Records a completed job's charge: one ledger entry per job, ever. A {@link LedgerKind#CHARGE}
     * posts the job's open hold; a {@link LedgerKind#LATE_CHARGE} charges a job whose hold was
     * already voided, leaving the hold alone. Either adds the price to the period spend. Returns
     * false if the job was already charged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean post(HeldJob job, long costMicros, long priceMicros, Instant now, LedgerKind kind) {
        if (job.holdOpen() != (kind == LedgerKind.CHARGE)) {
            throw new IllegalStateException("job " + job.jobId() + ": a " + kind.wire() + " with its hold "
                    + (job.holdOpen() ? "open" : "settled"));
        }
        int inserted = em.createNativeQuery(INSERT_CHARGE)
                .setParameter("job", job.jobId())
                .setParameter("tenant", job.tenantId())
                .setParameter("provider", job.provider())
                .setParameter("model", job.model())
                .setParameter("cost", costMicros)
                .setParameter("price", priceMicros)
                .setParameter("now", Sql.at(now))
                .setParameter("kind", kind.wire())
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        settle(job, priceMicros, now);
        metrics.charged(job.tenantId().toString(), job.provider(), costMicros, priceMicros);
        return true;
    }

    /** Voids a job's open hold (failed, cancelled, moderated, expired, rejected upstream). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(HeldJob job, Instant now) {
        if (job.holdOpen()) {
            settle(job, 0, now);
            metrics.holdVoided(job.tenantId().toString(), job.holdMicros());
        }
    }

    /**
     * Re-sizes an open hold to a better estimate (the job is already admitted: no quota check).
     * Returns the tenant's period spend + open holds after the change and its limit, or null if
     * nothing changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Exposure resize(HeldJob job, long newHoldMicros, Instant now) {
        if (!job.holdOpen() || newHoldMicros == job.holdMicros()) {
            return null;
        }
        Object[] row = (Object[]) em.createNativeQuery(RESIZE)
                .setParameter("delta", newHoldMicros - job.holdMicros())
                .setParameter("tenant", job.tenantId())
                .setParameter("now", Sql.at(now))
                .getSingleResult();
        return new Exposure(Sql.longValue(row[0]), Sql.longValue(row[1]));
    }

    /** A tenant's period spend plus open holds, against its quota limit. */
    public record Exposure(long spentAndHeldMicros, long limitMicros) {
        public boolean overLimit() {
            return spentAndHeldMicros > limitMicros;
        }
    }

    private void settle(HeldJob job, long chargeMicros, Instant now) {
        em.createNativeQuery(SETTLE)
                .setParameter("releasedHold", job.holdOpen() ? job.holdMicros() : 0L)
                .setParameter("releasedSlot", job.holdOpen() ? 1 : 0)
                .setParameter("charge", chargeMicros)
                .setParameter("now", Sql.at(now))
                .setParameter("tenant", job.tenantId())
                .executeUpdate();
    }

    /** Why a hold was refused: the same terms as the placing statement, read back. */
    private Uni<HoldDecision> diagnose(UUID tenantId, long holdMicros, Instant now) {
        return pg.execute(DIAGNOSE, Tuple.of(tenantId, Sql.at(now), holdMicros))
                .map(rows -> decide(rows.iterator(), now));
    }

    private static HoldDecision decide(RowIterator<Row> rows, Instant now) {
        if (!rows.hasNext()) {
            return new HoldDecision(HoldDecision.Outcome.TENANT_MISSING, null);
        }
        Row r = rows.next();
        if (!"active".equals(r.getString(0))) {
            return new HoldDecision(HoldDecision.Outcome.SUSPENDED, null);
        }
        if (r.getInteger(1) != null && r.getInteger(2) >= r.getInteger(1)) {
            return new HoldDecision(HoldDecision.Outcome.CONCURRENCY_LIMIT, 1L);
        }
        if (r.getInteger(3) != null && r.getInteger(4) >= r.getInteger(3)) {
            long secondsIntoMinute = now.getEpochSecond() % 60;
            return new HoldDecision(HoldDecision.Outcome.RATE_LIMIT, 60 - secondsIntoMinute);
        }
        if (r.getLong(5) > r.getLong(6)) {
            return new HoldDecision(HoldDecision.Outcome.QUOTA_EXHAUSTED, null);
        }
        // Capacity was freed between the two statements: report it as contention, retry at once.
        return new HoldDecision(HoldDecision.Outcome.CONCURRENCY_LIMIT, 1L);
    }
}
