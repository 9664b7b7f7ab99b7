package io.reef.tenant;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Operator API for tenants and their keys (operator token). */
@Path("/reef/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Admin: tenants and keys")
public class AdminTenantResource {

    /** Longest key name (stored; the V4 migration bounds the column the same way). */
    static final int MAX_KEY_NAME = 200;

    private final TenantService tenants;
    private final ApiKeyService keys;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public AdminTenantResource(TenantService tenants, ApiKeyService keys, ObjectMapper mapper, ReefClock clock) {
        this.clock = clock;
        this.tenants = tenants;
        this.keys = keys;
        this.mapper = mapper;
    }

    @POST
    @Path("/tenants")
    @Operation(summary = "Create a tenant")
    public Response create(String body) {
        return Response.status(201).entity(tenants.create(Json.parseObject(mapper, body))).build();
    }

    @GET
    @Path("/tenants")
    @Operation(summary = "List tenants (paged with offset/limit)")
    public List<TenantView> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return tenants.list(Params.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.intParam(limit, "limit", 100, 1, 1000));
    }

    @GET
    @Path("/tenants/{id}")
    public TenantView get(@PathParam("id") String id) {
        return tenants.get(uuid(id, "tenant"));
    }

    @PATCH
    @Path("/tenants/{id}")
    @Operation(summary = "Change name, quota, rate limits, markup, status, billing_mode, allowed_models,"
            + " alert_thresholds_percent or low_balance_usd")
    public TenantView patch(@PathParam("id") String id, String body) {
        return tenants.patch(uuid(id, "tenant"), Json.parseObject(mapper, body));
    }

    @POST
    @Path("/tenants/{id}/keys")
    @Operation(summary = "Issue an API key, optionally with its own quota, rate_limit, allowed_models and expires_at;"
            + " the key is shown only in this response")
    public Response issueKey(@PathParam("id") String id, String body) {
        KeySpec spec = body == null || body.isBlank() ? KeySpec.NONE
                : KeySpec.parse(Json.parseObject(mapper, body),
                        clock.now());
        ApiKeyService.IssuedKey issued = keys.issue(uuid(id, "tenant"), spec);
        return Response.status(201).entity(issued.view().withSecret(issued.key())).build();
    }

    @PATCH
    @Path("/keys/{keyId}")
    @Operation(summary = "Change a key's name, quota, rate_limit, allowed_models or expires_at (null clears)")
    public KeyView patchKey(@PathParam("keyId") String keyId, String body) {
        UUID id = uuid(keyId, "key");
        return keys.patch(id, KeySpec.parse(Json.parseObject(mapper, body), clock.now()));
    }

    @GET
    @Path("/tenants/{id}/keys")
    public List<KeyView> listKeys(@PathParam("id") String id) {
        return keys.list(uuid(id, "tenant"));
    }

    @DELETE
    @Path("/keys/{keyId}")
    @Operation(summary = "Revoke a key (effective within seconds on every replica)")
    public KeyView revoke(@PathParam("keyId") String keyId) {
        return keys.revoke(uuid(keyId, "key"));
    }

    private static UUID uuid(String value, String what) {
        return Params.pathUuid(value, what);
    }
}
