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
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app (LaunchMode NORMAL) refuses to start with a missing, short or example operator
 * token, with the dev profile, or with an empty trusted-proxy list, each time saying why in one
 * line that never contains the token; with a real token it starts.
 */
@QuarkusTest
class PackagedAppRefusesUnsafeStartupIT {

    static final int PORT = 8084;
    static final int MANAGEMENT_PORT = 9084;
    static final String GOOD_TOKEN = "9d2f6c1a8e4b7d3f0a5c9e2b6d1f8a4c"; // 32 characters

    @Test
    void refusesToStartWithoutAnAdminToken() throws Exception {
        String output = refusedStart("no-token", Map.of(), List.of());
        assertTrue(output.contains("REEF_ADMIN_TOKEN (reef.admin.token) is not set"), output);
    }

    @Test
    void refusesAShortAdminToken() throws Exception {
        String output = refusedStart("short-token", Map.of("REEF_ADMIN_TOKEN", "short"), List.of());
        assertOneReason(output, "REEF_ADMIN_TOKEN (reef.admin.token) is shorter than 32 characters");
    }

    @Test
    void refusesTheDeployExampleToken() throws Exception {
        String example = "CHANGE-ME-example-admin-token"; // deploy/kubernetes/secret.example.yaml
        String output = refusedStart("example-token", Map.of("REEF_ADMIN_TOKEN", example), List.of());
        assertOneReason(output, "REEF_ADMIN_TOKEN (reef.admin.token) is an example or placeholder value");
        assertFalse(output.contains(example), "the token must not be logged");
    }

    @Test
    void refusesALongTokenThatIsStillAPlaceholder() throws Exception {
        String output = refusedStart("placeholder-token",
                Map.of("REEF_ADMIN_TOKEN", "please-change-me-before-going-live-0123456789"), List.of());
        assertOneReason(output, "is an example or placeholder value");
    }

    @Test
    void refusesTheDevProfileEvenWithARealToken() throws Exception {
        String output = refusedStart("dev-profile", Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN),
                List.of("-Dquarkus.profile=dev", "-Dreef.embedded-postgres.enabled=false"));
        assertOneReason(output, "the 'dev' configuration profile is active in the packaged application");
        assertFalse(output.contains(GOOD_TOKEN), "the token must not be logged");
        assertFalse(output.contains("Demo tenant"), "refused before the dev demo tenant (and its key) is created");
    }

    @Test
    void refusesAnEmptyTrustedProxyListWhichWouldTrustEveryClient() throws Exception {
        String output = refusedStart("empty-trusted-proxies",
                Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", ""), List.of());
        assertOneReason(output, "(quarkus.http.proxy.trusted-proxies) is empty");
    }

    @Test
    void startsWithARealTokenAndAnswersHealthOnTheManagementPortOnly() throws Exception {
        Process process = start("good-token", Map.of("REEF_ADMIN_TOKEN", GOOD_TOKEN), List.of());
        try {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline && process.isAlive()) {
                status = get(client, "http://localhost:" + MANAGEMENT_PORT + "/q/health/ready");
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, "ready on the management port; see " + log("good-token"));
            assertEquals(404, get(client, "http://localhost:" + PORT + "/q/metrics"));
            assertEquals(200, get(client, "http://localhost:" + MANAGEMENT_PORT + "/q/metrics"));
            assertFalse(Files.readString(log("good-token")).contains(GOOD_TOKEN), "the token must not be logged");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** The reason stands on one line of its own (the ERROR line), before Quarkus's own failure report. */
    private static void assertOneReason(String output, String reason) {
        assertTrue(output.lines().anyMatch(l -> l.contains("ERROR") && l.contains(reason)), output);
    }

    private static String refusedStart(String name, Map<String, String> env, List<String> props) throws Exception {
        Process process = start(name, env, props);
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the app should exit by itself; see " + log(name));
        } finally {
            process.destroyForcibly().waitFor(); // a replica that did start must not hold the ports for the next case
        }
        assertNotEquals(0, process.exitValue());
        return Files.readString(log(name));
    }

    private static Process start(String name, Map<String, String> env, List<String> props) throws IOException {
        var config = ConfigProvider.getConfig();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.management.port=" + MANAGEMENT_PORT,
                "-Dreef.reconciler.enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url", String.class),
                "-Dquarkus.datasource.username=" + config.getValue("quarkus.datasource.username", String.class),
                "-Dquarkus.datasource.password=" + config.getValue("quarkus.datasource.password", String.class)));
        command.addAll(props);
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        builder.environment().remove("REEF_ADMIN_TOKEN");
        builder.environment().remove("QUARKUS_PROFILE");
        builder.environment().putAll(env);
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
