package io.reef.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * HTTP control of the simulator, for other processes (e.g. a second app instance in tests). Mirrors the
 * {@link Simulator} Java API. {@code {provider}} is {@code sharkai} or {@code sharkapi}.
 */
@Path("/sim/control")
@SimulatorEndpoint
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorControlResource {

    @Inject
    Simulator simulator;

    /** Forgets all tasks, behaviours, faults and counters. */
    @POST
    @Path("reset")
    public Response reset() {
        simulator.reset();
        return Response.noContent().build();
    }

    /** Sets a Shark AI model's behaviour (absent fields: current default); answers the stored behaviour. */
    @PUT
    @Path("sharkai/models/{model: .+}")
    public Response sharkAiModel(@PathParam("model") String model, String body) {
        return withBehaviour(Provider.SHARK_AI, body, b -> {
            simulator.sharkAiModel(model, b);
            return b;
        });
    }

    /** Sets the Shark AI default behaviour (absent fields: current default). */
    @PUT
    @Path("sharkai/default")
    public Response sharkAiDefault(String body) {
        return withBehaviour(Provider.SHARK_AI, body, b -> {
            simulator.sharkAiDefault(b);
            return b;
        });
    }

    /** Sets a SharkAPI mode's behaviour (absent fields: current default); answers the stored behaviour. */
    @PUT
    @Path("sharkapi/modes/{mode}")
    public Response sharkApiMode(@PathParam("mode") String mode, String body) {
        return withBehaviour(Provider.SHARK_API, body, b -> {
            simulator.sharkApiMode(mode, b);
            return b;
        });
    }

    /** Sets the SharkAPI default behaviour (absent fields: current default). */
    @PUT
    @Path("sharkapi/default")
    public Response sharkApiDefault(String body) {
        return withBehaviour(Provider.SHARK_API, body, b -> {
            simulator.sharkApiDefault(b);
            return b;
        });
    }

    /** Injects a fault and/or delay: {@code {"operation", "status"?, "delay_ms"?, "count"?}}. */
    @POST
    @Path("{provider}/faults")
    public Response injectFault(@PathParam("provider") String providerName, String body) {
        Provider provider = Provider.fromPathName(providerName).orElse(null);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        try {
            FaultRequest.parse(SimulatorJson.parse(body)).applyTo(simulator, provider);
        } catch (IllegalArgumentException e) {
            return ErrorEnvelope.badRequest(e.getMessage());
        }
        return Response.noContent().build();
    }

    /** A task/job's current status: {@code {"id", "status"}}. */
    @GET
    @Path("{provider}/tasks/{id}")
    public Response task(@PathParam("provider") String providerName, @PathParam("id") String id) {
        Provider provider = Provider.fromPathName(providerName).orElse(null);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        return simulator.status(provider, id)
                .map(status -> {
                    ObjectNode json = SimulatorJson.object();
                    json.put("id", id);
                    json.put("status", status);
                    return Response.ok(json).build();
                })
                .orElseGet(() -> ErrorEnvelope.notFound("Task not found: " + id));
    }

    /** Makes a task/job terminal now; 200 {@code {"id", "status"}}, 409 if already terminal, 404 if unknown. */
    @POST
    @Path("{provider}/tasks/{id}/finish")
    public Response finish(@PathParam("provider") String providerName, @PathParam("id") String id) {
        Provider provider = Provider.fromPathName(providerName).orElse(null);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        if (simulator.status(provider, id).isEmpty()) {
            return ErrorEnvelope.notFound("Task not found: " + id);
        }
        if (!simulator.finishNow(provider, id)) {
            return ErrorEnvelope.response(409, "Task already terminal", ErrorEnvelope.CONFLICT);
        }
        return task(providerName, id);
    }

    /**
     * Whether the last request to the provider carried exactly this Authorization header:
     * {@code {"expected": "Bearer ..."}} → {@code {"matches": true|false}}. The recorded value is never returned.
     */
    @POST
    @Path("{provider}/authorization/check")
    public Response checkAuthorization(@PathParam("provider") String providerName, String body) {
        Provider provider = Provider.fromPathName(providerName).orElse(null);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        JsonNode json = SimulatorJson.parse(body);
        String expected = json == null ? null : SimulatorJson.text(json, "expected");
        if (expected == null) {
            return ErrorEnvelope.badRequest("'expected' must be a string");
        }
        String actual = simulator.lastAuthorization(provider);
        boolean matches = actual != null && MessageDigest.isEqual(
                actual.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
        ObjectNode result = SimulatorJson.object();
        result.put("matches", matches);
        return Response.ok(result).build();
    }

    /** Counters per provider (never the Authorization value). */
    @GET
    @Path("stats")
    public Response stats() {
        return Response.ok(SimulatorStats.json(simulator)).build();
    }

    private Response withBehaviour(Provider provider, String body, Function<Behaviour, Behaviour> apply) {
        Behaviour behaviour;
        try {
            behaviour = BehaviourJson.parse(SimulatorJson.parse(body), simulator.defaultBehaviour(provider));
        } catch (IllegalArgumentException e) {
            return ErrorEnvelope.badRequest(e.getMessage());
        }
        return Response.ok(BehaviourJson.toJson(apply.apply(behaviour))).build();
    }

    private static Response unknownProvider(String name) {
        return ErrorEnvelope.notFound("Unknown provider '" + name + "' (sharkai or sharkapi)");
    }
}
