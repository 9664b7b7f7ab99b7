package io.reef.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The api_key table, through the {@link ApiKey} entity in the caller's transaction. */
@ApplicationScoped
public class ApiKeyRepository {

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

    List<ApiKey> ofTenant(UUID tenantId) {
        return ApiKey.list("tenantId = ?1 order by createdAt", tenantId);
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
