package io.reef.provider.pixel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.reef.simulator.SimulatorEndpoint;
import io.smallrye.mutiny.Uni;

/** Simulated Pixel, at {@code /sim/pixel} (the base URL {@link PixelProvider}'s client uses). */
@Path("/sim/pixel")
@SimulatorEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedPixelResource {

    private final SimulatedPixel simulator;

    public SimulatedPixelResource(SimulatedPixel simulator) {
        this.simulator = simulator;
    }

    @POST
    @Path("draw")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> draw(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return simulator.draw(authorization, body);
    }

    @GET
    @Path("tickets/{id}")
    public Uni<Response> ticket(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return simulator.ticket(authorization, id);
    }

    @POST
    @Path("tickets/{id}/stop")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> stop(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return simulator.stop(authorization, id);
    }
}
