package io.reef.tenant;

import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.CacheResult;
import io.reef.common.Workers;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a presented API key to its tenant without blocking the event loop. Results (also
 * "no such key") are cached by key hash for a couple of seconds: the secret itself is never a
 * cache key, and revocations reach every replica within the TTL.
 */
@ApplicationScoped
public class TenantAuthenticator {

    private final ApiKeyService keys;

    public TenantAuthenticator(ApiKeyService keys) {
        this.keys = keys;
    }

    public Uni<Optional<TenantPrincipal>> authenticate(String presentedKey) {
        return byHash(HexFormat.of().formatHex(KeySecrets.hash(presentedKey)));
    }

    @CacheResult(cacheName = "api-keys")
    public Uni<Optional<TenantPrincipal>> byHash(String keyHashHex) {
        return Workers.run(() -> keys.principalFor(keyHashHex));
    }
}
