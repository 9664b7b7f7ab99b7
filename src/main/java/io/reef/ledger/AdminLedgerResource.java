package io.reef.ledger;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reef.common.ApiException;
import io.reef.common.Params;
import io.reef.common.ReefClock;
import io.smallrye.common.annotation.Blocking;

/** Operator reports: usage per tenant (price, cost and margin) and the ledger as JSON or a CSV statement. */
@Path("/reef/admin/v1")
@Blocking
@Tag(name = "Admin: usage and ledger")
public class AdminLedgerResource {

    private final UsageQueries usage;
    private final LedgerCsv csv;
    private final ReefClock clock;

    public AdminLedgerResource(UsageQueries usage, LedgerCsv csv, ReefClock clock) {
        this.usage = usage;
        this.csv = csv;
        this.clock = clock;
    }

    @GET
    @Path("/tenants/{id}/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A tenant's usage grouped by day, model, provider or upstream account, with cost and margin")
    public UsageReport tenantUsage(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("group_by") String groupBy) {
        return usage.usage(Params.pathUuid(id, "tenant"), UsageQuery.parseForOperator(from, to, groupBy, clock.now()), true);
    }

    @GET
    @Path("/usage")
    @Operation(summary = "Every tenant's usage grouped by day, model, provider or upstream account (group_by=account:"
            + " each account's provider cost, to reconcile with the provider's bill), with cost and margin")
    public UsageReport allUsage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group_by") String groupBy) {
        return usage.usage(null, UsageQuery.parseForOperator(from, to, groupBy, clock.now()), true);
    }

    @GET
    @Path("/ledger")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ledger entries, paged (pass next_cursor back as cursor)")
    public Map<String, Object> page(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limitParam) {
        int limit = Params.intParam(limitParam, "limit", 100, 1, 1000);
        UsageQuery range = UsageQuery.parse(from, to, null, clock.now());
        List<StatementLine> lines = usage.page(Params.queryUuid(tenant, "tenant"), range.from(), range.to(),
                decode(cursor), limit);
        String next = lines.size() < limit ? null : encode(lines.get(lines.size() - 1));
        return next == null ? Map.of("entries", lines) : Map.of("entries", lines, "next_cursor", next);
    }

    @GET
    @Path("/ledger")
    @Produces("text/csv")
    @Operation(summary = "The ledger as a CSV statement (streamed)")
    public Response statement(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        UsageQuery range = UsageQuery.parse(from, to, null, clock.now());
        StreamingOutput body = csv.of(LedgerFilter.range(Params.queryUuid(tenant, "tenant"), range.from(), range.to()));
        return Response.ok(body, LedgerCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"reef-statement.csv\"").build();
    }

    private static String encode(StatementLine last) {
        return new UsageQueries.Cursor(last.createdAt(), last.id()).wire();
    }

    private static UsageQueries.Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        UsageQueries.Cursor decoded = UsageQueries.Cursor.fromWire(cursor);
        if (decoded == null) {
            throw ApiException.badRequest("'cursor' is not a cursor this API returned");
        }
        return decoded;
    }
}
