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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reef.provider.Idempotency;
import io.reef.provider.JobFlow;
import io.reef.provider.PublicUrls;
import io.reef.provider.RequestBodies;
import io.reef.tenant.CurrentTenant;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Shark AI compatible endpoints (tenant key). */
@Path(SharkAiProvider.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON) // a declared non-JSON body is 415; no Content-Type at all is read as JSON
@Tag(name = "Shark AI compatible")
public class SharkAiResource {

    private final SharkAiProvider provider;
    private final SharkAiGateway gateway;
    private final JobFlow flow;
    private final CurrentTenant tenant;
    private final PublicUrls urls;
    private final Idempotency idempotency;
    private final RequestBodies bodies;

    public SharkAiResource(SharkAiProvider provider, SharkAiGateway gateway, JobFlow flow, CurrentTenant tenant,
            PublicUrls urls, Idempotency idempotency, RequestBodies bodies) {
        this.provider = provider;
        this.gateway = gateway;
        this.flow = flow;
        this.tenant = tenant;
        this.urls = urls;
        this.idempotency = idempotency;
        this.bodies = bodies;
    }

    @POST
    @Operation(summary = "Generate images (sync 200, or async: true -> 202 with a task)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Uni<Response> generate(@Context HttpServerRequest request, @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        TenantPrincipal who = tenant.get(); // read now: the work may outlive the request (a hang-up)
        String baseUrl = urls.base(uri);
        return bodies.read(request, provider.maxBodyBytes())
                .flatMap(body -> idempotency.run(who, idempotencyKey, provider, body,
                        () -> gateway.generate(who, body, baseUrl)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Poll a task")
    public Uni<Response> poll(@PathParam("id") String id, @Context UriInfo uri) {
        return flow.poll(tenant.get(), provider, id, urls.base(uri));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // takes no body: any Content-Type
    @Operation(summary = "Cancel a pending task (409 when already started)")
    public Uni<Response> cancel(@PathParam("id") String id, @Context UriInfo uri) {
        return flow.cancel(tenant.get(), provider, id, urls.base(uri));
    }
}
