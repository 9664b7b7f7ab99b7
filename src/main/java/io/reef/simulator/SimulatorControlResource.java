package io.reef.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * HTTP control of the simulator, for other processes (e.g. a second app instance in tests). Mirrors the
 * {@link Simulator} Java API. {@code {provider}} is a simulated provider's name
 * ({@link SimulatedProvider#name()}); any other name answers 404.
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

    /**
     * Sets the default behaviour of new tasks of {@code provider} (absent fields: current default); answers
     * the stored behaviour.
     */
    @PUT
    @Path("{provider}/default")
    public Response defaultBehaviour(@PathParam("provider") String provider, String body) {
        if (!simulator.knows(provider)) {
            return unknownProvider(provider);
        }
        return withBehaviour(provider, body, b -> {
            simulator.defaultBehaviour(provider, b);
            return b;
        });
    }

    /**
     * Sets the behaviour of new tasks of {@code provider} for one key, e.g. {@code PUT <name>/models/{model}}
     * (absent fields: current default); answers the stored behaviour. {@code keys} is the provider's
     * {@link SimulatedProvider#behaviourKeys()}.
     */
    @PUT
    @Path("{provider}/{keys}/{key: .+}")
    public Response behaviour(@PathParam("provider") String provider, @PathParam("keys") String keys,
            @PathParam("key") String key, String body) {
        if (!simulator.knows(provider)) {
            return unknownProvider(provider);
        }
        if (!simulator.behaviourKeys(provider).equals(keys)) {
            return ErrorEnvelope.notFound("Provider '" + provider + "' sets behaviours for "
                    + simulator.behaviourKeys(provider) + ", not " + keys);
        }
        return withBehaviour(provider, body, b -> {
            simulator.behaviour(provider, key, b);
            return b;
        });
    }

    /**
     * Injects a fault and/or delay: {@code {"operation", "status"?, "delay_ms"?, "count"?, "api_key"?}} (with
     * {@code api_key}: for that account's requests only).
     */
    @POST
    @Path("{provider}/faults")
    public Response injectFault(@PathParam("provider") String providerName, String body) {
        return withBody(providerName, body, (provider, json) -> {
            FaultRequest.parse(json).applyTo(simulator, provider);
            return Response.noContent().build();
        });
    }

    /**
     * Sets an account's balance and rate limit: {@code {"api_key", "balance_usd"?: "1.50" | null,
     * "submits_per_minute"?: 10 | null}} ({@code null} clears, absent keeps); answers the account's settings
     * {@code {"balance_usd", "submits_per_minute"}}, never its key.
     */
    @PUT
    @Path("{provider}/accounts")
    public Response account(@PathParam("provider") String providerName, String body) {
        return withBody(providerName, body, (provider, json) -> {
            AccountRequest request = AccountRequest.parse(json);
            request.applyTo(simulator, provider);
            return Response.ok(AccountRequest.settingsJson(simulator, provider, request.apiKey())).build();
        });
    }

    /**
     * An account's counters and settings: {@code {"api_key"}} → {@code {"submits", "polls", "cancels",
     * "tasks", "balance_usd", "submits_per_minute", "pending_faults": {"submit", "poll", "cancel"}}} (never
     * the key; zeros and unlimited for a key never seen).
     */
    @POST
    @Path("{provider}/accounts/stats")
    public Response accountStats(@PathParam("provider") String providerName, String body) {
        return withBody(providerName, body, (provider, json) -> Response
                .ok(SimulatorStats.accountJson(simulator, provider, AccountRequest.apiKey(json))).build());
    }

    /** A task/job's current status: {@code {"id", "status"}}. */
    @GET
    @Path("{provider}/tasks/{id}")
    public Response task(@PathParam("provider") String providerName, @PathParam("id") String id) {
        String provider = named(providerName);
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
        String provider = named(providerName);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        if (simulator.status(provider, id).isEmpty()) {
            return ErrorEnvelope.notFound("Task not found: " + id);
        }
        if (!simulator.finishNow(provider, id)) {
            return ErrorEnvelope.response(409, "Task already terminal", ErrorEnvelope.CONFLICT);
        }
        return task(provider, id);
    }

    /**
     * Whether the last request to the provider carried exactly this Authorization header:
     * {@code {"expected": "Bearer ..."}} → {@code {"matches": true|false}}. The recorded value is never returned.
     */
    @POST
    @Path("{provider}/authorization/check")
    public Response checkAuthorization(@PathParam("provider") String providerName, String body) {
        String provider = named(providerName);
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

    /**
     * A control request with a JSON body for a {@code {provider}} route: 404 for an unknown provider, 400
     * (the {@link IllegalArgumentException}'s message) for a body the handler refuses.
     */
    private Response withBody(String providerName, String body, BiFunction<String, JsonNode, Response> handler) {
        String provider = named(providerName);
        if (provider == null) {
            return unknownProvider(providerName);
        }
        try {
            return handler.apply(provider, SimulatorJson.parse(body));
        } catch (IllegalArgumentException e) {
            return ErrorEnvelope.badRequest(e.getMessage());
        }
    }

    private Response withBehaviour(String provider, String body, Function<Behaviour, Behaviour> apply) {
        Behaviour behaviour;
        try {
            behaviour = BehaviourJson.parse(SimulatorJson.parse(body), simulator.defaultBehaviour(provider));
        } catch (IllegalArgumentException e) {
            return ErrorEnvelope.badRequest(e.getMessage());
        }
        return Response.ok(BehaviourJson.toJson(apply.apply(behaviour))).build();
    }

    /**
     * The provider named {@code name} in a {@code {provider}} path segment, case-insensitively (as these
     * routes always have); null if none.
     */
    private String named(String name) {
        if (name == null) {
            return null;
        }
        if (simulator.knows(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return simulator.knows(lower) ? lower : null;
    }

    /** 404 naming the known providers, e.g. {@code Unknown provider 'x' (a or b)}. */
    private Response unknownProvider(String name) {
        List<String> names = List.copyOf(simulator.names());
        String known = names.size() <= 1
                ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return ErrorEnvelope.notFound("Unknown provider '" + name + "' (" + known + ")");
    }
}
