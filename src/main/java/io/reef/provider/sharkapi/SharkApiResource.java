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

/** SharkAPI compatible endpoints (tenant key). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON) // a declared non-JSON body is 415; no Content-Type at all is read as JSON
@Tag(name = "SharkAPI compatible")
public class SharkApiResource {

    private final SharkApiProvider provider;
    private final JobFlow flow;
    private final CurrentTenant tenant;
    private final PublicUrls urls;
    private final Idempotency idempotency;
    private final RequestBodies bodies;

    public SharkApiResource(SharkApiProvider provider, JobFlow flow, CurrentTenant tenant, PublicUrls urls,
            Idempotency idempotency, RequestBodies bodies) {
        this.provider = provider;
        this.flow = flow;
        this.tenant = tenant;
        this.urls = urls;
        this.idempotency = idempotency;
        this.bodies = bodies;
    }

    @POST
    @Path("/generate")
    @Operation(summary = "Submit a generation job (202 + job_id)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Uni<Response> generate(@Context HttpServerRequest request, @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        TenantPrincipal who = tenant.get(); // read now: the work may outlive the request (a hang-up)
        String baseUrl = urls.base(uri);
        return bodies.read(request, provider.maxBodyBytes())
                .flatMap(body -> idempotency.run(who, idempotencyKey, provider, body,
                        () -> flow.accept(who, provider, provider.parse(body), baseUrl)));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "Job status")
    public Uni<Response> job(@PathParam("id") String id, @Context UriInfo uri) {
        return flow.poll(tenant.get(), provider, id, urls.base(uri));
    }
}
