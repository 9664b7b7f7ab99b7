package reef.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * One endpoint at one fixed arrival rate: an open model ({@code constantUsersPerSec}), so a slow
 * response never delays the next request and queueing shows up in the latencies (no coordinated
 * omission). Each virtual user sends one request.
 *
 * <p>The first {@code warmup} seconds are named {@code warmup}, the next {@code duration} seconds
 * {@code measure}; report.py reads only the {@code measure} request's statistics. The first half
 * of the warm-up (at most 5 s) ramps the rate up from 1/s: a cold start at the full rate, while
 * this JVM itself is still compiling, can queue seconds of work on 2 shared cores (seen at 1,000
 * req/s: a 3.8 s backlog that took 12 s to drain, into the measured window). After the ramp the
 * rate is constant. {@code ramp} (s) overrides the ramp's length: run-load.sh's JIT warm-up of a
 * freshly started Reef uses a long one, because 400 req/s within 5 s of a cold start queued more
 * work than the cold JVM could do before Gatling's 30 s timeout, in about half the runs, and the
 * backlog of abandoned requests then kept it from recovering (seen before and after issue 12).
 *
 * <p>Properties: target (base URL), method (GET|POST), path, body (POST JSON), auth (the whole
 * Authorization header value, optional), rate (requests/s), warmup, duration (s), ramp (s), timeout (s), marker
 * (file that receives the measurement window as JSON). bodyB64 / authB64 take body / auth
 * Base64-encoded (see {@link BenchProps#text}).
 */
public class RateSimulation extends Simulation {

    private final String target = BenchProps.str("target", "http://127.0.0.1:18080");
    private final String method = BenchProps.str("method", "GET").toUpperCase();
    private final String path = BenchProps.str("path", "/v1/jobs/job_bench");
    private final String body = BenchProps.text("body", "");
    private final String auth = BenchProps.text("auth", "");
    private final double rate = BenchProps.num("rate", 20);
    private final int warmup = BenchProps.integer("warmup", 0);
    private final int duration = BenchProps.integer("duration", 5);
    private final int timeout = BenchProps.integer("timeout", 30);

    /** When the first request was sent (injection start): the warm-up counts from here. */
    private final AtomicLong startMillis = new AtomicLong();

    {
        HttpProtocolBuilder protocol = http.baseUrl(target)
                .shareConnections() // one keep-alive pool for all users, like a client SDK
                .acceptHeader("application/json")
                .userAgentHeader("reef-bench/gatling");

        HttpRequestActionBuilder request = http(session -> phase())
                .httpRequest(method, path)
                .requestTimeout(Duration.ofSeconds(timeout))
                .check(status().in(200, 201, 202, 204));
        if (!auth.isEmpty()) {
            request = request.header("Authorization", auth);
        }
        if ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)) {
            String payload = body;
            request = request.header("Content-Type", "application/json").body(StringBody(session -> payload));
        }

        ScenarioBuilder scenario = scenario("rate").exec(request);
        int ramp = Math.min(BenchProps.integer("ramp", Math.min(warmup / 2, 5)), warmup);
        OpenInjectionStep steady = constantUsersPerSec(rate).during(Duration.ofSeconds(warmup - ramp + duration));
        OpenInjectionStep[] steps = ramp == 0 ? new OpenInjectionStep[] { steady }
                : new OpenInjectionStep[] { rampUsersPerSec(Math.min(1, rate)).to(rate).during(Duration.ofSeconds(ramp)), steady };
        setUp(scenario.injectOpen(steps))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(warmup + duration + timeout + 10L));
    }

    private String phase() {
        long now = System.currentTimeMillis();
        startMillis.compareAndSet(0, now);
        return now - startMillis.get() < warmup * 1000L ? "warmup" : "measure";
    }

    @Override
    public void after() {
        long start = startMillis.get();
        long measureStart = start + warmup * 1000L;
        BenchProps.writeMarker(String.format(
                "{\"start_ms\": %d, \"measure_start_ms\": %d, \"measure_end_ms\": %d, \"end_ms\": %d, "
                        + "\"rate\": %s, \"warmup\": %d, \"duration\": %d}%n",
                start, measureStart, measureStart + duration * 1000L, System.currentTimeMillis(), rate, warmup, duration));
    }
}
