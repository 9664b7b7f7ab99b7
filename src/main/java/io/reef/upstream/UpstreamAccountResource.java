package io.reef.upstream;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.Json;
import io.smallrye.common.annotation.Blocking;

/** Operator API for the reseller's upstream accounts (operator token). */
@Path("/reef/admin/v1/upstream-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Admin: upstream accounts")
public class UpstreamAccountResource {

    private final UpstreamAccounts accounts;
    private final ObjectMapper mapper;

    public UpstreamAccountResource(UpstreamAccounts accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Every upstream account: state, last error, jobs in flight, today's cost (never a key)")
    public List<UpstreamAccountView> list() {
        return accounts.views().stream().map(UpstreamAccountView::of).toList();
    }

    @PATCH
    @Path("/{provider}/{name}")
    @Operation(summary = "Drain an account (no new jobs; its jobs are still polled and charged) or set it active again")
    public UpstreamAccountView patch(@PathParam("provider") String provider, @PathParam("name") String name, String body) {
        AccountState state = requestedState(Json.parseObject(mapper, body));
        if (!accounts.setState(provider, name, state)) {
            throw ApiException.notFound("No such upstream account");
        }
        return accounts.views().stream().filter(v -> v.provider().equals(provider) && v.name().equals(name))
                .findFirst().map(UpstreamAccountView::of).orElseThrow(() -> ApiException.notFound("No such upstream account"));
    }

    private static AccountState requestedState(ObjectNode body) {
        var fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("state")) {
                throw ApiException.badRequest("Unknown field '" + field + "': only 'state' can be changed");
            }
        }
        JsonNode state = body.path("state");
        if (!state.isTextual() || !(state.asText().equals("active") || state.asText().equals("drained"))) {
            throw ApiException.badRequest("'state' must be \"active\" or \"drained\"");
        }
        return AccountState.fromWire(state.asText());
    }
}
