package io.reef.provider;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/** Rows of {@code idempotency_key}: claimed by the first request, answered with its response. */
@ApplicationScoped
public class IdempotencyStore {

    public sealed interface Claim permits Claimed, Replay, Mismatch, InProgress {
    }

    public record Claimed() implements Claim {
    }

    public record Replay(int status, String body) implements Claim {
    }

    public record Mismatch() implements Claim {
    }

    public record InProgress() implements Claim {
    }

    private final EntityManager em;

    public IdempotencyStore(EntityManager em) {
        this.em = em;
    }

    /** Claims the key for this request, or says what the earlier request with it did. */
    @Transactional
    public Claim claim(UUID tenantId, String key, byte[] requestHash, Instant now) {
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_key (tenant_id, key, request_hash, created_at)
                VALUES (:tenant, :key, :hash, :now) ON CONFLICT (tenant_id, key) DO NOTHING
                """)
                .setParameter("tenant", tenantId).setParameter("key", key).setParameter("hash", requestHash)
                .setParameter("now", Sql.at(now)).executeUpdate();
        return inserted == 1 ? new Claimed() : existing(tenantId, key, requestHash);
    }

    @Transactional
    public Claim existing(UUID tenantId, String key, byte[] requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT request_hash, response_status, response_body FROM idempotency_key
                WHERE tenant_id = :tenant AND key = :key
                """).setParameter("tenant", tenantId).setParameter("key", key).getResultList();
        if (rows.isEmpty()) {
            return new InProgress(); // forgotten by a failed first attempt a moment ago: retry
        }
        Object[] row = rows.get(0);
        if (!Arrays.equals((byte[]) row[0], requestHash)) {
            return new Mismatch();
        }
        return row[1] == null ? new InProgress() : new Replay(((Number) row[1]).intValue(), (String) row[2]);
    }

    @Transactional
    public void complete(UUID tenantId, String key, int status, String body) {
        em.createNativeQuery("UPDATE idempotency_key SET response_status = :status, response_body = :body "
                + "WHERE tenant_id = :tenant AND key = :key")
                .setParameter("status", status).setParameter("body", body)
                .setParameter("tenant", tenantId).setParameter("key", key).executeUpdate();
    }

    /** The first attempt failed without creating anything: deletes the key, which may be used again. */
    @Transactional
    public void forget(UUID tenantId, String key) {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE tenant_id = :tenant AND key = :key")
                .setParameter("tenant", tenantId).setParameter("key", key).executeUpdate();
    }

    @Transactional
    public int purgeOlderThan(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < :cutoff")
                .setParameter("cutoff", Sql.at(cutoff)).executeUpdate();
    }
}
