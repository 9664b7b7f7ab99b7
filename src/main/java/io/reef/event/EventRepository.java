package io.reef.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

import io.reef.common.Sql;

/**
 * Every statement on {@code webhook}, {@code event} and {@code event_delivery}, and the reads of
 * the tenant row that decide whether a tenant event fires. All of it is SQL in the caller's JDBC
 * transaction. The at-most-once rules are the database's: an event with a dedupe key is written by
 * {@code INSERT ... ON CONFLICT (dedupe_key) DO NOTHING}, and a tenant's low-balance flag flips in
 * one conditional UPDATE of its (locked) row.
 */
@ApplicationScoped
public class EventRepository {

    private static final String TENANT = "tenant";

    /** The event and one delivery per live webhook subscribed to its type, in one statement. */
    private static final String INSERT_EVENT = """
            WITH e AS (
              INSERT INTO event (id, type, tenant_id, dedupe_key, body, created_at)
              VALUES (:id, :type, :tenant, :dedupe, :body, :now)
              ON CONFLICT (dedupe_key) DO NOTHING
              RETURNING seq
            ), d AS (
              INSERT INTO event_delivery (event_seq, webhook_id, next_attempt_at, created_at)
              SELECT e.seq, w.id, :due, :due FROM e, webhook w
              WHERE w.deleted_at IS NULL AND CAST(:type AS text) = ANY (w.event_types)
              RETURNING 1
            )
            SELECT e.seq, (SELECT count(*) FROM d) FROM e
            """;

    /**
     * The tenant's alert thresholds its current period's spend has reached and that have not fired
     * yet in this period, with what the event says. (spent_micros belongs to the period that
     * spent_period_start names; the charge just moved both.)
     */
    /** Brings the tenant's low-balance flag up to date; a row if the balance just fell below its level (V7). */
    private static final String LOW_BALANCE_ALERT = "SELECT * FROM reef_low_balance_alert(:tenant, :now)";

    private static final String CLAIM_DUE = """
            WITH c AS (
              SELECT event_seq, webhook_id FROM event_delivery
              WHERE state = 'pending' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
              ORDER BY next_attempt_at
              LIMIT :limit
              FOR UPDATE SKIP LOCKED
            ), u AS (
              UPDATE event_delivery d SET lease_owner = :owner, lease_until = :until
              FROM c WHERE d.event_seq = c.event_seq AND d.webhook_id = c.webhook_id
              RETURNING d.event_seq, d.webhook_id, d.attempts, d.created_at
            )
            SELECT u.event_seq, u.webhook_id, u.attempts, u.created_at, e.id, e.body, w.url, w.secret
            FROM u JOIN event e ON e.seq = u.event_seq JOIN webhook w ON w.id = u.webhook_id
            """;

    private static final String FINISH_ATTEMPT = """
            UPDATE event_delivery SET state = :state, attempts = attempts + 1, next_attempt_at = :next,
              last_status = :status, last_error = :error, last_attempt_at = :now,
              delivered_at = CASE WHEN :state = 'delivered' THEN CAST(:now AS timestamptz) END,
              lease_owner = NULL, lease_until = NULL
            WHERE event_seq = :seq AND webhook_id = :webhook AND lease_owner = :owner AND state = 'pending'
            """;

    private final EntityManager em;

    public EventRepository(EntityManager em) {
        this.em = em;
    }

    // ------------------------------------------------------------------ webhooks

    record WebhookRow(UUID id, String url, List<String> eventTypes, Instant createdAt, Instant deletedAt) {
    }

    void insertWebhook(UUID id, String url, List<String> eventTypes, String secret, Instant now) {
        sql("INSERT INTO webhook (id, url, event_types, secret, created_at) "
                + "VALUES (:id, :url, string_to_array(:types, ','), :secret, :now)")
                .setParameter("id", id).setParameter("url", url)
                .setParameter("types", String.join(",", eventTypes))
                .setParameter("secret", secret).setParameter("now", Sql.at(now))
                .executeUpdate();
    }

