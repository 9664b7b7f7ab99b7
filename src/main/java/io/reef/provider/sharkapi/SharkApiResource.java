package io.reef.provider.sharkapi;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reef.provider.Idempotency;
import io.reef.provider.PublicUrls;
import io.reef.tenant.CurrentTenant;
import io.smallrye.mutiny.Uni;

/** SharkAPI compatible endpoints (tenant key). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON) // a declared non-JSON body is 415; no Content-Type at all is read as JSON
@Tag(name = "SharkAPI compatible")
public class SharkApiResource {

    private final SharkApiGateway gateway;
    private final CurrentTenant tenant;
    private final PublicUrls urls;
    private final Idempotency idempotency;

    public SharkApiResource(SharkApiGateway gateway, CurrentTenant tenant, PublicUrls urls, Idempotency idempotency) {
        this.gateway = gateway;
        this.tenant = tenant;
        this.urls = urls;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/generate")
    @Operation(summary = "Submit a generation job (202 + job_id)")
    public Uni<Response> generate(String body, @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(tenant.get(), idempotencyKey, "sharkapi:generate", body,
                () -> gateway.generate(tenant.get(), body, urls.base(uri)));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "Job status")
    public Uni<Response> job(@PathParam("id") String id, @Context UriInfo uri) {
        return gateway.status(tenant.get(), id, urls.base(uri));
    }
}
