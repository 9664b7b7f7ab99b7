package io.reef.simulator;

import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The control API's account routes take the key in the body only, answer the settings and counters but
 * never the key, refuse a bad body with a clear 400 that changes nothing, and 404 an unknown provider.
 */
@QuarkusTest
class SimulatorAccountControlNeverShowsTheKeyTest {

    private static final String KEY = "sk-control-secret-4711";
    private static final String ACCOUNTS = "/sim/control/sharkai/accounts";

    @Inject
    Simulator simulator;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void theSettingsAndCountersAreAnsweredWithoutTheKey() {
        control().body("{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"1.5\",\"submits_per_minute\":10}").put(ACCOUNTS)
                .then().statusCode(200).body("balance_usd", equalTo("1.50")).body("submits_per_minute", equalTo(10))
                .body(not(containsString(KEY)));
        assertEquals(OptionalLong.of(1_500_000), simulator.accountBalance("sharkai", KEY));
        assertEquals(OptionalInt.of(10), simulator.accountRateLimit("sharkai", KEY));
        assertEquals(OptionalLong.empty(), simulator.accountBalance("sharkapi", KEY)); // per provider

        // an absent field keeps its setting, null clears it; a number is read exactly
        control().body("{\"api_key\":\"" + KEY + "\",\"submits_per_minute\":null}").put(ACCOUNTS)
                .then().statusCode(200).body("balance_usd", equalTo("1.50")).body("submits_per_minute", equalTo(null));
        control().body("{\"api_key\":\"" + KEY + "\",\"balance_usd\":0.000001}").put(ACCOUNTS)
                .then().statusCode(200).body("balance_usd", equalTo("0.000001"));

        control().body("{\"api_key\":\"" + KEY + "\"}").post(ACCOUNTS + "/stats").then().statusCode(200)
                .body("submits", equalTo(0)).body("polls", equalTo(0)).body("cancels", equalTo(0))
                .body("tasks", equalTo(0)).body("balance_usd", equalTo("0.000001"))
                .body("pending_faults.submit", equalTo(0)).body(not(containsString(KEY)));
        // at least this key's account: Reef's own reconciler may poll an earlier test's job with its key meanwhile
        control().get("/sim/control/stats").then().statusCode(200)
                .body("sharkai.accounts", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body(not(containsString(KEY)));
    }

    @Test
    void aBadAccountBodyIs400AndChangesNothing() {
        simulator.accountBalance("sharkai", KEY, 7);
        String[][] cases = {
                { "not json", "Account request must be a JSON object" },
                { "[]", "Account request must be a JSON object" },
                { "{\"balance_usd\":\"1\"}", "'api_key' is required and must be a non-empty string" },
                { "{\"api_key\":\" \",\"balance_usd\":\"1\"}", "'api_key' is required and must be a non-empty string" },
                { "{\"api_key\":42}", "'api_key' is required and must be a non-empty string" },
                { "{\"api_key\":\"" + KEY + "\",\"balance\":\"1\"}",
                        "Unknown account field 'balance'; known: [api_key, balance_usd, submits_per_minute]" },
                { "{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"-1\"}",
                        "'balance_usd' must be a non-negative USD amount (e.g. \"1.50\") or null" },
                { "{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"$1\"}",
                        "'balance_usd' must be a non-negative USD amount (e.g. \"1.50\") or null" },
                { "{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"1e1000000\"}",
                        "'balance_usd' must be a non-negative USD amount (e.g. \"1.50\") or null" },
                { "{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"0.0000001\"}", "'balance_usd' must have at most 6 decimals" },
                { "{\"api_key\":\"" + KEY + "\",\"submits_per_minute\":0}",
                        "'submits_per_minute' must be a positive integer or null" },
                { "{\"api_key\":\"" + KEY + "\",\"submits_per_minute\":1.5}",
                        "'submits_per_minute' must be a positive integer or null" },
                // one bad field refuses the whole body: the valid balance is not applied either
                { "{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"9\",\"submits_per_minute\":\"x\"}",
                        "'submits_per_minute' must be a positive integer or null" },
        };
        for (String[] c : cases) {
            control().body(c[0]).put(ACCOUNTS).then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", equalTo(c[1]));
        }
        assertEquals(OptionalLong.of(7), simulator.accountBalance("sharkai", KEY));
        assertEquals(OptionalInt.empty(), simulator.accountRateLimit("sharkai", KEY));

        control().body("{}").post(ACCOUNTS + "/stats").then().statusCode(400)
                .body("error.message", equalTo("'api_key' is required and must be a non-empty string"));
        control().body("{\"operation\":\"submit\",\"status\":503,\"api_key\":\"\"}").post("/sim/control/sharkai/faults")
                .then().statusCode(400).body("error.message", equalTo("'api_key' must be a non-empty string"));
        assertEquals(0, simulator.pendingFaults("sharkai", Operation.SUBMIT));
        assertEquals(0, simulator.pendingFaults("sharkai", Operation.SUBMIT, KEY));
    }

    @Test
    void anUnknownProviderIs404OnTheAccountRoutes() {
        control().body("{\"api_key\":\"" + KEY + "\",\"balance_usd\":\"1\"}").put("/sim/control/other/accounts")
                .then().statusCode(404).body("error.type", equalTo("not_found_error"));
        control().body("{\"api_key\":\"" + KEY + "\"}").post("/sim/control/other/accounts/stats")
                .then().statusCode(404).body("error.type", equalTo("not_found_error"));
        assertThrows(IllegalArgumentException.class, () -> simulator.accountBalance("other", KEY, 1));
        assertThrows(IllegalArgumentException.class, () -> simulator.accountBalance("sharkai", " ", 1));
        assertThrows(IllegalArgumentException.class, () -> simulator.accountBalance("sharkai", KEY, -1));
        assertThrows(IllegalArgumentException.class, () -> simulator.accountRateLimit("sharkai", KEY, 0));
        // none of the refused settings took (not a count of all accounts: a background poll of an
        // earlier test's job, with Reef's own upstream key, may add that key's account at any time)
        assertEquals(OptionalLong.empty(), simulator.accountBalance("sharkai", KEY));
        assertEquals(OptionalInt.empty(), simulator.accountRateLimit("sharkai", KEY));
    }

    private static RequestSpecification control() {
        return given().contentType(ContentType.JSON);
    }
}
