package io.reef.console.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger benchmark times the console's statements themselves: its pgbench scripts hold the
 * repository's SQL, each ended by a semicolon (whitespace aside), so a changed query cannot leave
 * the benchmark measuring an old one.
 */
class ConsoleBenchRunsTheRepositorySqlTest {

    @Test
    void theDashboardScriptRunsTheDashboardsStatements() throws IOException {
        assertRuns("src/bench/ledger/console-dashboard.sql", List.of(ConsoleRepository.ONE_SNAPSHOT,
                ConsoleRepository.DAILY, ConsoleRepository.IN_FLIGHT, ConsoleRepository.RECENT_EVENTS));
    }

    @Test
    void theTenantScriptRunsTheTenantPagesStatements() throws IOException {
        assertRuns("src/bench/ledger/console-tenant.sql", List.of(ConsoleRepository.ONE_SNAPSHOT,
                ConsoleRepository.TENANT_DAILY_BY_MODEL, ConsoleRepository.TENANT_IN_FLIGHT));
    }

    private static void assertRuns(String script, List<String> statements) throws IOException {
        String bench = normalised(Files.readString(Path.of(script)));
        for (String sql : statements) {
            assertTrue(bench.contains(normalised(sql) + ";"), script + " does not run: " + sql);
        }
    }

    private static String normalised(String sql) {
        return sql.replaceAll("\\s+", " ").replace(" ;", ";").trim();
    }
}
