package io.reef.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * Every statement on {@code console_session} (V9). A session is found only by the hash of its
 * secret, only while unexpired, and a portal session only while its key is unrevoked and
 * unexpired and its tenant active: revoking the key or suspending the tenant ends the session.
 */
@ApplicationScoped
public class SessionRepository {

    private static final String INSERT = """
            INSERT INTO console_session (id_hash, audience, tenant_id, api_key_id, created_at, expires_at)
            VALUES (:hash, :audience, :tenant, :key, :now, :expires)
            """;

    private static final String FIND = """
            SELECT s.audience, s.tenant_id, s.expires_at FROM console_session s
            LEFT JOIN api_key k ON k.id = s.api_key_id
            LEFT JOIN tenant t ON t.id = s.tenant_id
            WHERE s.id_hash = :hash AND s.audience = :audience AND s.expires_at > :now
              AND (s.audience = 'operator'
                   OR (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > :now) AND t.status = 'active'))
            """;

    private static final String DELETE = "DELETE FROM console_session WHERE id_hash = :hash";

    private static final String PURGE = "DELETE FROM console_session WHERE expires_at <= :now";

    private final EntityManager em;

    public SessionRepository(EntityManager em) {
        this.em = em;
    }

    record Row(Audience audience, UUID tenantId, Instant expiresAt) {
    }

    @Transactional
    void insert(byte[] hash, Audience audience, UUID tenantId, UUID apiKeyId, Instant now, Instant expires) {
        em.createNativeQuery(INSERT).setParameter("hash", hash).setParameter("audience", audience.wire())
                .setParameter("tenant", tenantId).setParameter("key", apiKeyId)
                .setParameter("now", Sql.at(now)).setParameter("expires", Sql.at(expires)).executeUpdate();
    }

    @Transactional
    Optional<Row> find(byte[] hash, Audience audience, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIND).setParameter("hash", hash)
                .setParameter("audience", audience.wire()).setParameter("now", Sql.at(now)).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Row(Audience.fromWire((String) r[0]), (UUID) r[1], Sql.instant(r[2])));
    }

    @Transactional
    void delete(byte[] hash) {
        em.createNativeQuery(DELETE).setParameter("hash", hash).executeUpdate();
    }

    @Transactional
    int purgeExpired(Instant now) {
        return em.createNativeQuery(PURGE).setParameter("now", Sql.at(now)).executeUpdate();
    }
}
