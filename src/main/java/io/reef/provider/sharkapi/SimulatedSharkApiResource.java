package io.reef.provider.sharkapi;

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

/** Simulated SharkAPI, at {@code /sim/sharkapi} (base URL to give the SharkAPI REST client). */
@Path("/sim/sharkapi/v1")
@SimulatorEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class SimulatedSharkApiResource {

    @Inject
    SimulatedSharkApi simulator;

    /** Submit a generation job: 202 with {@code job_id}. */
    @POST
    @Path("generate")
    public Uni<Response> generate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uriInfo, String body) {
        return simulator.submit(authorization, SimulatorUrls.base(uriInfo, SimulatedSharkApi.NAME), body);
    }

    /** Job status. */
    @GET
    @Path("jobs/{id}")
    public Uni<Response> job(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uriInfo, @PathParam("id") String id) {
        return simulator.poll(authorization, SimulatorUrls.base(uriInfo, SimulatedSharkApi.NAME), id);
    }
}
