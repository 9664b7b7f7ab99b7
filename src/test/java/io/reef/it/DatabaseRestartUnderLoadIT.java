package io.reef.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.provider.sharkai.SharkAiCredit;
import io.reef.provider.sharkapi.SharkApiDollars;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Eventually;
import io.reef.support.RestartablePostgres;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PostgreSQL is restarted under a steady stream of jobs (SharkAPI generates, Shark AI async
 * generates, polls of both, a tenant self-service read): a replica of the packaged jar, pointed at
 * a database of the test's own, answers nothing but successes and, while the database is down,
 * 503 with {@code Retry-After} in the providers' envelope; it recovers without being restarted;
 * and once every job has ended, its ledger equals what the provider (the simulator of this test
 * instance) billed for the tenant's jobs, each job charged once. A job the provider accepted but
 * whose upstream id could not be recorded would be the documented operator alert: the test
 * counts such jobs explicitly (matched to the alert lines naming them) instead of loosening the
 * comparison.
 */
@QuarkusTest
class DatabaseRestartUnderLoadIT {

    private static final int REPLICA_PORT = 8085;
    private static final Duration PERIOD = Duration.ofMillis(25); // 40 requests/s
    private static final Duration BEFORE = Duration.ofSeconds(4);
    private static final Duration DOWN = Duration.ofSeconds(5);
    /**
     * How long the provider takes to answer the submits in flight when the database stops: it
     * answers while the database is down, for longer than the old 5 retries (~2.3 s) lasted.
     */
    private static final Duration SLOW_SUBMIT = Duration.ofMillis(1_500);
    /** Longer than the key cache's TTL (quarkus.cache.caffeine."api-keys".expire-after-write). */
    private static final Duration KEY_CACHE_EXPIRED = Duration.ofMillis(2_500);
    private static final Duration AFTER = Duration.ofSeconds(9);
    /**
     * After the restart, this long for the pools to drop their dead connections: a pooled JDBC
     * connection that died with the server fails the one request that borrows it (a 503 with
     * Retry-After) before the exception sorter destroys it; 2 s was seen to be too short once.
     */
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Simulator simulator;

    private record Outcome(String what, long startedNanos, long endedNanos, int status, String retryAfter,
            String body, Throwable failure, Generate generate) {
    }

    /** A generate as sent: a careless client's retry sends it again with the same Idempotency-Key. */
    private record Generate(String path, String idempotencyKey, String body) {
    }

