package io.reef.provider.sharkai;

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

/** Shark AI compatible endpoints (tenant key). */
@Path(SharkAiGateway.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON) // a declared non-JSON body is 415; no Content-Type at all is read as JSON
@Tag(name = "Shark AI compatible")
public class SharkAiResource {

    private final SharkAiGateway gateway;
    private final CurrentTenant tenant;
    private final PublicUrls urls;
    private final Idempotency idempotency;

    public SharkAiResource(SharkAiGateway gateway, CurrentTenant tenant, PublicUrls urls, Idempotency idempotency) {
        this.gateway = gateway;
        this.tenant = tenant;
        this.urls = urls;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Generate images (sync 200, or async: true -> 202 with a task)")
    public Uni<Response> generate(String body, @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(tenant.get(), idempotencyKey, "sharkai:generate", body,
                () -> gateway.generate(tenant.get(), body, urls.base(uri)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Poll a task")
    public Uni<Response> poll(@PathParam("id") String id, @Context UriInfo uri) {
        return gateway.poll(tenant.get(), id, urls.base(uri));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // takes no body: any Content-Type
    @Operation(summary = "Cancel a pending task (409 when already started)")
    public Uni<Response> cancel(@PathParam("id") String id, @Context UriInfo uri) {
        return gateway.cancel(tenant.get(), id, urls.base(uri));
    }
}
