package io.reef.ledger;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;

import static io.reef.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A text cell of the CSV statement that a spreadsheet could read as a formula is prefixed with a
 * quote: a leading {@code = + - @}, and a leading TAB or CR, which spreadsheets skip before one.
 * (Such values can still reach a statement: tenant names may start with {@code =} or {@code @},
 * and ledger rows written before the V4 bounds may hold control characters.)
 */
@QuarkusTest
class CsvStatementNeutralisesFormulasTest {

    @Inject
    Db db;

    @Test
    void everyCellThatCouldStartAFormulaIsQuoted() {
        assertEquals("\"'\t=HYPERLINK(\"\"x\"\")\"", StatementLine.csvText("\t=HYPERLINK(\"x\")"));
        assertEquals("\"'\r=1+2\"", StatementLine.csvText("\r=1+2"));
        assertEquals("\"'=1+2\"", StatementLine.csvText("=1+2"));
        assertEquals("\"'+1\"", StatementLine.csvText("+1"));
        assertEquals("\"'-1\"", StatementLine.csvText("-1"));
        assertEquals("\"'@SUM(A1)\"", StatementLine.csvText("@SUM(A1)"));
        assertEquals("plain", StatementLine.csvText("plain"));
    }

    @Test
    void aTenantNamedLikeAFormulaIsQuotedInTheStatement() {
        String tenantId = Api.createTenant(Map.of("name", "@SUM(A1:A9)",
                "quota", Map.of("limit_usd", 10, "period", "month")));
        Api.issueKey(tenantId);
        db.seedCharge(tenantId, "sharkai", "plain-model", 1_000, 1_000, Instant.parse("2026-02-10T12:00:00Z"));
        String csv = admin().accept("text/csv")
                .get("/reef/admin/v1/ledger?tenant=" + tenantId + "&from=2026-02-01&to=2026-03-01")
                .then().statusCode(200).extract().asString();
        List<String> cells = Arrays.stream(csv.split("\r\n")).skip(1)
                .map(line -> line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[3]).toList();
        assertEquals(List.of("\"'@SUM(A1:A9)\""), cells);
    }
}