    @Test
    void aDatabaseRestartUnderLoadGives503WithRetryAfterAndTheLedgerEqualsTheProvidersBill() throws Exception {
        simulator.reset();
        simulator.defaultBehaviour("sharkapi", Behaviour.builder().pendingMillis(600).runningMillis(600).build());
        simulator.defaultBehaviour("sharkai", Behaviour.builder().pendingMillis(600).runningMillis(600).build());

        try (RestartablePostgres db = RestartablePostgres.start();
                AppProcess replica = AppProcess.start(REPLICA_PORT, Map.of(
                        "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                        "quarkus.datasource.username", db.username(),
                        "quarkus.datasource.password", db.password()))) {
            long logStart = Files.size(replica.logFile());
            String tenantId = given().port(REPLICA_PORT).header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                    .contentType("application/json")
                    .body(Map.of("name", "restart-" + System.nanoTime(),
                            "quota", Map.of("limit_usd", new BigDecimal("1000"), "period", "month")))
                    .post("/reef/admin/v1/tenants").then().statusCode(201).extract().path("id");
            String key = given().port(REPLICA_PORT).header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                    .contentType("application/json").body(Map.of("name", "load"))
                    .post("/reef/admin/v1/tenants/" + tenantId + "/keys").then().statusCode(201).extract().path("key");

            Load load = new Load(replica.baseUrl(), key);
            load.start();
            Thread.sleep(BEFORE.toMillis());
            // the next submits reach the provider while the database is up and get their answer
            // while it is down: three SharkAPI jobs accepted (their upstream ids must be recorded
            // once it is back), two Shark AI submits refused (their idempotency keys must be released)
            simulator.injectDelay("sharkapi", Operation.SUBMIT, SLOW_SUBMIT, 3);
            simulator.injectDelay("sharkai", Operation.SUBMIT, SLOW_SUBMIT, 2);
            simulator.injectFault("sharkai", Operation.SUBMIT, 500, 2);
            Eventually.until("the slow submits are under way", Duration.ofSeconds(2),
                    () -> simulator.pendingDelays("sharkapi", Operation.SUBMIT) == 0
                            && simulator.pendingDelays("sharkai", Operation.SUBMIT) == 0);
            long downAt = System.nanoTime();
            db.stop();
            Thread.sleep(KEY_CACHE_EXPIRED.toMillis());
            // every cached key has expired: the auth filter itself needs the database now
            for (String presented : List.of(key, "reef_never_issued_" + UUID.randomUUID())) {
                given().port(REPLICA_PORT).header("Authorization", "Bearer " + presented).get("/reef/v1/me")
                        .then().statusCode(503).header("Retry-After", notNullValue())
                        .body("error.type", equalTo("api_error"));
            }
            Thread.sleep(DOWN.minus(KEY_CACHE_EXPIRED).toMillis());
            db.startAgain();
            long upAt = System.nanoTime();
            Thread.sleep(AFTER.toMillis());
            List<Outcome> outcomes = load.stopAndAwait();

            // ---- the answers: successes, and 503 + Retry-After in the envelope while the database was down
            List<Outcome> broken = outcomes.stream().filter(o -> o.failure() != null).toList();
            assertTrue(broken.isEmpty(), "every request got an answer: " + describe(broken));
            List<Outcome> unexpected = outcomes.stream()
                    .filter(o -> o.status() != 200 && o.status() != 202 && o.status() != 503).toList();
            assertTrue(unexpected.isEmpty(), "only 2xx and 503 (no 500): " + describe(unexpected));
            List<Outcome> unavailable = outcomes.stream().filter(o -> o.status() == 503).toList();
            assertTrue(unavailable.size() >= 10, "the outage was seen: " + unavailable.size() + " x 503");
            for (Outcome o : unavailable) {
                assertTrue(o.retryAfter() != null && Integer.parseInt(o.retryAfter()) >= 1,
                        "503 with Retry-After: " + describe(List.of(o)));
                JsonNode error = JSON.readTree(o.body()).path("error");
                assertTrue(error.path("message").isTextual() && error.path("type").isTextual(),
                        "503 in the providers' envelope: " + o.body());
                // in flight when the database stopped counts too: a slow submit the provider refused
                // voids its hold after the stop (seen: a request started 2.6 s before it)
                assertTrue(o.startedNanos() >= downAt - SLOW_SUBMIT.plusSeconds(3).toNanos(),
                        "a 503 only from the outage on: " + describe(List.of(o)) + " started "
                                + (o.startedNanos() - downAt) / 1_000_000 + " ms after the stop, the restart "
                                + (upAt - downAt) / 1_000_000 + " ms after it");
            }
            Map<String, Long> unavailableByKind = unavailable.stream()
                    .collect(Collectors.groupingBy(Outcome::what, TreeMap::new, Collectors.counting()));
            System.out.printf("DatabaseRestartUnderLoadIT: %d requests, %d x 503 %s%n", outcomes.size(),
                    unavailable.size(), unavailableByKind);
            for (String kind : List.of("sharkapi-generate", "sharkai-generate", "me")) {
                assertTrue(unavailableByKind.getOrDefault(kind, 0L) > 0,
                        "a " + kind + " was answered 503: " + unavailableByKind);
            }

            // ---- recovered without a restart of Reef: everything succeeds again. A pooled connection
            // that died with the server can still fail the one request that borrows it (a 503 with
            // Retry-After, counted above) before it is destroyed: at most a couple, seen in 2 of 4
            // runs; from SETTLE + 2 s after the restart on, every request succeeds.
            List<Outcome> recovered = outcomes.stream().filter(o -> o.startedNanos() > upAt + SETTLE.toNanos()).toList();
            assertTrue(recovered.size() > 100, "requests after the restart: " + recovered.size());
            List<Outcome> late = recovered.stream().filter(o -> o.status() >= 300).toList();
            assertTrue(late.size() <= 2 && late.stream().allMatch(o -> o.status() == 503),
                    "all but a dead pooled connection's one request succeed again: " + describe(late));
            long settled = upAt + SETTLE.plusSeconds(2).toNanos();
            List<Outcome> afterSettling = recovered.stream().filter(o -> o.startedNanos() > settled).toList();
            assertTrue(
                    afterSettling.size() > 50 && afterSettling.stream().allMatch(o -> o.status() == 200 || o.status() == 202),
                    "every request succeeds once the pools settled: " + describe(afterSettling.stream()
                            .filter(o -> o.status() >= 300).toList()));
            for (String kind : List.of("sharkapi-generate", "sharkai-generate", "sharkapi-poll", "sharkai-poll", "me")) {
                assertTrue(recovered.stream().anyMatch(o -> o.what().equals(kind)), kind + " after the restart");
            }

            // ---- a careless client retries every generate that got a 503 with the same key
            List<Outcome> retried = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.status() == 503 && o.generate() != null && !o.body().contains("do not resubmit")) {
                    retried.add(load.sendNow(o.what() + "-retry", o.generate()));
                }
            }
            List<Outcome> notRetriable = retried.stream().filter(o -> o.status() != 202).toList();
            assertTrue(notRetriable.isEmpty(), "a 503 during the outage leaves its Idempotency-Key free to retry: "
                    + describe(notRetriable));
            long acceptedDuringTheOutage = outcomes.stream().filter(o -> o.what().equals("sharkapi-generate")
                    && o.status() == 202 && o.startedNanos() < downAt && o.endedNanos() > upAt).count();
            assertTrue(acceptedDuringTheOutage >= 1, "jobs the provider accepted while the database was down "
                    + "were recorded once it was back: " + acceptedDuringTheOutage);

