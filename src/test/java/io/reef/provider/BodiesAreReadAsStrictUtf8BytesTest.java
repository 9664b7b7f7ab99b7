package io.reef.provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provider bodies are parsed from their bytes, which may be forwarded as they are: anything a
 * provider could read differently from Reef (invalid UTF-8, a field twice, content after the
 * object) is a 400 in the envelope with nothing held or sent; a base64 image is checked while it
 * is read, JSON escapes included.
 */
@QuarkusTest
class BodiesAreReadAsStrictUtf8BytesTest {

    static final String SHARKAPI = "/v1/generate";
    static final String SHARKAI = "/api/v1/images/generations";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    Api.TestTenant t;

    @BeforeEach
    void setUp() {
        simulator.reset();
        t = Api.newTenant("10", "month");
    }

    @Test
    void invalidUtf8IsA400AndChangesNothing() {
        byte[][] invalid = {
                { (byte) 0xC3, 0x28 }, // a lead byte without its continuation
                { (byte) 0xC0, (byte) 0xAF }, // overlong '/'
                { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, // a UTF-16 surrogate encoded as UTF-8
                { (byte) 0xFF },
        };
        for (byte[] bad : invalid) {
            for (String path : new String[] { SHARKAPI, SHARKAI }) {
                byte[] body = concat("{\"mode\":\"1k\",\"model\":\"m\",\"prompt\":\"a", bad, "b\"}");
                tenant(t.key()).body(body).post(path).then().statusCode(400)
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.message", containsString("not valid UTF-8"));
            }
        }
        nothingHappened();
    }

    @Test
    void aUtf16BodyIsNotReadAsJson() {
        byte[] utf16 = "{\"mode\":\"1k\",\"prompt\":\"p\"}".getBytes(StandardCharsets.UTF_16LE);
        tenant(t.key()).body(utf16).post(SHARKAPI).then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        nothingHappened();
    }

    @Test
    void aFieldTwiceOrContentAfterTheObjectIsA400() {
        String[] bodies = {
                "{\"mode\":\"1k\",\"prompt\":\"p\",\"mode\":\"2k\"}",
                "{\"mode\":\"1k\",\"prompt\":\"p\",\"extra\":{\"a\":1,\"a\":2}}",
                "{\"mode\":\"1k\",\"prompt\":\"p\"} {\"mode\":\"2k\"}",
                "{\"mode\":\"1k\",\"prompt\":\"p\"} trailing",
        };
        for (String body : bodies) {
            tenant(t.key()).body(body).post(SHARKAPI).then().statusCode(400).body("error.type",
                    equalTo("invalid_request_error"));
            tenant(t.key())
                    .body(body.replace("\"mode\":\"1k\"", "\"model\":\"m\"").replace("\"mode\":\"2k\"", "\"model\":\"n\""))
                    .post(SHARKAI).then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        }
        tenant(t.key()).body("{\"mode\":\"1k\",\"prompt\":\"p\",\"mode\":\"2k\"}").post(SHARKAPI).then()
                .body("error.message", containsString("a field appears twice"));
        nothingHappened();
    }

    @Test
    void aBase64ImageWithEscapedSlashesIsCheckedAndForwardedAsSent() {
        byte[] jpeg = new byte[3000];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        for (int i = 3; i < jpeg.length; i++) {
            jpeg[i] = (byte) 0xFF; // encodes to many '/' characters
        }
        String image = Base64.getEncoder().encodeToString(jpeg);
        assertTrue(image.contains("/"));
        String body = "{\"mode\":\"1k\",\"prompt\":\"p\",\"image\":\"" + image.replace("/", "\\/") + "\"}";
        tenant(t.key()).body(body).post(SHARKAPI).then().statusCode(202);
        JsonNode sent = simulator.lastSubmitBody("sharkapi");
        assertEquals(image, sent.get("image").asText());

        String gif = Base64.getEncoder().encodeToString("GIF89a........".getBytes(StandardCharsets.US_ASCII)).replace("/",
                "\\/");
        tenant(t.key()).body("{\"mode\":\"1k\",\"prompt\":\"p\",\"image\":\"" + gif + "\"}").post(SHARKAPI).then()
                .statusCode(400).body("error.message", containsString("'image' must be a JPEG or PNG image"));
        tenant(t.key()).body("{\"mode\":\"1k\",\"prompt\":\"p\",\"image\":\"/9j/4AAQ=x==\"}").post(SHARKAPI).then()
                .statusCode(400).body("error.message", containsString("'image' is not valid Base64"));
    }

    /**
     * {@code 1E+2} reaches the provider as a decimal only if the body was not re-serialised (Reef
     * writes decimals plainly: {@code 100}, an integer).
     */
    @Test
    void bodiesAreForwardedAsReceivedUnlessReefMustAddAsync() {
        tenant(t.key()).body("{\"mode\":\"1k\",\"prompt\":\"p\",\"weight\":1E+2}").post(SHARKAPI).then().statusCode(202);
        assertTrue(simulator.lastSubmitBody("sharkapi").get("weight").isFloatingPointNumber(), "SharkAPI: as received");

        tenant(t.key()).body("{\"model\":\"m\",\"prompt\":\"p\",\"async\":true,\"weight\":1E+2}").post(SHARKAI).then()
                .statusCode(202);
        assertTrue(simulator.lastSubmitBody("sharkai").get("weight").isFloatingPointNumber(), "Shark AI async: as received");

        tenant(t.key()).body("{\"model\":\"m\",\"prompt\":\"p\",\"weight\":1E+2}").post(SHARKAI).then().statusCode(200);
        JsonNode sent = simulator.lastSubmitBody("sharkai");
        assertTrue(sent.get("async").asBoolean(), "Reef submits async");
        assertTrue(sent.get("weight").isIntegralNumber(), "re-serialised to add async");
    }

    private void nothingHappened() {
        assertEquals(0, simulator.submits("sharkapi"));
        assertEquals(0, simulator.submits("sharkai"));
        assertEquals(0, db.jobsForTenant(t.id()));
        tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
