package reef.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Capacity: {@code users} synchronous Shark AI requests, started over {@code ramp} seconds, each
 * held open until Reef answers (the stub completes a task {@code CAPACITY_WAIT} seconds after it
 * was created). Every virtual user has its own connection, so {@code users} requests are open at
 * once. Properties: target, path, body, auth, users, ramp (s), timeout (s), marker.
 */
public class CapacitySimulation extends Simulation {

    private final String target = BenchProps.str("target", "http://127.0.0.1:8080");
    private final String path = BenchProps.str("path", "/api/v1/images/generations");
    private final String body = BenchProps.text("body",
            "{\"model\":\"openai/gpt-image-2\",\"prompt\":\"bench\",\"size\":\"1024x1024\"}");
    private final String auth = BenchProps.text("auth", "");
    private final int users = BenchProps.integer("users", 10_000);
    private final int ramp = BenchProps.integer("ramp", 10);
    private final int timeout = BenchProps.integer("timeout", 120);

    {
        HttpProtocolBuilder protocol = http.baseUrl(target)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("reef-bench/gatling-capacity");
        if (!auth.isEmpty()) {
            protocol = protocol.authorizationHeader(auth);
        }
        String payload = body;
        ScenarioBuilder scenario = scenario("capacity").exec(http("sync")
                .post(path)
                .body(StringBody(session -> payload))
                .requestTimeout(Duration.ofSeconds(timeout))
                .check(status().is(200)));
        setUp(scenario.injectOpen(rampUsers(users).during(Duration.ofSeconds(Math.max(ramp, 1)))))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(ramp + timeout + 30L));
    }

    @Override
    public void before() {
        long now = System.currentTimeMillis();
        BenchProps.writeMarker(String.format("{\"start_ms\": %d, \"users\": %d, \"ramp\": %d}%n", now, users, ramp));
    }
}