    WebhookRow findLiveWebhook(UUID id) {
        List<WebhookRow> rows = webhooks(sql(WEBHOOK_COLUMNS + " WHERE id = :id AND deleted_at IS NULL")
                .setParameter("id", id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<WebhookRow> liveWebhooks(int offset, int limit) {
        return webhooks(sql(WEBHOOK_COLUMNS + " WHERE deleted_at IS NULL ORDER BY created_at, id OFFSET :offset LIMIT :limit")
                .setParameter("offset", offset).setParameter("limit", limit));
    }

    /** Deletes a live webhook and cancels its pending deliveries; null if there was none. */
    WebhookRow deleteWebhook(UUID id, Instant now) {
        List<WebhookRow> rows = webhooks(sql("UPDATE webhook SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL "
                + "RETURNING id, url, array_to_string(event_types, ','), created_at, deleted_at")
                .setParameter("id", id).setParameter("now", Sql.at(now)));
        if (rows.isEmpty()) {
            return null;
        }
        sql("UPDATE event_delivery SET state = 'cancelled', lease_owner = NULL, lease_until = NULL "
                + "WHERE webhook_id = :id AND state = 'pending'").setParameter("id", id).executeUpdate();
        return rows.get(0);
    }

    private static final String WEBHOOK_COLUMNS = "SELECT id, url, array_to_string(event_types, ','), created_at, deleted_at FROM webhook";

    private static List<WebhookRow> webhooks(Query query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new WebhookRow((UUID) r[0], (String) r[1], Arrays.asList(((String) r[2]).split(",")),
                Sql.instant(r[3]), Sql.instant(r[4]))).toList();
    }

    // ------------------------------------------------------------------ events

    /**
     * Writes an event and its deliveries (due at {@code due}); returns the number of deliveries, or
     * -1 if an event with the same dedupe key exists (nothing written).
     */
    long insertEvent(UUID id, EventType type, UUID tenantId, String dedupeKey, String body, Instant now, Instant due) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(INSERT_EVENT, TENANT)
                .setParameter("id", id).setParameter("type", type.wire())
                .setParameter("tenant", tenantId).setParameter("dedupe", dedupeKey)
                .setParameter("body", body).setParameter("now", Sql.at(now)).setParameter("due", Sql.at(due))
                .getResultList();
        return rows.isEmpty() ? -1 : Sql.longValue(rows.get(0)[1]);
    }

    /**
     * Brings the tenant's low-balance flag up to date (after a grant or correction, under the tenant
     * row's lock the grant holds): the alert if the balance just fell below its level.
     */
    List<BalanceAlert> lowBalanceAlert(UUID tenantId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(LOW_BALANCE_ALERT, TENANT, "credit_entry")
                .setParameter("tenant", tenantId).setParameter("now", Sql.at(now))
                .getResultList();
        return BalanceAlert.fromRows(rows);
    }

    // ------------------------------------------------------------------ deliveries

    /** A claimed delivery with what it sends and where. */
    record Due(long eventSeq, UUID webhookId, int attempts, Instant createdAt, UUID eventId, String body, String url,
            String secret) {
    }

    List<Due> claimDue(String owner, Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(CLAIM_DUE, "event_delivery")
                .setParameter("owner", owner).setParameter("now", Sql.at(now))
                .setParameter("until", Sql.at(leaseUntil)).setParameter("limit", limit)
                .getResultList();
        List<Due> due = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            due.add(new Due(Sql.longValue(r[0]), (UUID) r[1], ((Number) r[2]).intValue(), Sql.instant(r[3]), (UUID) r[4],
                    (String) r[5], (String) r[6], (String) r[7]));
        }
        return due;
    }

    /** Records an attempt of a delivery this owner holds: its new state, and when to try again if pending. */
    void finishAttempt(long eventSeq, UUID webhookId, String owner, String state, Integer status, String error,
            Instant now, Instant next) {
        sql(FINISH_ATTEMPT, "event_delivery")
                .setParameter("state", state).setParameter("next", Sql.at(next))
                .setParameter("status", status).setParameter("error", error)
                .setParameter("now", Sql.at(now)).setParameter("seq", eventSeq)
                .setParameter("webhook", webhookId).setParameter("owner", owner)
                .executeUpdate();
    }

    // ------------------------------------------------------------------ listing

    record EventRow(long seq, UUID id, String type, UUID tenantId, String body, Instant createdAt) {
    }

    record DeliveryRow(long eventSeq, UUID webhookId, String state, int attempts, Integer lastStatus, String lastError,
            Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    /** Newest first, a page at a time, optionally of one type and/or one tenant. */
    List<EventRow> events(String type, UUID tenantId, int offset, int limit) {
        Query query = sql("SELECT seq, id, type, tenant_id, body, created_at FROM event WHERE true"
                + (type != null ? " AND type = :type" : "")
                + (tenantId != null ? " AND tenant_id = :tenant" : "")
                + " ORDER BY seq DESC OFFSET :offset LIMIT :limit")
                .setParameter("offset", offset).setParameter("limit", limit);
        if (type != null) {
            query.setParameter("type", type);
        }
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new EventRow(Sql.longValue(r[0]), (UUID) r[1], (String) r[2], (UUID) r[3],
                (String) r[4], Sql.instant(r[5]))).toList();
    }

    List<DeliveryRow> deliveries(List<Long> eventSeqs) {
        if (eventSeqs.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT event_seq, webhook_id, state, attempts, last_status, last_error, "
                + "last_attempt_at, next_attempt_at, delivered_at FROM event_delivery WHERE event_seq IN (:seqs) "
                + "ORDER BY event_seq, created_at, webhook_id")
                .setParameter("seqs", eventSeqs).getResultList();
        return rows.stream().map(r -> new DeliveryRow(Sql.longValue(r[0]), (UUID) r[1], (String) r[2],
                ((Number) r[3]).intValue(), r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5],
                Sql.instant(r[6]), Sql.instant(r[7]), Sql.instant(r[8]))).toList();
    }

    /** A native statement that first has Hibernate write the pending entity changes to {@code tables}. */
    private Query sql(String statement, String... tables) {
        NativeQuery<?> query = em.createNativeQuery(statement).unwrap(NativeQuery.class);
        for (String table : tables) {
            query.addSynchronizedQuerySpace(table);
        }
        return query;
    }
}
