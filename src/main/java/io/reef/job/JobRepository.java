package io.reef.job;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Timeouts;
import org.hibernate.jpa.SpecHints;

import io.quarkus.panache.common.Parameters;
import io.reef.common.Sql;
import io.reef.ledger.ReactivePg;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.Row;
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
     * One statement places the hold and writes the job row it belongs to: reef_admit (V5) moves the
     * tenant row by a conditional UPDATE (active, allowed models, rate and concurrency, period
     * spend + open holds + this hold <= limit and, for a prepaid tenant, lifetime spend + open
     * holds + this hold <= unexpired credit), then the key row by its own (revoked, expired, its
     * allowed models, rate, concurrency and budget): tenant first, then key, the lock order of
     * every statement that locks both (see io.reef.ledger.Holds). Then it inserts the job. If the
     * key refuses, the tenant's move is taken back before the lock is released, so a refusal
     * changes nothing; it names its reason. Under READ COMMITTED PostgreSQL re-checks each UPDATE's
     * WHERE on the newest row version once the lock is granted, so concurrent admissions on any
     * replica serialise on the tenant row and can never overshoot. Run in autocommit, the rows are
     * locked only for this statement's own commit.
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
            SELECT job_id, refusal FROM reef_admit(CAST($1 AS uuid), CAST($2 AS uuid), CAST($3 AS bigint),
                   CAST($4 AS timestamptz), CAST($5 AS text), CAST($6 AS text), CAST($7 AS text), CAST($8 AS integer),
                   CAST($9 AS bigint), CAST($10 AS integer), CAST($11 AS timestamptz))
            """;

    /*
     * Its commit is synchronous, and it is what makes the job's hold durable too (see
     * INSERT_WITH_HOLD). The row is matched by its random public id as well: were the job row lost
     * in a database crash, a recycled numeric id must not take another job's upstream id.
     */
    private static final String RECORD_UPSTREAM_ID = """
            UPDATE job SET upstream_id = CAST($1 AS text), upstream_account = CAST($7 AS text), updated_at = CAST($2 AS timestamptz),
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

    /** What the admission statement did: the job row's id, or (nothing written) why not. */
    record Placement(Long jobId, String refusal) {
    }

    /**
     * Places the new job's hold and writes its row, in one atomic autocommit statement; emits the
     * row's id, or the refusal (nothing written) when the key's or the tenant's state or limits
     * refuse the hold.
     */
    Uni<Placement> insertWithHold(Job job) {
        Tuple args = Tuple.tuple()
                .addUUID(job.tenantId)
                .addUUID(job.apiKeyId)
                .addLong(job.holdMicros)
                .addOffsetDateTime(Sql.at(job.createdAt))
                .addString(job.model)
                .addString(job.publicId)
                .addString(job.provider)
                .addInteger(job.markupBp)
                .addLong(job.expectedCostMicros)
                .addInteger(job.timeoutSeconds)
                .addOffsetDateTime(Sql.at(job.nextPollAt));
        return pg.execute(INSERT_WITH_HOLD, args).map(rows -> {
            Row r = rows.iterator().next();
            return new Placement(r.getLong(0), r.getString(1));
        });
    }

    /**
     * Records the upstream id in autocommit; a non-terminal status before it becomes {@code
     * status}. Emits whether the row was there (matched by id and public id).
     */
    Uni<Boolean> recordUpstreamId(long id, String publicId, String upstreamId, String account, JobStatus status,
            Instant now, Instant firstPollAt) {
        Tuple args = Tuple.of(upstreamId, Sql.at(now), status.wire(), Sql.at(firstPollAt), id, publicId).addString(account);
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
        return recent(tenantId, null, beforeId, 0, limit);
    }

    /**
     * The tenant's jobs newest first ({@code job_tenant_recent}): those in {@code statuses} (null:
     * any), with an id below {@code beforeId} (null: from the newest), skipping {@code offset}.
     */
    List<Job> recent(UUID tenantId, Set<JobStatus> statuses, Long beforeId, int offset, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Parameters params = Parameters.with("tenant", tenantId);
        if (statuses != null) {
            query.append(" and status in :statuses");
            params.and("statuses", statuses);
        }
        if (beforeId != null) {
            query.append(" and id < :before");
            params.and("before", beforeId);
        }
        return Job.<Job> find(query.append(" order by id desc").toString(), params).range(offset, offset + limit - 1)
                .list();
    }

    private static final String ROW_COLUMNS = "j.id, j.public_id, j.tenant_id, t.name, j.provider, j.model, j.status, "
            + "j.hold_micros, j.hold_state, j.cost_micros, j.price_micros, j.upstream_account, j.created_at, j.terminal_at";

    /**
     * Every tenant's jobs matching the filter, a keyset page on the internal id: newest first
     * before {@code beforeId} (or from the newest), or oldest first after {@code afterId}.
     */
    List<JobRow> rows(JobFilter filter, Long beforeId, Long afterId, int limit) {
        boolean forward = afterId != null;
        Long cursor = forward ? afterId : beforeId;
        String sql = "SELECT " + ROW_COLUMNS + " FROM job j JOIN tenant t ON t.id = j.tenant_id WHERE true "
                + (filter.tenantId() != null ? "AND j.tenant_id = :tenant " : "")
                + (filter.provider() != null ? "AND j.provider = :provider " : "")
                + (filter.status() != null ? "AND j.status = :status " : "")
                + (filter.stage() == JobFilter.Stage.IN_FLIGHT ? "AND j.terminal_at IS NULL " : "")
                + (filter.stage() == JobFilter.Stage.TERMINAL ? "AND j.terminal_at IS NOT NULL " : "")
                + (cursor != null ? "AND j.id " + (forward ? ">" : "<") + " :cursor " : "")
                + "ORDER BY j.id " + (forward ? "" : "DESC ") + "LIMIT :limit";
        var query = Job.getEntityManager().createNativeQuery(sql).setParameter("limit", limit);
        if (filter.tenantId() != null) {
            query.setParameter("tenant", filter.tenantId());
        }
        if (filter.provider() != null) {
            query.setParameter("provider", filter.provider());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().wire());
        }
        if (cursor != null) {
            query.setParameter("cursor", cursor);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(JobRepository::row).toList();
    }

    /** The job with this public id as the operator's page shows it, or null. */
    JobDetail detail(String publicId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Job.getEntityManager().createNativeQuery("SELECT " + ROW_COLUMNS
                + ", j.api_key_id, k.name, j.upstream_id, j.markup_bp, j.timeout_seconds, j.error, j.updated_at, "
                + "j.poll_count, j.next_poll_at, l.id, l.kind, l.created_at "
                + "FROM job j JOIN tenant t ON t.id = j.tenant_id JOIN api_key k ON k.id = j.api_key_id "
                + "LEFT JOIN ledger_entry l ON l.job_id = j.id WHERE j.public_id = :id")
                .setParameter("id", publicId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new JobDetail(row(r), (UUID) r[14], (String) r[15], (String) r[16], ((Number) r[17]).intValue(),
                ((Number) r[18]).intValue(), (String) r[19], Sql.instant(r[20]), ((Number) r[21]).intValue(),
                Sql.instant(r[22]), r[23] == null ? null : Sql.longValue(r[23]), (String) r[24], Sql.instant(r[25]));
    }

    private static JobRow row(Object[] r) {
        return new JobRow(Sql.longValue(r[0]), (String) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                JobStatus.valueOf(((String) r[6]).toUpperCase(Locale.ROOT)), Sql.longValue(r[7]),
                HoldState.valueOf(((String) r[8]).toUpperCase(Locale.ROOT)), r[9] == null ? null : Sql.longValue(r[9]),
                r[10] == null ? null : Sql.longValue(r[10]), (String) r[11], Sql.instant(r[12]), Sql.instant(r[13]));
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
