package io.reef.tenant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;

/** Tenant self-service (tenant key). */
@Path("/reef/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Tenant self-service")
public class MeResource {

    private final CurrentTenant current;
    private final TenantService tenants;

    public MeResource(CurrentTenant current, TenantService tenants) {
        this.current = current;
        this.tenants = tenants;
    }

    @RegisterForReflection
    public record Me(TenantRef tenant, TenantView.QuotaView quota, TenantView.RateLimitView rateLimit,
            TenantView.BalanceView balance) {
    }

    @RegisterForReflection
    public record TenantRef(String id, String name, String status) {
    }

    @GET
    public Me me() {
        TenantView t = tenants.get(current.get().tenantId());
        return new Me(new TenantRef(t.id().toString(), t.name(), t.status()), t.quota(), t.rateLimit(), t.balance());
    }
}
