package io.reef.provider.pixel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** Pixel's upstream API, built programmatically by {@link PixelProvider} (no configuration key needed). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PixelClient {

    @POST
    @Path("draw")
    Uni<Response> draw(@HeaderParam("Authorization") String authorization, String body);

    @GET
    @Path("tickets/{id}")
    Uni<Response> ticket(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @POST
    @Path("tickets/{id}/stop")
    Uni<Response> stop(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
