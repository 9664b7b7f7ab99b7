package io.reef.tenant;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.cache.CacheInvalidateAll;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;

/** Issues, lists, revokes and resolves tenant API keys. */
@ApplicationScoped
public class ApiKeyService {

    private final EntityManager em;
    private final ReefClock clock;

    public ApiKeyService(EntityManager em, ReefClock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A new key for the tenant; the secret is returned here once and never stored. */
    @Transactional
    public IssuedKey issue(UUID tenantId, String name) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
        String secret = KeySecrets.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.name = name;
        key.prefix = KeySecrets.displayPrefix(secret);
        key.keyHash = KeySecrets.hash(secret);
        key.createdAt = clock.now();
        key.persist();
        return new IssuedKey(KeyView.of(key), secret);
    }

    @Transactional
    public List<KeyView> list(UUID tenantId) {
        if (Tenant.findById(tenantId) == null) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
        List<ApiKey> keys = ApiKey.list("tenantId = ?1 order by createdAt", tenantId);
        return keys.stream().map(KeyView::of).toList();
    }

    /** Revokes a key: immediately on this replica, within the cache TTL on the others. */
    @Transactional
    @CacheInvalidateAll(cacheName = "api-keys")
    public KeyView revoke(UUID keyId) {
        ApiKey key = ApiKey.findById(keyId);
        if (key == null) {
            throw ApiException.notFound("No key " + keyId);
        }
        if (key.revokedAt == null) {
            key.revokedAt = clock.now();
        }
        return KeyView.of(key);
    }

    /** The principal behind a key hash (hex), if any key has it. */
    @Transactional
    public Optional<TenantPrincipal> principalFor(String keyHashHex) {
        List<Object[]> rows = em.createQuery(
                "select k, t from ApiKey k, Tenant t where t.id = k.tenantId and k.keyHash = :hash", Object[].class)
                .setParameter("hash", HexFormat.of().parseHex(keyHashHex))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = (ApiKey) rows.get(0)[0];
        Tenant tenant = (Tenant) rows.get(0)[1];
        return Optional.of(new TenantPrincipal(tenant.id, key.id, tenant.name, tenant.status,
                key.revokedAt != null, tenant.markupBp));
    }

    public record IssuedKey(KeyView view, String key) {
    }
}
