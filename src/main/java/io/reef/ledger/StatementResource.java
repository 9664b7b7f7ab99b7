package io.reef.ledger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.reef.common.Params;
import io.reef.common.ReefClock;
import io.smallrye.common.annotation.Blocking;

/** The operator's monthly statement of a tenant (operator token), with upstream cost and margin. */
@Path("/reef/admin/v1/tenants/{id}/statement")
@Blocking
@Tag(name = "Admin: usage and ledger")
public class StatementResource {

    private final Statements statements;
    private final StatementRepresentations representations;
    private final ReefClock clock;

    public StatementResource(Statements statements, StatementRepresentations representations, ReefClock clock) {
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
    @APIResponse(responseCode = "404", description = "No such tenant")
    @Operation(summary = "A tenant's statement for a UTC calendar month (month=YYYY-MM): JSON, CSV or printable HTML by Accept")
    public Response statement(@PathParam("id") String id, @QueryParam("month") String month,
            @Context HttpHeaders headers) {
        Statement statement = statements.statement(Params.pathUuid(id, "tenant"),
                StatementMonth.parse(month, clock.now()), Statements.Audience.OPERATOR);
        return representations.respond(statement, headers);
    }
}
