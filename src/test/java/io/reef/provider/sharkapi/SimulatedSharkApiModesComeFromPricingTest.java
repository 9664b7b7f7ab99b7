package io.reef.provider.sharkapi;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The simulated SharkAPI accepts exactly the modes of the pricing map and reports their prices
 * ({@code reef.pricing.sharkapi.modes.*}), unless {@code reef.simulator.sharkapi.price-<mode>}
 * gives it another list price.
 */
@QuarkusTest
@TestProfile(SimulatedSharkApiModesComeFromPricingTest.FourModes.class)
class SimulatedSharkApiModesComeFromPricingTest {

    public static class FourModes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reef.pricing.sharkapi.modes.4k", "0.04",
                    "reef.pricing.sharkapi.modes.8k", "0.125",
                    "reef.simulator.sharkapi.price-2k", "0.025");
        }
    }

    @Test
    void aConfiguredModeIsAcceptedAtItsPrice() {
        submit("4k").statusCode(202).body("status", equalTo("queued")).body("estimated_cost", equalTo("$0.04"));
        submit("8k").statusCode(202).body("estimated_cost", equalTo("$0.125"));
        submit("1k").statusCode(202).body("estimated_cost", equalTo("$0.01"));
    }

    @Test
    void theSimulatorsOwnListPriceOverridesThePricingMap() {
        submit("2k").statusCode(202).body("estimated_cost", equalTo("$0.025"));
    }

    @Test
    void aModeThatIsNotConfiguredIsRefusedNamingTheConfiguredOnes() {
        submit("3k").statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("'mode' is required and must be \"1k\", \"2k\", \"4k\" or \"8k\""));
    }

    private static ValidatableResponse submit(String mode) {
        return given().header("Authorization", "Bearer sk-sim").contentType(ContentType.JSON)
                .body("{\"prompt\":\"an otter\",\"mode\":\"" + mode + "\"}")
                .post("/sim/sharkapi/v1/generate").then();
    }
}
