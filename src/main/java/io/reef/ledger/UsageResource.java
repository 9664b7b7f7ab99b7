package io.reef.ledger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reef.common.ReefClock;
import io.reef.tenant.CurrentTenant;
import io.smallrye.common.annotation.Blocking;

/** A tenant's own usage (tenant key): what it spent, at its price. */
@Path("/reef/v1/me/usage")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Tenant self-service")
public class UsageResource {

    private final CurrentTenant tenant;
    private final UsageQueries usage;
    private final ReefClock clock;

    public UsageResource(CurrentTenant tenant, UsageQueries usage, ReefClock clock) {
        this.tenant = tenant;
        this.usage = usage;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Spend grouped by day, model or provider (from inclusive, to exclusive)")
    public UsageReport usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy) {
        return usage.usage(tenant.get().tenantId(), UsageQuery.parse(from, to, groupBy, clock.now()), false);
    }
}
