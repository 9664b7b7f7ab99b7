package io.reef.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.reef.common.Sql;

/**
 * The statement's SQL: aggregates over {@code credit_entry} and {@code ledger_entry} (index range
 * scans on (tenant_id, created_at)); no entry is loaded, only sums and the month's credit rows.
 * Expiry follows {@code reef_unexpired_credit}: a grant counts at T while {@code expires_at > T}.
 */
@ApplicationScoped
public class StatementQueries {

    /**
     * The tenant, and in micro-dollars: credit counting at {@code from}, granted in the month,
     * expired in it (counted at {@code from} or granted since, and not counting at {@code to}), and
     * the charges before {@code from}.
     */
    private static final String HEAD = """
            SELECT t.name, t.billing_mode,
              COALESCE(sum(c.amount_micros) FILTER (WHERE c.created_at < :from
                                                      AND (c.expires_at IS NULL OR c.expires_at > :from)), 0),
              COALESCE(sum(c.amount_micros) FILTER (WHERE c.created_at >= :from), 0),
              COALESCE(sum(c.amount_micros) FILTER (WHERE c.expires_at <= :to
                                                      AND (c.created_at >= :from OR c.expires_at > :from)), 0),
              (SELECT COALESCE(sum(l.price_micros), 0) FROM ledger_entry l
                WHERE l.tenant_id = t.id AND l.created_at < :from)
            FROM tenant t LEFT JOIN credit_entry c ON c.tenant_id = t.id AND c.created_at < :to
            WHERE t.id = :tenant
            GROUP BY t.id
            """;

    private static final String CREDITS = """
            SELECT created_at, reference, note, amount_micros, expires_at FROM credit_entry
            WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to
            ORDER BY created_at, id
            """;

    private static final String CHARGES = """
            SELECT provider, model, count(*), sum(price_micros), sum(cost_micros) FROM ledger_entry
            WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to
            GROUP BY provider, model ORDER BY provider, model
            """;

    private final EntityManager em;

    public StatementQueries(EntityManager em) {
        this.em = em;
    }

    record Head(String tenantName, String billingMode, long openingCreditMicros, long grantedMicros,
            long expiredMicros, long chargedBeforeMicros) {
    }

    record CreditRow(Instant createdAt, String reference, String note, long amountMicros, Instant expiresAt) {
    }

    record ChargeRow(String provider, String model, long count, long priceMicros, long costMicros) {
    }

    /**
     * Makes the caller's (new, read-only) transaction one snapshot, so the head, the credits and the
     * charges all see the same committed rows. Must be its first statement.
     */
    void oneSnapshot() {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
    }

    /** Null when there is no such tenant. */
    Head head(UUID tenantId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(HEAD)
                .setParameter("tenant", tenantId)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Head((String) r[0], (String) r[1], Sql.longValue(r[2]), Sql.longValue(r[3]), Sql.longValue(r[4]),
                Sql.longValue(r[5]));
    }

    List<CreditRow> credits(UUID tenantId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CREDITS)
                .setParameter("tenant", tenantId)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .getResultList();
        return rows.stream().map(r -> new CreditRow(Sql.instant(r[0]), (String) r[1], (String) r[2],
                Sql.longValue(r[3]), Sql.instant(r[4]))).toList();
    }

    List<ChargeRow> charges(UUID tenantId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CHARGES)
                .setParameter("tenant", tenantId)
                .setParameter("from", Sql.at(from))
                .setParameter("to", Sql.at(to))
                .getResultList();
        return rows.stream().map(r -> new ChargeRow((String) r[0], (String) r[1], Sql.longValue(r[2]),
                Sql.longValue(r[3]), Sql.longValue(r[4]))).toList();
    }
}