            // ---- the ledger: once every job has ended, what the provider billed, each job once
            Eventually.until("the provider ends every job", Duration.ofSeconds(10),
                    () -> simulator.billed("sharkai").size() + simulator.billed("sharkapi").size() == simulator
                            .taskCount("sharkai") + simulator.taskCount("sharkapi"));
            Eventually.until("the reconciler ends every job Reef knows upstream", Duration.ofSeconds(30),
                    () -> openJobsWithUpstreamId(db, tenantId) == 0);
            Map<String, Long> billed = billedMicros();
            Map<String, Long> charged = ledgerCostByUpstreamId(db, tenantId);
            List<String> log = newLogLines(replica.logFile(), logStart);
            List<String> alerts = log.stream().filter(l -> l.contains("OPERATOR ALERT")).toList();
            Set<String> unrecorded = billed.keySet().stream().filter(id -> !charged.containsKey(id))
                    .collect(Collectors.toSet());
            long doNotResubmit = unavailable.stream().filter(o -> o.body().contains("do not resubmit")).count();
            System.out.printf("DatabaseRestartUnderLoadIT: provider billed %d jobs, Reef charged %d, "
                    + "accepted upstream during the outage and recorded after it: %d, accepted upstream but "
                    + "unrecorded (operator alert): %d, 503s retried with their key: %d%n", billed.size(),
                    charged.size(), acceptedDuringTheOutage, unrecorded.size(), retried.size());
            // The documented fallback when an accepted job's upstream id cannot be written is an
            // operator alert naming it (checked below); an outage this short must not come to that.
            assertTrue(unrecorded.isEmpty(), "a 5 s outage is ridden through without an unrecorded job: " + unrecorded);
            for (String upstreamId : unrecorded) {
                assertTrue(alerts.stream().anyMatch(a -> a.contains(upstreamId)),
                        "a job billed but not charged is named by an operator alert: " + upstreamId + " " + alerts);
            }
            assertEquals(unrecorded.size(), alerts.size(), "one alert per unrecorded job: " + alerts);
            assertEquals(unrecorded.size(), doNotResubmit, "each unrecorded job's tenant was told not to resubmit");
            for (Map.Entry<String, Long> entry : charged.entrySet()) {
                assertEquals(billed.get(entry.getKey()), entry.getValue(),
                        "Reef charged what the provider billed for " + entry.getKey());
            }
            assertEquals(billed.size() - unrecorded.size(), charged.size(), "nothing charged that was not billed");
            assertEquals(ledgerEntries(db, tenantId), charged.size(), "one ledger entry per job: no double charge");
            assertEquals(ledgerPriceSum(db, tenantId), spentMicros(db, tenantId), "the tenant's spend is its ledger");

