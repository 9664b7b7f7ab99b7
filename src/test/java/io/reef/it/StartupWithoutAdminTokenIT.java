package io.reef.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The packaged app, outside dev mode, refuses to start without an operator token and says why. */
@QuarkusTest
class StartupWithoutAdminTokenIT {

    @Test
    void thePackagedAppRefusesToStartWithoutAnAdminToken() throws Exception {
        var config = ConfigProvider.getConfig();
        Path log = Path.of("target", "it-no-admin-token.out");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dquarkus.http.port=8084",
                "-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url", String.class),
                "-Dquarkus.datasource.username=" + config.getValue("quarkus.datasource.username", String.class),
                "-Dquarkus.datasource.password=" + config.getValue("quarkus.datasource.password", String.class),
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("REEF_ADMIN_TOKEN");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the app should exit by itself");
        assertNotEquals(0, process.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("REEF_ADMIN_TOKEN (reef.admin.token) is not set"), output);
    }
}
