package io.reef.provider.sharkai;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.reef.simulator.SimulatorEndpoint;
import io.reef.simulator.SimulatorUrls;
import io.smallrye.mutiny.Uni;

/** Simulated Shark AI images API, at {@code /sim/sharkai} (base URL to give the Shark AI REST client). */
@Path("/sim/sharkai/api/v1/images/generations")
@SimulatorEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedSharkAiResource {

    @Inject
    SimulatedSharkAi simulator;

    /** Generate: 200 sync result, or 202 task when {@code "async": true}. */
    @POST
    public Uni<Response> generate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uriInfo, String body) {
        return simulator.submit(authorization, SimulatorUrls.base(uriInfo, SimulatedSharkAi.NAME), body);
    }

    /** Poll a task. */
    @GET
    @Path("{id}")
    public Uni<Response> poll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        return simulator.poll(authorization, id);
    }

    /** Cancel a pending task (409 once started). */
    @POST
    @Path("{id}/cancel")
    public Uni<Response> cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        return simulator.cancel(authorization, id);
    }
}
