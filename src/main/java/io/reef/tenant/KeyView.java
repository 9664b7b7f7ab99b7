package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A key as the operator sees it (never the secret, except {@code key} right after issuing). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, UUID tenantId, String name, String prefix, String status, Instant createdAt,
        Instant revokedAt, String key) {

    static KeyView of(ApiKey key) {
        return new KeyView(key.id, key.tenantId, key.name, key.prefix, key.revokedAt == null ? "active" : "revoked",
                key.createdAt, key.revokedAt, null);
    }

    KeyView withSecret(String secret) {
        return new KeyView(id, tenantId, name, prefix, status, createdAt, revokedAt, secret);
    }
}
