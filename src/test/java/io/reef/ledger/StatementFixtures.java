package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.reef.common.Money;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Writes the rows a statement reads (credit entries, charges and late charges at chosen instants)
 * straight into the database, and sums the ledger independently of Reef's statement SQL.
 */
@ApplicationScoped
public class StatementFixtures {

    private final EntityManager em;

    public StatementFixtures(EntityManager em) {
        this.em = em;
    }

    /** A credit entry as the credit API writes it, with the tenant's granted counter kept consistent. */
    public void credit(String tenantId, long micros, String reference, String note, Instant expiresAt, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO credit_entry (tenant_id, amount_micros, reference, note, expires_at, "
                    + "created_at) VALUES (:t, :amount, :ref, :note, :expires, :at)")
                    .setParameter("t", UUID.fromString(tenantId)).setParameter("amount", micros)
                    .setParameter("ref", reference).setParameter("note", note)
                    .setParameter("expires", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
                    .setParameter("at", at.atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            em.createNativeQuery("UPDATE tenant SET granted_micros = granted_micros + :amount WHERE id = :t")
                    .setParameter("amount", micros).setParameter("t", UUID.fromString(tenantId)).executeUpdate();
        });
    }

    /** A completed job and its ledger entry of the given kind ('charge' or 'late_charge') at {@code at}. */
    public void charge(String tenantId, String kind, String provider, String model, long costMicros, long priceMicros,
            Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                WITH j AS (
                  INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros,
                                   hold_state, markup_bp, expected_cost_micros, cost_micros, price_micros,
                                   timeout_seconds, created_at, updated_at, terminal_at)
                  SELECT :pub, :t, (SELECT id FROM api_key WHERE tenant_id = :t ORDER BY created_at LIMIT 1),
                         :provider, :model, :up, 'completed', :price,
                         CASE WHEN :kind = 'late_charge' THEN 'voided' ELSE 'posted' END,
                         0, :cost, :cost, :price, 300, :at, :at, :at
                  RETURNING id)
                INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at, kind)
                SELECT id, :t, :provider, :model, :cost, :price, :at, :kind FROM j
                """)
                .setParameter("pub", "stmt_" + UUID.randomUUID()).setParameter("t", UUID.fromString(tenantId))
                .setParameter("provider", provider).setParameter("model", model)
                .setParameter("up", "up_" + UUID.randomUUID()).setParameter("price", priceMicros)
                .setParameter("cost", costMicros).setParameter("kind", kind)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate());
    }

    /**
     * {@code count} charges of one model from {@code start}, three to a timestamp (one second apart),
     * priced 1,000 + n micro-dollars; in one statement.
     */
    public void manyCharges(String tenantId, int count, Instant start) {
        String tag = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                WITH j AS (
                  INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, upstream_id, status, hold_micros,
                                   hold_state, markup_bp, expected_cost_micros, cost_micros, price_micros,
                                   timeout_seconds, created_at, updated_at, terminal_at)
                  SELECT 'bulk_' || :tag || '_' || n, :t,
                         (SELECT id FROM api_key WHERE tenant_id = :t ORDER BY created_at LIMIT 1),
                         'sharkai', 'bulk-model', 'up_bulk_' || :tag || '_' || n, 'completed', 1000 + n, 'posted',
                         0, 1000, 1000, 1000 + n, 300,
                         CAST(:at AS timestamptz) + (n / 3) * interval '1 second', now(),
                         CAST(:at AS timestamptz) + (n / 3) * interval '1 second'
                  FROM generate_series(1, :count) AS n
                  RETURNING id, price_micros, terminal_at)
                INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, price_micros, created_at)
                SELECT id, :t, 'sharkai', 'bulk-model', 1000, price_micros, terminal_at FROM j
                """)
                .setParameter("tag", tag).setParameter("t", UUID.fromString(tenantId)).setParameter("count", count)
                .setParameter("at", start.atOffset(ZoneOffset.UTC))
                .executeUpdate());
    }

    public void billingMode(String tenantId, String mode) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE tenant SET billing_mode = :m WHERE id = :t")
                .setParameter("m", mode).setParameter("t", UUID.fromString(tenantId)).executeUpdate());
    }

    /** The balance at {@code at}, literally: credit granted before it and not expired at it, minus charges before it. */
    public long balanceAt(String tenantId, Instant at) {
        return number("SELECT COALESCE((SELECT sum(amount_micros) FROM credit_entry WHERE tenant_id = :t "
                + "AND created_at < :at AND (expires_at IS NULL OR expires_at > :at)), 0) "
                + "- COALESCE((SELECT sum(price_micros) FROM ledger_entry WHERE tenant_id = :t AND created_at < :at), 0)",
                tenantId, at, at);
    }

    /** Sum of the prices of the ledger entries in [from, to). */
    public long chargedBetween(String tenantId, Instant from, Instant to) {
        return number("SELECT COALESCE(sum(price_micros), 0) FROM ledger_entry WHERE tenant_id = :t "
                + "AND created_at >= :from AND created_at < :at", tenantId, from, to);
    }

    public long entriesBetween(String tenantId, Instant from, Instant to) {
        return number("SELECT count(*) FROM ledger_entry WHERE tenant_id = :t "
                + "AND created_at >= :from AND created_at < :at", tenantId, from, to);
    }

    /** Sum of the credit entries written in [from, to). */
    public long creditedBetween(String tenantId, Instant from, Instant to) {
        return number("SELECT COALESCE(sum(amount_micros), 0) FROM credit_entry WHERE tenant_id = :t "
                + "AND created_at >= :from AND created_at < :at", tenantId, from, to);
    }

    private long number(String sql, String tenantId, Instant from, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql).setParameter("t", UUID.fromString(tenantId))
                    .setParameter("at", at.atOffset(ZoneOffset.UTC));
            if (sql.contains(":from")) {
                query.setParameter("from", from.atOffset(ZoneOffset.UTC));
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /** A JSON body whose numbers are read exactly (BigDecimal), never as float. */
    public static JsonPath exact(String body) {
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** A USD amount of a JSON body in micro-dollars. */
    public static long micros(JsonPath json, String path) {
        Object value = json.get(path);
        if (value == null) {
            throw new AssertionError("no " + path + " in the statement");
        }
        return Money.usdToMicros(new BigDecimal(value.toString()));
    }
}
