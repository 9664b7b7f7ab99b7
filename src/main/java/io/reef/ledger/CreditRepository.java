package io.reef.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.reef.common.Sql;

/**
 * Every statement on {@code credit_entry} (append-only: a trigger refuses UPDATE and DELETE) and on
 * the tenant's {@code granted_micros}, in the caller's JDBC transaction. A grant locks the tenant
 * row first, so it serialises with admissions ({@code reef_admit} locks the same row) and the
 * counter always equals the sum of the tenant's entries.
 */
@ApplicationScoped
public class CreditRepository {

    private static final String LOCK_TENANT = "SELECT id FROM tenant WHERE id = :tenant FOR UPDATE";

    private static final String INSERT = """
            INSERT INTO credit_entry (tenant_id, amount_micros, reference, note, expires_at, created_at)
            VALUES (:tenant, :amount, :reference, :note, :expires, :now)
            ON CONFLICT (tenant_id, reference) DO NOTHING
            RETURNING id
            """;

    private static final String ADD_GRANTED = """
            UPDATE tenant SET granted_micros = granted_micros + :amount WHERE id = :tenant
            """;

    private static final String PAGE = """
            SELECT id, amount_micros, reference, note, expires_at, created_at FROM credit_entry
            WHERE tenant_id = :tenant AND id < :before ORDER BY id DESC LIMIT :limit
            """;

    private final EntityManager em;

    public CreditRepository(EntityManager em) {
        this.em = em;
    }

    boolean exists(UUID tenantId) {
        return !em.createNativeQuery("SELECT 1 FROM tenant WHERE id = :tenant").setParameter("tenant", tenantId)
                .getResultList().isEmpty();
    }

    /** Locks the tenant row until the transaction ends; false if there is no such tenant. */
    boolean lockTenant(UUID tenantId) {
        return !em.createNativeQuery(LOCK_TENANT).setParameter("tenant", tenantId).getResultList().isEmpty();
    }

    /** Appends the entry and adds it to the tenant's granted total; null (nothing written) if the reference is taken. */
    Long append(UUID tenantId, CreditGrant grant, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(INSERT)
                .setParameter("tenant", tenantId)
                .setParameter("amount", grant.amountMicros())
                .setParameter("reference", grant.reference())
                .setParameter("note", grant.note())
                .setParameter("expires", grant.expiresAt() == null ? null : Sql.at(grant.expiresAt()))
                .setParameter("now", Sql.at(now))
                .getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        em.createNativeQuery(ADD_GRANTED)
                .setParameter("amount", grant.amountMicros())
                .setParameter("tenant", tenantId)
                .executeUpdate();
        return Sql.longValue(ids.get(0));
    }

    /** The tenant's entries newest first, a keyset page at a time. */
    List<CreditEntry> page(UUID tenantId, Long beforeId, int limit, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PAGE)
                .setParameter("tenant", tenantId)
                .setParameter("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> CreditEntry.of(Sql.longValue(r[0]), tenantId, Sql.longValue(r[1]), (String) r[2],
                (String) r[3], r[4] == null ? null : Sql.instant(r[4]), Sql.instant(r[5]), now)).toList();
    }
}
