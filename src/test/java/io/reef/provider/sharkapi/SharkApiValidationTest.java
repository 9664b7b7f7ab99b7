package io.reef.provider.sharkapi;

import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every validation rule answers 400 naming the field, with nothing sent upstream and nothing held. */
@QuarkusTest
class SharkApiValidationTest {

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    Api.TestTenant t;
    long submitsBefore;

    @BeforeEach
    void setUp() {
        simulator.reset();
        t = Api.newTenant("10", "month");
        submitsBefore = simulator.submits("sharkapi");
    }

    @AfterEach
    void nothingReachedTheProviderOrWasHeld() {
        assertEquals(submitsBefore, simulator.submits("sharkapi"));
        assertEquals(0, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
    }

    @Test
    void promptIsRequiredNonEmptyAndAtMost2000Characters() {
        bad("{\"mode\":\"1k\"}", "'prompt' is required");
        bad("{\"mode\":\"1k\",\"prompt\":\"\"}", "'prompt' must not be empty");
        bad("{\"mode\":\"1k\",\"prompt\":7}", "'prompt' must be a string");
        bad(Map.of("mode", "1k", "prompt", "x".repeat(2001)), "'prompt' must be at most 2000 characters");
    }

    @Test
    void modeMustBe1kOr2k() {
        bad("{\"prompt\":\"p\"}", "'mode' is required");
        bad("{\"prompt\":\"p\",\"mode\":\"4k\"}", "'mode' must be");
        bad("{\"prompt\":\"p\",\"mode\":1}", "'mode' must be");
    }

    @Test
    void imageMustBeBase64JpegOrPngOfAtMostTenMegabytes() {
        bad(Map.of("mode", "1k", "prompt", "p", "image", "%%%not base64%%%"), "'image' is not valid Base64");
        bad(Map.of("mode", "1k", "prompt", "p", "image", Base64.getEncoder().encodeToString("GIF89a....".getBytes())),
                "'image' must be a JPEG or PNG image");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(SharkApiGenerationTest.PNG_BYTES, 0, big, 0, SharkApiGenerationTest.PNG_BYTES.length);
        bad(Map.of("mode", "1k", "prompt", "p", "image", Base64.getEncoder().encodeToString(big)),
                "'image' must be at most 10MB");
        bad(Map.of("mode", "1k", "prompt", "p", "image", 12), "'image' must be a Base64-encoded string");
    }

    @Test
    void imageStrengthMustBeANumberFromZeroToOne() {
        bad("{\"prompt\":\"p\",\"mode\":\"1k\",\"image_strength\":1.5}", "'image_strength' must be between 0.0 and 1.0");
        bad("{\"prompt\":\"p\",\"mode\":\"1k\",\"image_strength\":-0.1}", "'image_strength' must be between 0.0 and 1.0");
        bad("{\"prompt\":\"p\",\"mode\":\"1k\",\"image_strength\":\"0.5\"}", "'image_strength' must be a number");
    }

    @Test
    void malformedBodiesAre400() {
        bad("{\"prompt\":", "not valid JSON");
        bad("\"just a string\"", "JSON object");
    }

    @Test
    void aBodyLargerThanTheLargestValidRequestIs413() {
        String huge = "{\"mode\":\"1k\",\"prompt\":\"p\",\"image\":\"" + "A".repeat(14_100_000) + "\"}";
        tenant(t.key()).body(huge).post("/v1/generate").then().statusCode(413)
                .body("error.type", equalTo("request_too_large"));
    }

    private void bad(Object body, String message) {
        tenant(t.key()).body(body).post("/v1/generate").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString(message));
    }
}
