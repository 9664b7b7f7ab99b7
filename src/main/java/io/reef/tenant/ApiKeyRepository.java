package io.reef.tenant;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.hibernate.query.NativeQuery;

import io.reef.common.Sql;

/** The api_key table, through the {@link ApiKey} entity in the caller's transaction. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String POSITIONS = """
            SELECT id, reef_period_start(quota_period, :now),
                   reef_spent_in_period(spent_period_start, spent_micros, quota_period, :now), held_micros
            FROM api_key WHERE id IN (:ids)
            """;

    private final EntityManager em;

    public ApiKeyRepository(EntityManager em) {
        this.em = em;
    }

    /** A key and the tenant it belongs to. */
    record KeyAndTenant(ApiKey key, Tenant tenant) {
    }

    void insert(ApiKey key) {
        key.persist();
    }

    ApiKey find(UUID id) {
        return ApiKey.findById(id);
    }

    /** The key, locked until the transaction ends (concurrent changes of its settings serialise). */
    ApiKey lock(UUID id) {
        return ApiKey.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    List<ApiKey> ofTenant(UUID tenantId) {
        return ApiKey.list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    /** Oldest first, a page at a time (ties in creation time by id). */
    List<ApiKey> pageOfTenant(UUID tenantId, int offset, int limit) {
        return ApiKey.<ApiKey> find("tenantId = ?1 order by createdAt, id", tenantId).range(offset, offset + limit - 1)
                .list();
    }

    /** The keys' budget positions now (their spend in their own period, open holds). */
    Map<UUID, KeyView.Position> positions(Collection<UUID> keyIds, Instant now) {
        if (keyIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POSITIONS).unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace("api_key") // Hibernate writes a new or changed key first
                .setParameter("now", Sql.at(now))
                .setParameter("ids", keyIds)
                .getResultList();
        Map<UUID, KeyView.Position> result = new HashMap<>();
        for (Object[] r : rows) {
            result.put((UUID) r[0], new KeyView.Position(Sql.instant(r[1]), Sql.longValue(r[2]), Sql.longValue(r[3])));
        }
        return result;
    }

    Optional<KeyAndTenant> byHash(byte[] keyHash) {
        return em.createQuery("select k, t from ApiKey k, Tenant t where t.id = k.tenantId and k.keyHash = :hash",
                Object[].class)
                .setParameter("hash", keyHash)
                .getResultStream()
                .findFirst()
                .map(row -> new KeyAndTenant((ApiKey) row[0], (Tenant) row[1]));
    }
}
