package reef.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** System properties of a benchmark run (set with -Dname=value on the Maven command line). */
final class BenchProps {

    private BenchProps() {
    }

    static String str(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /**
     * A free-text value (JSON body, Authorization header). The Gatling Maven plugin re-quotes
     * system properties for the forked JVM and mangles quotes and spaces, so run-load.sh passes
     * them Base64-encoded as {@code <name>B64}; plain {@code -D<name>=...} works for simple values.
     */
    static String text(String name, String fallback) {
        String encoded = System.getProperty(name + "B64");
        if (encoded != null && !encoded.isBlank()) {
            return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        }
        return str(name, fallback);
    }

    static double num(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }

    static int integer(String name, int fallback) {
        return (int) num(name, fallback);
    }

    /** Writes a small JSON file (the run's measurement window) for run-load.sh / report.py. */
    static void writeMarker(String json) {
        String file = System.getProperty("marker");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write marker " + file, e);
        }
    }
}
