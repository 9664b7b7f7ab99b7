package io.reef.console;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in person: the operator, or a tenant ({@code tenantId}, the only tenant a portal page
 * may show). The CSRF token is the one every state-changing form of this session must carry. The
 * secret itself is not kept here.
 */
public record Session(Audience audience, UUID tenantId, String csrfToken, Instant expiresAt) {
}
