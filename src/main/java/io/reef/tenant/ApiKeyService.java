package io.reef.tenant;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.cache.CacheInvalidateAll;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.ledger.Quotas;

/**
 * Issues, lists, changes, revokes and resolves tenant API keys. A key's own controls (budget,
 * rate limits, allowed models, expiry) are enforced by the admission statement ({@code reef_admit}
 * in V5), atomically with the tenant's.
 */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final Quotas quotas;
    private final ReefClock clock;

    public ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, Quotas quotas, ReefClock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** A new key for the tenant; the secret is returned here once and never stored. */
    @Transactional
    public IssuedKey issue(UUID tenantId, KeySpec spec) {
        requireTenant(tenantId);
        String secret = KeySecrets.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.name = "default";
        key.prefix = KeySecrets.displayPrefix(secret);
        key.keyHash = KeySecrets.hash(secret);
        key.createdAt = clock.now();
        spec.applyTo(key);
        keys.insert(key);
        return new IssuedKey(view(key), secret);
    }

    @Transactional
    public List<KeyView> list(UUID tenantId) {
        requireTenant(tenantId);
        return views(keys.ofTenant(tenantId));
    }

    /** A page of the tenant's keys, oldest first, skipping {@code offset}: only those keys are read. */
    @Transactional
    public List<KeyView> page(UUID tenantId, int offset, int limit) {
        requireTenant(tenantId);
        return views(keys.pageOfTenant(tenantId, offset, limit));
    }

    /** Whether the key is one of the tenant's. */
    @Transactional
    public boolean belongsTo(UUID keyId, UUID tenantId) {
        ApiKey key = keys.find(keyId);
        return key != null && key.tenantId.equals(tenantId);
    }

    private void requireTenant(UUID tenantId) {
        if (!tenants.exists(tenantId)) {
            throw ApiException.notFound("No tenant " + tenantId);
        }
    }

    private List<KeyView> views(List<ApiKey> found) {
        Instant now = clock.now();
        Map<UUID, KeyView.Position> positions = keys.positions(found.stream().map(k -> k.id).toList(), now);
        return found.stream().map(k -> KeyView.of(k, positions.get(k.id), now)).toList();
    }

    /** Changes a key's name or controls: on this replica at once, within the key-cache TTL on the others. */
    @Transactional
    @CacheInvalidateAll(cacheName = "api-keys")
    public KeyView patch(UUID keyId, KeySpec spec) {
        ApiKey key = keys.lock(keyId);
        if (key == null) {
            throw ApiException.notFound("No key " + keyId);
        }
        if (spec.applyTo(key)) { // the statement has Hibernate write the key's new period first
            quotas.recalculateKeySpend(keyId, clock.now());
        }
        return view(key);
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
        return view(key);
    }

    /** The principal behind a key hash (hex), if any key has it. */
    @Transactional
    public Optional<TenantPrincipal> principalFor(String keyHashHex) {
        return keys.byHash(HexFormat.of().parseHex(keyHashHex)).map(found -> new TenantPrincipal(found.tenant().id,
                found.key().id, found.tenant().name, found.tenant().status, found.key().revokedAt != null,
                found.tenant().markupBp, found.key().expiresAt));
    }

    private KeyView view(ApiKey key) {
        Instant now = clock.now();
        return KeyView.of(key, keys.positions(List.of(key.id), now).get(key.id), now);
    }

    public record IssuedKey(KeyView view, String key) {
    }
}
