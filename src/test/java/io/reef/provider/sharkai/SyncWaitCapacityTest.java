package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synchronous Shark AI calls are awaited without a thread each: 1,000 tenants waiting at once on
 * a slow upstream all get their image, while Reef's worker pool stays small.
 */
@QuarkusTest
@TestProfile(SyncWaitCapacityTest.ProductionPollInterval.class)
class SyncWaitCapacityTest {

    /** Waiting requests poll the upstream every 2 s as in production (the other tests use 100 ms). */
    public static class ProductionPollInterval implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("reef.providers.sharkai.sync-poll-interval", "2S",
                    "reef.providers.sharkai.sync-max-poll-interval", "5S");
        }
    }

    static final int REQUESTS = 1_000;

    @Inject
    Simulator simulator;
    @Inject
    io.reef.support.Db db;

    @Test
    void aThousandWaitingSyncRequestsDoNotTakeAThreadEach() throws Exception {
        simulator.reset();
        simulator.behaviour("sharkai", "slow-sync", Behaviour.builder().pendingMillis(8_000).runningMillis(4_000)
                .credit(new BigDecimal("400")).build());
        var t = Api.newTenant("1000", "month");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8081/api/v1/images/generations"))
                .header("Authorization", "Bearer " + t.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow-sync\",\"prompt\":\"p\"}")).build();

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            if (i % 10 == 9) {
                Thread.sleep(40); // arrivals at 250/s: all 1,000 are waiting together for the 12 s upstream
            }
        }
        // Once all are admitted, and until the first image is ready, every request is just waiting on
        // the upstream: count the worker threads inside Reef's code meanwhile. A thread-per-request
        // design would pin one per waiting request (up to the pool's 200).
        io.reef.support.Eventually.until("all requests are admitted", Duration.ofSeconds(30),
                () -> db.jobsForTenant(t.id()) == REQUESTS);
        int peakBusy = 0;
        int samples = 0;
        int waitingAtFirstSample = (int) responses.stream().filter(f -> !f.isDone()).count();
        while (responses.stream().noneMatch(CompletableFuture::isDone)) { // until the first image is ready
            int busy = workersInReefCode();
            peakBusy = Math.max(peakBusy, busy);
            samples++;
            Thread.sleep(50);
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
        long ok = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        var byStatus = responses.stream().map(CompletableFuture::join)
                .collect(java.util.stream.Collectors.groupingBy(HttpResponse::statusCode,
                        java.util.stream.Collectors.counting()));
        String sample = responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 200)
                .map(HttpResponse::body).findFirst().orElse("");
        assertEquals(REQUESTS, ok, "every waiting tenant gets its image: " + byStatus + " " + sample);
        assertTrue(samples > 10, "the requests must have been waiting while sampled: " + samples);
        assertTrue(waitingAtFirstSample > 900, "most requests were waiting together: " + waitingAtFirstSample);
        assertTrue(peakBusy < 50, "peak worker threads busy in Reef: " + peakBusy + " for " + REQUESTS + " waiting requests");
        System.out.printf("SyncWaitCapacityTest: %d sync requests, peak worker threads busy in Reef %d (%d samples)%n",
                REQUESTS, peakBusy, samples);
    }

    private static int workersInReefCode() {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("executor-thread-"))
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("io.reef.")
                        && !isSimulator(f.getClassName())))
                .count();
    }

    /** The simulator core, or a provider's simulated API ({@code io.reef.provider.*.Simulated*}). */
    private static boolean isSimulator(String className) {
        return className.startsWith("io.reef.simulator.")
                || className.substring(className.lastIndexOf('.') + 1).startsWith("Simulated");
    }
}
