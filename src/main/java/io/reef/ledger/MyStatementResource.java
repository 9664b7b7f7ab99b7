package io.reef.ledger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reef.common.ReefClock;
import io.reef.tenant.CurrentTenant;
import io.smallrye.common.annotation.Blocking;

/** A tenant's own monthly statement (tenant key): always the key's tenant, prices only. */
@Path("/reef/v1/me/statement")
@Blocking
@Tag(name = "Tenant self-service")
public class MyStatementResource {

    private final CurrentTenant tenant;
    private final Statements statements;
    private final StatementRepresentations representations;
    private final ReefClock clock;

    public MyStatementResource(CurrentTenant tenant, Statements statements, StatementRepresentations representations,
            ReefClock clock) {
        this.tenant = tenant;
        this.statements = statements;
        this.representations = representations;
        this.clock = clock;
    }

    @GET
    @Produces({ "application/json", "text/csv", "text/html" })
    @APIResponse(responseCode = "200", description = "The statement", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Statement.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "text/html") })
    @APIResponse(responseCode = "400", description = "'month' is not a month from 2000-01 to the current one")
    @Operation(summary = "The tenant's statement for a UTC calendar month (month=YYYY-MM): JSON, CSV or printable HTML by Accept")
    public Response statement(@QueryParam("month") String month, @Context HttpHeaders headers) {
        Statement statement = statements.statement(tenant.get().tenantId(), StatementMonth.parse(month, clock.now()),
                Statements.Audience.TENANT);
        return representations.respond(statement, headers);
    }
}
