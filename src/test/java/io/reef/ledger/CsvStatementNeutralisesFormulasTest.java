package io.reef.ledger;

import static io.reef.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;

/**
 * A text cell of the CSV statement that a spreadsheet could read as a formula is prefixed with a
 * quote: a leading {@code = + - @}, and a leading TAB or CR, which spreadsheets skip before one.
 * (Stored as a model name from before input validation, or written by a provider.)
 */
@QuarkusTest
class CsvStatementNeutralisesFormulasTest {

    @Inject
    Db db;

    @Test
    void leadingTabCrAndFormulaCharactersAreNeutralised() {
        var t = Api.newTenant("10", "month");
        List<String> models = List.of("\t=HYPERLINK(\"x\")", "\r=1+2", "=1+2", "@SUM(A1)", "plain");
        Instant at = Instant.parse("2026-02-10T12:00:00Z");
        for (int i = 0; i < models.size(); i++) {
            db.seedCharge(t.id(), "sharkai", models.get(i), 1_000, 1_000, at.plusSeconds(i));
        }
        String csv = admin().accept("text/csv")
                .get("/reef/admin/v1/ledger?tenant=" + t.id() + "&from=2026-02-01&to=2026-03-01")
                .then().statusCode(200).extract().asString();
        List<String> cells = Arrays.stream(csv.split("\r\n")).skip(1)
                .map(line -> line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[6]).toList();

        assertEquals(List.of("\"'\t=HYPERLINK(\"\"x\"\")\"", "\"'\r=1+2\"", "\"'=1+2\"", "\"'@SUM(A1)\"", "plain"), cells);
    }
}
