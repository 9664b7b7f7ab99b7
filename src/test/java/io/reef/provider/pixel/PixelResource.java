package io.reef.provider.pixel;

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

import io.reef.provider.Idempotency;
import io.reef.provider.JobFlow;
import io.reef.provider.PublicUrls;
import io.reef.provider.RequestBodies;
import io.reef.tenant.CurrentTenant;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Pixel compatible endpoints (tenant key): draw, read a ticket, stop it. */
@Path("/pixel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PixelResource {

    private final PixelProvider provider;
    private final JobFlow flow;
    private final CurrentTenant tenant;
    private final PublicUrls urls;
    private final Idempotency idempotency;
    private final RequestBodies bodies;

    public PixelResource(PixelProvider provider, JobFlow flow, CurrentTenant tenant, PublicUrls urls,
            Idempotency idempotency, RequestBodies bodies) {
        this.provider = provider;
        this.flow = flow;
        this.tenant = tenant;
        this.urls = urls;
        this.idempotency = idempotency;
        this.bodies = bodies;
    }

    @POST
    @Path("/draw")
    public Uni<Response> draw(@Context HttpServerRequest request, @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        TenantPrincipal who = tenant.get();
        String baseUrl = urls.base(uri);
        return bodies.read(request, provider.maxBodyBytes())
                .flatMap(body -> idempotency.run(who, idempotencyKey, provider, body,
                        () -> flow.accept(who, provider, provider.parse(body), baseUrl)));
    }

    @GET
    @Path("/tickets/{id}")
    public Uni<Response> ticket(@PathParam("id") String id, @Context UriInfo uri) {
        return flow.poll(tenant.get(), provider, id, urls.base(uri));
    }

    @POST
    @Path("/tickets/{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> stop(@PathParam("id") String id, @Context UriInfo uri) {
        return flow.cancel(tenant.get(), provider, id, urls.base(uri));
    }
}
