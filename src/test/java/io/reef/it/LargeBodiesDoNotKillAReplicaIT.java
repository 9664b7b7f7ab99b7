package io.reef.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twelve concurrent 13 MB img2img bodies against a replica with a 256 MB heap (the packaged app on
 * 8084, default in-flight body budget): it stays alive, every request gets 202 or 503 with
 * Retry-After (no 500, no reset connection), the replica answers afterwards and nothing leaks.
 */
@QuarkusTest
class LargeBodiesDoNotKillAReplicaIT {

    static final int PORT = 8084;
    static final int DECODED_IMAGE_BYTES = 10_000_000; // under the provider's 10 MiB; 13.3 MB in base64
    static final Path GC_LOG = Path.of("target", "it-instance-" + PORT + "-gc.log");

    static AppProcess replica;

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeAll
    static void startReplica() throws IOException {
        Files.deleteIfExists(GC_LOG);
        replica = AppProcess.start(PORT, Map.of(), List.of("-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + GC_LOG));
    }

    @AfterAll
    static void stopReplica() {
        replica.close();
    }

    @Test
    void twelveConcurrentThirteenMegabyteBodiesLeaveTheReplicaAliveAndConsistent() throws Exception {
        simulator.reset();
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(500).runningMillis(100).build());
        String tenantId = Api.createTenant(Map.of("name", "big-bodies", "quota", Map.of("limit_usd", 100, "period", "month"),
                "rate_limit", Map.of("max_concurrent_jobs", 100, "requests_per_minute", 1000)));
        String key = Api.issueKey(tenantId);
        byte[] body = img2imgBody();
        System.out.printf("img2img body: %,d bytes%n", body.length);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long pid = replica.handle().pid();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakRssKb = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakRssKb.accumulateAndGet(statusKb(pid, "VmRSS"), Math::max);
                sleep(50);
            }
        });
        sampler.start();

        List<String> outcomes = Concurrently.run(12, i -> send(client, key, body));
        sampling.set(false);
        sampler.join();

        System.out.println("12 x 13 MB outcomes: " + outcomes);
        System.out.printf("replica RSS peak during the burst: %,d KB; VmHWM: %,d KB%n", peakRssKb.get(),
                statusKb(pid, "VmHWM"));
        printHeapFromGcLog();

        assertTrue(replica.handle().isAlive(), "the replica died (see target/it-instance-" + PORT + ".out)");
        long accepted = outcomes.stream().filter(o -> o.equals("202")).count();
        for (String outcome : outcomes) {
            assertTrue(outcome.equals("202") || outcome.equals("503+Retry-After"), "unexpected outcome: " + outcomes);
        }
        assertTrue(accepted >= 1, "no big body was admitted: " + outcomes);

        // Still answering: the tenant's view and a small generate.
        tenant(key).port(PORT).get("/reef/v1/me").then().statusCode(200);
        tenant(key).port(PORT).body(Map.of("mode", "2k", "prompt", "small")).post("/v1/generate").then().statusCode(202);
        // The budget came back: big bodies one at a time are all admitted.
        for (int i = 0; i < 3; i++) {
            assertEquals("202", send(client, key, body), "a big body after the burst");
        }
        long jobs = accepted + 1 + 3;

        // Nothing leaked: one job (and one upstream submit) per 202, each charged once, nothing held.
        assertEquals(jobs, db.jobsForTenant(tenantId));
        assertEquals(jobs, simulator.submits("sharkapi"));
        Eventually.until("every admitted job is charged", Duration.ofSeconds(60),
                () -> db.ledgerEntriesForTenant(tenantId) == jobs);
        var quota = tenant(key).port(PORT).get("/reef/v1/me").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal(quota.getString("quota.held_usd")).signum(), quota.prettify());
        assertEquals(0, new BigDecimal("0.02").multiply(BigDecimal.valueOf(jobs))
                .compareTo(new BigDecimal(quota.getString("quota.spent_usd"))), quota.prettify());
        assertTrue(replica.handle().isAlive());
    }

    /** "202", "503+Retry-After", or what went wrong (status and body, or the I/O error). */
    private static String send(HttpClient client, String key, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/v1/generate"))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return "202";
            }
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                    && response.body().contains("\"error\"")) {
                return "503+Retry-After";
            }
            return response.statusCode() + " " + response.headers().map() + " " + response.body();
        } catch (IOException e) {
            return "I/O error: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A SharkAPI img2img body: a PNG signature padded to 10 MB, in base64 (13.3 MB of JSON). */
    private static byte[] img2imgBody() {
        byte[] png = new byte[DECODED_IMAGE_BYTES];
        byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
        System.arraycopy(signature, 0, png, 0, signature.length);
        for (int i = signature.length; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        String json = "{\"mode\":\"2k\",\"prompt\":\"watercolor\",\"image_strength\":0.6,\"image\":\""
                + Base64.getEncoder().encodeToString(png) + "\"}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux, or the process is gone
        }
        return 0;
    }

    /** Largest heap before and after a collection, from the replica's -Xlog:gc output. */
    private static void printHeapFromGcLog() throws IOException {
        if (!Files.exists(GC_LOG)) {
            return;
        }
        Pattern usage = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long maxBefore = 0;
        long maxAfter = 0;
        int collections = 0;
        List<String> full = new ArrayList<>();
        for (String line : Files.readAllLines(GC_LOG)) {
            Matcher m = usage.matcher(line);
            if (m.find()) {
                collections++;
                maxBefore = Math.max(maxBefore, Long.parseLong(m.group(1)));
                maxAfter = Math.max(maxAfter, Long.parseLong(m.group(2)));
                if (line.contains("Pause Full")) {
                    full.add(line.substring(line.indexOf("Pause Full")));
                }
            }
        }
        System.out.printf(
                "replica heap (GC log, %d collections): max used before GC %d MB, max live after GC %d MB, full GCs %d%n",
                collections, maxBefore, maxAfter, full.size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
