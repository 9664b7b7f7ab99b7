package io.reef.provider.sharkapi;

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
 * SharkAPI (base URL: {@code quarkus.rest-client.sharkapi.url}). Non-blocking; every call carries the
 * reseller's token, which {@link SharkApiUpstream} reads once from {@link SharkApiSettings#apiKey()}.
 */
@RegisterRestClient(configKey = "sharkapi")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SharkApiClient {

    @POST
    @Path("/generate")
    /** The body's bytes as they are (one buffer, sent without a copy), with their length. */
    Uni<Response> generate(Multi<io.vertx.mutiny.core.buffer.Buffer> body, @HeaderParam("Content-Length") long length,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/jobs/{id}")
    Uni<Response> job(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
