package io.reef.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.UpstreamAccountStates;
import io.restassured.response.Response;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upstream accounts page's drain and activate forms: without the session's CSRF token (or with
 * another) they are refused with 403 and the account keeps its state; an unknown account is a 404
 * page in words; a state other than drained or active is a 400 with the reason next to the
 * account's buttons; with the token, drain and activate change the state the operator API reports
 * (the same service call) and answer 303 back to the page.
 */
@QuarkusTest
class UpstreamAccountFormsChangeStateOnlyWithTheCsrfTokenTest {

    private static final String ACCOUNT = "/console/upstream-accounts/sharkai/default";

    @AfterEach
    void everyAccountActive() {
        UpstreamAccountStates.allActive();
    }

    @Test
    void aDrainOrActivateWithoutTheTokenIsRefusedAndChangesNothing() {
        WebSessions.Signed s = WebSessions.operator();
        assertEquals("active", state("sharkai", "default"));
        s.post().formParam("state", "drained").post(ACCOUNT).then().statusCode(403)
                .body(containsString("Nothing was changed"));
        s.post().formParam("state", "drained").formParam("csrf", "not-" + s.csrf()).post(ACCOUNT).then()
                .statusCode(403);
        assertEquals("active", state("sharkai", "default"));

        Api.admin().body(java.util.Map.of("state", "drained")).patch("/reef/admin/v1/upstream-accounts/sharkai/default")
                .then().statusCode(200);
        s.post().formParam("state", "active").post(ACCOUNT).then().statusCode(403);
        assertEquals("drained", state("sharkai", "default"));
    }

    @Test
    void theFormsDrainAndActivateThroughTheSameServiceAsTheApi() {
        WebSessions.Signed s = WebSessions.operator();
        s.post().formParam("csrf", s.csrf()).formParam("state", "drained").post(ACCOUNT).then().statusCode(303)
                .header("Location", endsWith("/console/upstream-accounts"));
        assertEquals("drained", state("sharkai", "default"));
        String page = s.get().get("/console/upstream-accounts").then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-account=\"sharkai/default\" data-state=\"drained\""), page);
        assertTrue(page.contains("data-account=\"sharkapi/default\" data-state=\"active\""), page);

        s.post().formParam("csrf", s.csrf()).formParam("state", "active").post(ACCOUNT).then().statusCode(303);
        assertEquals("active", state("sharkai", "default"));
    }

    @Test
    void anUnknownAccountIsA404InWordsAndABadStateA400NextToTheAccount() {
        WebSessions.Signed s = WebSessions.operator();
        Response unknown = s.post().formParam("csrf", s.csrf()).formParam("state", "drained")
                .post("/console/upstream-accounts/sharkai/no-such-account");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.asString().contains("There is no upstream account sharkai/no-such-account: nothing was changed."),
                unknown.asString());
        s.post().formParam("csrf", s.csrf()).formParam("state", "drained").post("/console/upstream-accounts/nope/default")
                .then().statusCode(404);

        for (String bad : new String[] { "needs_attention", "cooling_down", "DRAINED", "" }) {
            Response refused = s.post().formParam("csrf", s.csrf()).formParam("state", bad).post(ACCOUNT);
            assertEquals(400, refused.statusCode(), bad);
            String html = refused.asString();
            int row = html.indexOf("data-account=\"sharkai/default\"");
            int error = html.indexOf("<p class=\"error\" id=\"change-error\" role=\"alert\">");
            int nextRow = html.indexOf("<tr", row + 1);
            assertTrue(row > 0 && error > row && (nextRow < 0 || error < nextRow),
                    "the error is in the account's row: " + html);
            assertTrue(html.contains("An account can only be drained or set active: nothing was changed."), html);
            assertEquals("active", state("sharkai", "default"));
        }
        String page = s.get().get("/console/upstream-accounts").asString();
        assertFalse(page.contains("sk-test-sharkai-upstream") || page.contains("sk_live_test_sharkapi_upstream"),
                "never a key");
    }

    private static String state(String provider, String name) {
        return Api.admin().get("/reef/admin/v1/upstream-accounts").then().statusCode(200).extract().jsonPath()
                .getString("find { it.provider == '" + provider + "' && it.name == '" + name + "' }.state");
    }
}
