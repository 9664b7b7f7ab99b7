package io.reef.ledger;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reef.common.Json;
import io.reef.common.Params;
import io.reef.common.ReefClock;
import io.smallrye.common.annotation.Blocking;

/** Operator API for a tenant's prepaid credit (operator token). */
@Path("/reef/admin/v1/tenants/{id}/credits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Admin: prepaid credit")
public class AdminCreditResource {

    private final Credits credits;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public AdminCreditResource(Credits credits, ObjectMapper mapper, ReefClock clock) {
        this.credits = credits;
        this.mapper = mapper;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Grant credit {amount_usd, reference, note, expires_at?}; a negative amount is a correction"
            + " (note required, no expiry); a reference already used is a 409")
    public Response grant(@PathParam("id") String id, String body) {
        CreditGrant grant = CreditGrant.parse(Json.parseObject(mapper, body), clock.now());
        return Response.status(201).entity(credits.grant(Params.pathUuid(id, "tenant"), grant)).build();
    }

    @GET
    @Operation(summary = "The tenant's credit entries, newest first (pass next_before back as before)")
    public Map<String, Object> list(@PathParam("id") String id, @QueryParam("limit") String limitParam,
            @QueryParam("before") String beforeParam) {
        int limit = Params.intParam(limitParam, "limit", 100, 1, 1000);
        Long before = Params.positiveLong(beforeParam, "before");
        List<CreditEntry> page = credits.list(Params.pathUuid(id, "tenant"), before, limit);
        return page.size() < limit ? Map.of("credits", page)
                : Map.of("credits", page, "next_before", page.get(page.size() - 1).id());
    }
}
