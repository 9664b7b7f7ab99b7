package io.reef.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.reef.common.ApiRoutes;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.ErrorEnvelope;
import io.reef.common.ReefClock;
import io.smallrye.mutiny.Uni;

/**
 * Authentication for every Reef path: the operator token for {@code /reef/admin}, a tenant key
 * for the provider-compatible endpoints (every route a provider declares, see {@link ApiRoutes})
 * and tenant self-service. Errors use the envelope of the API called: 401 missing/unknown/expired key,
 * 403 revoked key or suspended tenant, 503 (with {@code Retry-After}) while the database that
 * holds the keys cannot be reached.
 */
public class AuthFilters {

    /** Tenant self-service (Reef's own API, tenant key). */
    static final String TENANT_SELF_SERVICE = "/reef/v1/";

    private final TenantAuthenticator authenticator;
    private final CurrentTenant currentTenant;
    private final ApiRoutes routes;
    private final byte[] adminToken;
    private final ReefClock clock;

    public AuthFilters(TenantAuthenticator authenticator, CurrentTenant currentTenant, AdminConfig admin,
            ApiRoutes routes, ReefClock clock) {
        this.clock = clock;
        this.authenticator = authenticator;
        this.currentTenant = currentTenant;
        this.routes = routes;
        this.adminToken = admin.token().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    // pre-matching: a caller without a valid credential gets 401/403 before anything about the
    // request itself is judged (415 for its Content-Type, 404 for its path)
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/reef/admin/")) {
            return Uni.createFrom().item(admin(bearer(request)));
        }
        if (path.startsWith(TENANT_SELF_SERVICE)) {
            return tenant(bearer(request), ErrorEnvelope.STANDARD);
        }
        if (routes.isProviderPath(path)) {
            return tenant(bearer(request), routes.envelopeFor(path));
        }
        return Uni.createFrom().nullItem();
    }

    private Response admin(String token) {
        if (token == null) {
            return unauthorized(ErrorEnvelope.STANDARD, "Missing operator token (Authorization: Bearer <REEF_ADMIN_TOKEN>)");
        }
        if (adminToken == null || !MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return unauthorized(ErrorEnvelope.STANDARD, "Invalid operator token");
        }
        return null;
    }

    private Uni<Response> tenant(String key, ErrorEnvelope envelope) {
        if (key == null) {
            return Uni.createFrom().item(unauthorized(envelope, "Missing API key (Authorization: Bearer reef_...)"));
        }
        if (!key.startsWith(KeySecrets.PREFIX)) {
            return Uni.createFrom().item(unauthorized(envelope, "Invalid API key"));
        }
        return authenticator.authenticate(key).map(found -> admitTenant(found, envelope))
                // the key cannot be checked now: neither 401 (it may be valid) nor 500
                .onFailure(DatabaseUnavailable::is).recoverWithItem(() -> envelope.response(DatabaseUnavailable.error()));
    }

    private Response admitTenant(Optional<TenantPrincipal> found, ErrorEnvelope envelope) {
        if (found.isEmpty()) {
            return unauthorized(envelope, "Invalid API key");
        }
        TenantPrincipal principal = found.get();
        if (principal.keyRevoked()) {
            return envelope.response(403, "permission_error", "This API key has been revoked", null);
        }
        if (principal.keyExpired(clock.now())) { // early, from the cached key; the admission statement decides
            return unauthorized(envelope, "This API key has expired");
        }
        if (principal.tenantStatus() != TenantStatus.ACTIVE) {
            return envelope.response(403, "permission_error", "This account is suspended", null);
        }
        currentTenant.set(principal);
        return null;
    }

    private static String bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = header.substring(7).trim();
        return value.isEmpty() ? null : value;
    }

    private static Response unauthorized(ErrorEnvelope envelope, String message) {
        return envelope.response(401, "authentication_error", message, null);
    }
}
