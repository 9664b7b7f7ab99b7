package io.reef.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.specification.RequestSpecification;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code month} is a UTC calendar month YYYY-MM from 2000-01 to the current month, on both
 * statement endpoints and for every representation; anything else is a 400 in Reef's envelope.
 */
@QuarkusTest
class StatementMonthMustBeACalendarMonthTest {

    @Test
    void aBadMonthIsA400InReefsEnvelope() {
        String id = Api.createTenant(Map.of("name", "Months", "quota", Map.of("limit_usd", 10, "period", "month")));
        String key = Api.issueKey(id);
        YearMonth next = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).plusMonths(1);
        List<String> bad = List.of("?month=2026-13", "?month=2026-00", "?month=abc", "?month=", "", "?month=1999-12",
                "?month=" + next, "?month=2026-1", "?month=2026-02-01", "?month=+2026-02", "?month=\uFF12026-02",
                "?month=20260", "?month=2026-02 ");
        Map<String, Supplier<RequestSpecification>> endpoints = Map.of(
                "/reef/admin/v1/tenants/" + id + "/statement", Api::admin,
                "/reef/v1/me/statement", () -> tenant(key));
        for (String query : bad) {
            for (String accept : List.of("application/json", "text/csv", "text/html")) {
                endpoints.forEach((path, caller) -> caller.get().accept(accept).get(path + query)
                        .then().statusCode(400)
                        .contentType("application/json")
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.message", containsString("'month'")));
            }
        }
    }

    @Test
    void theFirstMonthAndTheCurrentMonthAreStated() {
        String id = Api.createTenant(Map.of("name", "Bounds", "quota", Map.of("limit_usd", 10, "period", "month")));
        String key = Api.issueKey(id);
        YearMonth current = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
        admin().get("/reef/admin/v1/tenants/" + id + "/statement?month=2000-01").then().statusCode(200)
                .body("month", equalTo("2000-01")).body("complete", equalTo(true));
        tenant(key).get("/reef/v1/me/statement?month=" + current).then().statusCode(200)
                .body("month", equalTo(current.toString())).body("complete", equalTo(false));
    }
}
