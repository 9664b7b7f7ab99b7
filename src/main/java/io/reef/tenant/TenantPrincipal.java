package io.reef.tenant;

import java.util.UUID;

/** Who is calling: the tenant and key behind a presented API key (never the key itself). */
public record TenantPrincipal(UUID tenantId, UUID keyId, String tenantName, TenantStatus tenantStatus,
        boolean keyRevoked, int markupBp) {
}
