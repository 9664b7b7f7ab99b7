package io.reef.tenant;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.reef.common.Workers;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a presented API key to its tenant without blocking the event loop. Keys are cached by
 * key hash for a couple of seconds (the secret itself is never a cache key, and revocations reach
 * every replica within the TTL).
 *
 * <p>
 * Only real keys go into {@value #KNOWN_KEYS}. A key that is not yet cached is looked up
 * through the small, separately bounded {@value #LOOKUPS} cache, which makes concurrent requests
 * with one key share one database read and remembers unknown keys for the same short TTL. So a
 * flood of random keys churns that cache only and can never evict a real tenant's key.
 */
@ApplicationScoped
public class TenantAuthenticator {

    /** Real keys, by hash: {@code quarkus.cache.caffeine."api-keys".*}. */
    public static final String KNOWN_KEYS = "api-keys";
    /** Lookups in flight and unknown keys, by hash: {@code quarkus.cache.caffeine."api-key-lookups".*}. */
    public static final String LOOKUPS = "api-key-lookups";

    private final ApiKeyService keys;
    private final CaffeineCache known;
    private final Cache lookups;

    public TenantAuthenticator(ApiKeyService keys, @CacheName(KNOWN_KEYS) Cache known,
            @CacheName(LOOKUPS) Cache lookups) {
        this.keys = keys;
        this.known = known.as(CaffeineCache.class);
        this.lookups = lookups;
    }

    public Uni<Optional<TenantPrincipal>> authenticate(String presentedKey) {
        return byHash(HexFormat.of().formatHex(KeySecrets.hash(presentedKey)));
    }

    public Uni<Optional<TenantPrincipal>> byHash(String keyHashHex) {
        CompletableFuture<Optional<TenantPrincipal>> cached = known.getIfPresent(keyHashHex);
        if (cached != null) {
            return Uni.createFrom().completionStage(cached);
        }
        return lookups.<String, Optional<TenantPrincipal>> getAsync(keyHashHex,
                hash -> Workers.run(() -> keys.principalFor(hash)))
                .call(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem(); // stays in the lookups cache only
                    }
                    known.put(keyHashHex, CompletableFuture.completedFuture(found));
                    return lookups.invalidate(keyHashHex);
                });
    }
}
