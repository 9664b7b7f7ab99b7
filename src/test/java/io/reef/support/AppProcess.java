package io.reef.support;

import java.io.File;
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

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Another Reef replica: the packaged application (target/quarkus-app) started as a separate JVM
 * process against the same PostgreSQL as the test's own instance, with that instance's simulator
 * as its upstream. Its management interface (health, metrics) listens on {@code port + 1000}.
 * {@link #kill()} is a real {@code kill -9}.
 */
public final class AppProcess implements AutoCloseable {

    private final int port;
    private final Process process;

    private AppProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static AppProcess start(int port, Map<String, String> extraConfig) {
        return start(port, extraConfig, List.of());
    }

    /** As {@link #start(int, Map)}, with extra JVM options (e.g. a GC log) before {@code -jar}. */
    public static AppProcess start(int port, Map<String, String> extraConfig, List<String> jvmArgs) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package` (./mvnw verify)");
        }
        var config = ConfigProvider.getConfig();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", TestJvm.QUICK_START,
                "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort(port),
                "-Dreef.embedded-postgres.enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url", String.class),
                "-Dquarkus.datasource.username=" + config.getValue("quarkus.datasource.username", String.class),
                "-Dquarkus.datasource.password=" + config.getValue("quarkus.datasource.password", String.class),
                "-Dquarkus.datasource.jdbc.max-size=32",
                "-Dquarkus.log.console.enabled=false",
                "-Dquarkus.log.file.enabled=true",
                "-Dquarkus.log.file.path=target/it-instance-" + port + ".log"));
        extraConfig.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/it-instance-" + port + ".out")))
                    .start();
            AppProcess app = new AppProcess(port, process);
            app.awaitReady(Duration.ofSeconds(90));
            return app;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a second Reef instance", e);
        }
    }

    /** The replica's operating-system process (alive?, pid for memory readings). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Health and metrics of this replica (its management interface). */
    public String managementUrl() {
        return "http://localhost:" + managementPort(port);
    }

    private static int managementPort(int port) {
        return port + 1000;
    }

    /** The replica's log file (appended to by every replica started on this port). */
    public Path logFile() {
        return Path.of("target", "it-instance-" + port + ".log");
    }

    /** kill -9: no shutdown hooks, no graceful drain. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("second instance exited with " + process.exitValue()
                        + "; see target/it-instance-" + port + ".out");
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("second instance not ready in " + timeout);
    }
}
