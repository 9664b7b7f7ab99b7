package io.reef.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.TestJvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app (LaunchMode NORMAL) refuses to start with a missing, short or example operator
 * token, with the dev profile, or with an empty trusted-proxy list, each time saying why in one
 * line that never contains the token; with a real token it starts.
 * <p>
 * The seven launches are independent processes, so they are all started at once (each on its own
 * ports, with its own log) before the first case, and each case then judges its own process: the
 * class takes about as long as the slowest start-up instead of the sum of seven.
 */
@QuarkusTest
class PackagedAppRefusesUnsafeStartupIT {

    static final String GOOD_TOKEN = "9d2f6c1a8e4b7d3f0a5c9e2b6d1f8a4c"; // 32 characters
    static final String EXAMPLE_TOKEN = "CHANGE-ME-example-admin-token"; // deploy/kubernetes/secret.example.yaml

    /** A launch: its name (and log), its environment, its extra system properties, its port. */
    private record Launch(String name, Map<String, String> env, List<String> props, int port) {
        int managementPort() {
            return port + 1000;
        }
    }

    private static final List<Launch> LAUNCHES = List.of(
            new Launch("good-token", Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN), List.of(), 8084),
            new Launch("no-token", Map.of(), List.of(), 8085),
            new Launch("short-token", Map.of("REEF_ADMIN_TOKEN", "short"), List.of(), 8086),
            new Launch("example-token", Map.of("REEF_ADMIN_TOKEN", EXAMPLE_TOKEN), List.of(), 8087),
            new Launch("placeholder-token",
                    Map.of("REEF_ADMIN_TOKEN", "please-change-me-before-going-live-0123456789"), List.of(), 8088),
            new Launch("dev-profile", Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN),
                    List.of("-Dquarkus.profile=dev", "-Dreef.embedded-postgres.enabled=false"), 8089),
            new Launch("empty-trusted-proxies",
                    Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", ""), List.of(), 8090));

    private static final Map<String, Process> PROCESSES = new ConcurrentHashMap<>();

    @BeforeAll
    static void startEveryLaunchAtOnce() throws IOException {
        for (Launch launch : LAUNCHES) {
            PROCESSES.put(launch.name(), start(launch));
        }
    }

    @AfterAll
    static void stopWhatIsLeft() throws InterruptedException {
        for (Process process : PROCESSES.values()) {
            process.destroyForcibly().waitFor(); // a replica that did start must not outlive the class
        }
    }

    @Test
    void refusesToStartWithoutAnAdminToken() throws Exception {
        String output = refusedStart("no-token");
        assertTrue(output.contains("REEF_ADMIN_TOKEN (reef.admin.token) is not set"), output);
    }

    @Test
    void refusesAShortAdminToken() throws Exception {
        String output = refusedStart("short-token");
        assertOneReason(output, "REEF_ADMIN_TOKEN (reef.admin.token) is shorter than 32 characters");
    }

    @Test
    void refusesTheDeployExampleToken() throws Exception {
        String output = refusedStart("example-token");
        assertOneReason(output, "REEF_ADMIN_TOKEN (reef.admin.token) is an example or placeholder value");
        assertFalse(output.contains(EXAMPLE_TOKEN), "the token must not be logged");
    }

    @Test
    void refusesALongTokenThatIsStillAPlaceholder() throws Exception {
        String output = refusedStart("placeholder-token");
        assertOneReason(output, "is an example or placeholder value");
    }

    @Test
    void refusesTheDevProfileEvenWithARealToken() throws Exception {
        String output = refusedStart("dev-profile");
        assertOneReason(output, "the 'dev' configuration profile is active in the packaged application");
        assertFalse(output.contains(GOOD_TOKEN), "the token must not be logged");
        assertFalse(output.contains("Demo tenant"), "refused before the dev demo tenant (and its key) is created");
    }

    @Test
    void refusesAnEmptyTrustedProxyListWhichWouldTrustEveryClient() throws Exception {
        String output = refusedStart("empty-trusted-proxies");
        assertOneReason(output, "(quarkus.http.proxy.trusted-proxies) is empty");
    }

    @Test
    void startsWithARealTokenAndAnswersHealthOnTheManagementPortOnly() throws Exception {
        Launch launch = launch("good-token");
        Process process = PROCESSES.get(launch.name());
        try {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline && process.isAlive()) {
                status = get(client, "http://localhost:" + launch.managementPort() + "/q/health/ready");
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, "ready on the management port; see " + log(launch.name()));
            assertEquals(404, get(client, "http://localhost:" + launch.port() + "/q/metrics"));
            assertEquals(200, get(client, "http://localhost:" + launch.managementPort() + "/q/metrics"));
            assertFalse(Files.readString(log(launch.name())).contains(GOOD_TOKEN), "the token must not be logged");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** The reason stands on one line of its own (the ERROR line), before Quarkus's own failure report. */
    private static void assertOneReason(String output, String reason) {
        assertTrue(output.lines().anyMatch(l -> l.contains("ERROR") && l.contains(reason)), output);
    }

    private static Launch launch(String name) {
        return LAUNCHES.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static String refusedStart(String name) throws Exception {
        Process process = PROCESSES.get(name);
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the app should exit by itself; see " + log(name));
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertNotEquals(0, process.exitValue());
        return Files.readString(log(name));
    }

    private static Process start(Launch launch) throws IOException {
        var config = ConfigProvider.getConfig();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", TestJvm.QUICK_START,
                "-Dquarkus.http.port=" + launch.port(),
                "-Dquarkus.management.port=" + launch.managementPort(),
                "-Dreef.reconciler.enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url", String.class),
                "-Dquarkus.datasource.username=" + config.getValue("quarkus.datasource.username", String.class),
                "-Dquarkus.datasource.password=" + config.getValue("quarkus.datasource.password", String.class)));
        command.addAll(launch.props());
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(launch.name()).toFile());
        builder.environment().remove("REEF_ADMIN_TOKEN");
        builder.environment().remove("QUARKUS_PROFILE");
        builder.environment().putAll(launch.env());
        return builder.start();
    }

    private static Path log(String name) {
        return Path.of("target", "it-startup-" + name + ".out");
    }

    private static int get(HttpClient client, String url) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }
}
