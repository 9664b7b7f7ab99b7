package io.reef.provider.sharkai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Shark AI's image API (base URL: {@code quarkus.rest-client.sharkai.url}). Non-blocking; every call carries the
 * reseller's key, which {@link SharkAiUpstream} reads once from {@link SharkAiSettings#apiKey()}.
 */
@RegisterRestClient(configKey = "sharkai")
@Path(SharkAiProvider.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SharkAiClient {

    @POST
    /** The body's bytes as they are (one buffer, sent without a copy), with their length. */
    Uni<Response> submit(Multi<io.vertx.mutiny.core.buffer.Buffer> body, @HeaderParam("Content-Length") long length,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{id}")
    Uni<Response> task(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{id}/cancel")
    Uni<Response> cancel(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