            // ---- the operator heard of the outage once, and of nothing unexpected
            assertEquals(1, log.stream().filter(l -> l.contains("Database unreachable: reconciler paused")).count(),
                    "one reconciler warning per outage");
            assertEquals(0, log.stream().filter(l -> l.contains("Reconciler tick failed")).count(), "no tick spam");
            assertEquals(0, log.stream().filter(l -> l.contains("Unexpected error")).count(), "no unexpected error");
        }
    }

    // ------------------------------------------------------------------ the load

    /** 40 requests/s from one scheduler, each sent asynchronously; polls pick a random known job. */
    private static final class Load {

        private final String baseUrl;
        private final String key;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger tick = new AtomicInteger();
        private final List<String> sharkApiJobs = new CopyOnWriteArrayList<>();
        private final List<String> sharkAiJobs = new CopyOnWriteArrayList<>();
        private final ConcurrentLinkedQueue<CompletableFuture<Outcome>> inFlight = new ConcurrentLinkedQueue<>();

        Load(String baseUrl, String key) {
            this.baseUrl = baseUrl;
            this.key = key;
        }

        void start() {
            ticks.scheduleAtFixedRate(this::fire, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<Outcome> stopAndAwait() throws InterruptedException {
            ticks.shutdown();
            ticks.awaitTermination(5, TimeUnit.SECONDS);
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> f : inFlight) {
                outcomes.add(f.join());
            }
            return outcomes;
        }

        private void fire() {
            int n = tick.getAndIncrement();
            switch (n % 5) {
                case 0 -> generate("sharkapi-generate", new Generate("/v1/generate", "k-" + UUID.randomUUID(),
                        "{\"mode\":\"1k\",\"prompt\":\"shark " + n + "\"}"),
                        body -> sharkApiJobs.add(body.path("job_id").asText()));
                case 1 -> generate("sharkai-generate", new Generate("/api/v1/images/generations", "k-" + UUID.randomUUID(),
                        "{\"model\":\"m\",\"prompt\":\"shark " + n + "\",\"async\":true}"),
                        body -> sharkAiJobs.add(body.path("id").asText()));
                case 2 -> pick(sharkApiJobs).ifPresent(id -> inFlight.add(send("sharkapi-poll", get("/v1/jobs/" + id), null)));
                case 3 -> pick(sharkAiJobs)
                        .ifPresent(id -> inFlight.add(send("sharkai-poll", get("/api/v1/images/generations/" + id), null)));
                default -> inFlight.add(send("me", get("/reef/v1/me"), null));
            }
        }

        private void generate(String what, Generate generate, java.util.function.Consumer<JsonNode> onAccepted) {
            inFlight.add(send(what, post(generate), generate).thenApply(o -> {
                if (o.status() == 202) {
                    try {
                        onAccepted.accept(JSON.readTree(o.body()));
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable 202: " + o.body(), e);
                    }
                }
                return o;
            }));
        }

        /** Sends one generate again, synchronously. */
        Outcome sendNow(String what, Generate generate) {
            return send(what, post(generate), generate).join();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(45))
                    .header("Authorization", "Bearer " + key);
        }

        private HttpRequest post(Generate generate) {
            return request(generate.path()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", generate.idempotencyKey())
                    .POST(HttpRequest.BodyPublishers.ofString(generate.body())).build();
        }

        private HttpRequest get(String path) {
            return request(path).GET().build();
        }

        private static Optional<String> pick(List<String> ids) {
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
        }

        private CompletableFuture<Outcome> send(String what, HttpRequest request, Generate generate) {
            long started = System.nanoTime();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> failure != null
                            ? new Outcome(what, started, System.nanoTime(), -1, null, null, failure, generate)
                            : new Outcome(what, started, System.nanoTime(), response.statusCode(),
                                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null,
                                    generate));
        }
    }

    private static String describe(List<Outcome> outcomes) {
        return outcomes.stream().limit(10)
                .map(o -> o.what() + " " + o.status() + " Retry-After=" + o.retryAfter() + " " + o.body()
                        + (o.failure() != null ? " " + o.failure() : ""))
                .collect(Collectors.joining("; ", outcomes.size() + " [", "]"));
    }

    // ------------------------------------------------------------------ what the provider billed, what Reef charged

    private Map<String, Long> billedMicros() {
        Map<String, Long> billed = new HashMap<>();
        simulator.billed("sharkai").forEach((id, credit) -> billed.put(id, SharkAiCredit.toMicros(new BigDecimal(credit))));
        simulator.billed("sharkapi").forEach((id, dollars) -> billed.put(id, SharkApiDollars.parse(dollars)));
        return billed;
    }

    private static Map<String, Long> ledgerCostByUpstreamId(RestartablePostgres db, String tenantId) throws SQLException {
        Map<String, Long> charged = new HashMap<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT j.upstream_id, l.cost_micros FROM ledger_entry l JOIN job j ON j.id = l.job_id WHERE l.tenant_id = ?")) {
            s.setObject(1, UUID.fromString(tenantId));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Long previous = charged.put(rows.getString(1), rows.getLong(2));
                    if (previous != null) {
                        fail("upstream job " + rows.getString(1) + " charged twice");
                    }
                }
            }
        }
        return charged;
    }

    private static long openJobsWithUpstreamId(RestartablePostgres db, String tenantId) {
        return single(db, "SELECT count(*) FROM job WHERE tenant_id = ? AND upstream_id IS NOT NULL "
                + "AND status IN ('submitting', 'pending', 'running')", tenantId);
    }

    private static long ledgerEntries(RestartablePostgres db, String tenantId) {
        return single(db, "SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", tenantId);
    }

    private static long ledgerPriceSum(RestartablePostgres db, String tenantId) {
        return single(db, "SELECT coalesce(sum(price_micros), 0) FROM ledger_entry WHERE tenant_id = ?", tenantId);
    }

    private static long spentMicros(RestartablePostgres db, String tenantId) {
        return single(db, "SELECT spent_micros FROM tenant WHERE id = ?", tenantId);
    }

    private static long single(RestartablePostgres db, String sql, String tenantId) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(tenantId));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> newLogLines(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
}
