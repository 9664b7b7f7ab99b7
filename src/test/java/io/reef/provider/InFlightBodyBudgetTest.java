package io.reef.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.restassured.response.Response;

import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica's budget of in-flight body bytes: a large body that does not fit next to the ones
 * being read gets 503 with Retry-After before its body is read, and nothing happens for it; a
 * reservation is given back when its request ends, whether it was answered or its client left.
 */
@QuarkusTest
@TestProfile(InFlightBodyBudgetTest.ThreeMegabyteBudget.class)
class InFlightBodyBudgetTest {

    public static class ThreeMegabyteBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reef.limits.in-flight-body-bytes", "3000000", "reef.limits.body-read-timeout", "8S");
        }
    }

    static final int IMAGE_BYTES = 1_500_000; // a 2 MB img2img body: one fits in the budget, two do not

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    InFlightBodies inFlight;

    Api.TestTenant t;

    @BeforeEach
    void setUp() {
        simulator.reset();
        t = Api.newTenant("10", "month");
    }

    @Test
    void aLargeBodyBeyondTheBudgetGets503WithRetryAfterAndChangesNothing() throws Exception {
        String body = img2img();
        try (Socket slow = new Socket("localhost", 8081)) {
            // a client that declares a 2 MB body and sends only its first bytes holds 2 MB of the budget
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/generate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 1000).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Eventually.until("the slow body holds its reservation", Duration.ofSeconds(5),
                    () -> inFlight.reserved() == body.length());

            Response refused = tenant(t.key()).body(body).post("/v1/generate");
            refused.then().statusCode(503).body("error.type", equalTo("overloaded_error"));
            assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1);
            assertEquals(0, db.jobsForTenant(t.id()));
            assertEquals(0, simulator.submits("sharkapi"));
            tenant(t.key()).get("/reef/v1/me").then().body("quota.held_usd", equalTo(0));

            // small bodies are not counted: they still go through
            tenant(t.key()).body(Map.of("mode", "1k", "prompt", "small")).post("/v1/generate").then().statusCode(202);
        }
        // the slow client hung up: its reservation comes back
        Eventually.until("the hung-up body's reservation is given back", Duration.ofSeconds(5), () -> inFlight.reserved() == 0);

        tenant(t.key()).body(body).post("/v1/generate").then().statusCode(202);
        Eventually.until("an answered request gives its reservation back", Duration.ofSeconds(5),
                () -> inFlight.reserved() == 0);
        tenant(t.key()).body(body.replace("\"mode\":\"1k\"", "\"mode\":\"8k\"")).post("/v1/generate").then().statusCode(400);
        Eventually.until("a refused request gives its reservation back", Duration.ofSeconds(5), () -> inFlight.reserved() == 0);
        assertEquals(2, db.jobsForTenant(t.id()));
    }

    @Test
    void aChunkedBodyReservesTheEndpointMaximum() throws Exception {
        // SharkAPI's maximum (14 MB) does not fit a 3 MB budget: a body of unknown length is refused unread
        try (Socket chunked = new Socket("localhost", 8081)) {
            OutputStream out = chunked.getOutputStream();
            out.write(("POST /v1/generate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.key()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(chunked.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 503"), head);
            assertTrue(head.toLowerCase().contains("retry-after: "), head);
        }
        assertEquals(0, db.jobsForTenant(t.id()));
        Eventually.until("nothing stays reserved", Duration.ofSeconds(5), () -> inFlight.reserved() == 0);
    }

    @Test
    void aTrickledBodyIsCutOffWith408AndGivesItsReservationBack() throws Exception {
        String body = img2img();
        try (Socket slow = new Socket("localhost", 8081)) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/generate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.key()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 1000).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(slow.getInputStream()); // the read timeout is 8 s in this profile
            assertTrue(head.startsWith("HTTP/1.1 408"), head);
        }
        Eventually.until("the cut-off body's reservation is given back", Duration.ofSeconds(5), () -> inFlight.reserved() == 0);
        assertEquals(0, db.jobsForTenant(t.id()));
        assertEquals(0, simulator.submits("sharkapi"));
    }

    private static String img2img() {
        byte[] png = new byte[IMAGE_BYTES];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);
        Arrays.fill(png, 8, png.length, (byte) 7);
        return "{\"mode\":\"1k\",\"prompt\":\"p\",\"image\":\"" + Base64.getEncoder().encodeToString(png) + "\"}";
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
