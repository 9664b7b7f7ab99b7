package io.reef.console;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.support.Api;
import io.reef.support.BehindALoopbackProxy;
import io.restassured.response.Response;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed logins are counted per client address (10 a minute here, the default): the 11th attempt
 * from one address within the minute is 429 with Retry-After, even with the right credential,
 * while another address logs in; a successful login is not counted. The loopback client is the
 * trusted proxy here, so its X-Forwarded-For names the address (and its X-Forwarded-Proto makes
 * the cookie Secure).
 */
@QuarkusTest
@TestProfile(BehindALoopbackProxy.class)
class FailedLoginsAreThrottledPerAddressTest {

    @Test
    void theEleventhFailedLoginFromOneAddressWithinAMinuteIs429() {
        String address = freshAddress();
        for (int i = 1; i <= 10; i++) {
            operatorLogin(address, "wrong-token-" + i).then().statusCode(200)
                    .body(containsString("That is not the operator token."));
        }
        Response eleventh = operatorLogin(address, "wrong-token-11");
        eleventh.then().statusCode(429).body(containsString("Too many failed logins"));
        int retryAfter = Integer.parseInt(eleventh.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // the right token from that address waits too; another address is not affected
        operatorLogin(address, Api.ADMIN_TOKEN).then().statusCode(429);
        operatorLogin(freshAddress(), Api.ADMIN_TOKEN).then().statusCode(303);
        // the portal's logins count against the same address
        WebSessions.loginForm("/portal").post().header("X-Forwarded-For", address).formParam("key", "reef_nope")
                .post("/portal/login").then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginIsNotCounted() {
        String address = freshAddress();
        for (int i = 0; i < 12; i++) {
            operatorLogin(address, Api.ADMIN_TOKEN).then().statusCode(303);
        }
        for (int i = 1; i <= 10; i++) {
            operatorLogin(address, "wrong").then().statusCode(200);
        }
        operatorLogin(address, "wrong").then().statusCode(429);
    }

    @Test
    void anHttpsRequestThroughTheTrustedProxyGetsASecureCookie() {
        Response in = WebSessions.loginForm("/console").post().header("X-Forwarded-For", freshAddress())
                .header("X-Forwarded-Proto", "https").formParam("token", Api.ADMIN_TOKEN).post("/console/login");
        in.then().statusCode(303);
        String cookie = in.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("reef_console="))
                .findFirst().orElseThrow();
        assertTrue(cookie.endsWith("; Secure") || cookie.contains("; Secure;"), cookie);
        assertEquals(true, cookie.contains("SameSite=Strict"));
    }

    private static Response operatorLogin(String address, String token) {
        return WebSessions.loginForm("/console").post().header("X-Forwarded-For", address).formParam("token", token)
                .post("/console/login");
    }

    private static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(100, 200) + "." + r.nextInt(1, 255);
    }
}
