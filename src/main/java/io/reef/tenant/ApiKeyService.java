package io.reef.tenant;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.cache.CacheInvalidateAll;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;

/** Issues, lists, revokes and resolves tenant API keys. */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final ReefClock clock;

    public ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, ReefClock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A new key for the tenant; the secret is returned here once and never stored. */
    @Transactional
    public IssuedKey issue(UUID tenantId, String name) {
        if (!tenants.exists(tenantId)) {
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
        keys.insert(key);
        return new IssuedKey(KeyView.of(key), secret);
    }

    @Transactional
    public List<KeyView> list(UUID tenantId) {
        if (!tenants.exists(tenantId)) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
        return keys.ofTenant(tenantId).stream().map(KeyView::of).toList();
    }

    /** Revokes a key: immediately on this replica, within the cache TTL on the others. */
    @Transactional
    @CacheInvalidateAll(cacheName = "api-keys")
    public KeyView revoke(UUID keyId) {
        ApiKey key = keys.find(keyId);
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
        return keys.byHash(HexFormat.of().parseHex(keyHashHex)).map(found -> new TenantPrincipal(found.tenant().id,
                found.key().id, found.tenant().name, found.tenant().status, found.key().revokedAt != null,
                found.tenant().markupBp));
    }

    public record IssuedKey(KeyView view, String key) {
    }
}
