package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is calling: the tenant and key behind a presented API key (never the key itself), and when
 * the key expires (null: never). Cached for seconds; the admission statement re-checks all of it.
 */
public record TenantPrincipal(UUID tenantId, UUID keyId, String tenantName, TenantStatus tenantStatus,
        boolean keyRevoked, int markupBp, Instant keyExpiresAt) {

    public boolean keyExpired(Instant now) {
        return keyExpiresAt != null && !keyExpiresAt.isAfter(now);
    }
}
