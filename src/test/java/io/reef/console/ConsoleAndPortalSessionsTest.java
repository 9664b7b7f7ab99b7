package io.reef.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.response.Response;

import static io.reef.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions over HTTP: the cookie's attributes, logout ending the session for good, CSRF tokens on
 * every state-changing form (the login form included), each audience's cookie opening only its own
 * pages, a portal session seeing only its tenant and ending with its key, and no token or key ever
 * rendered.
 */
@QuarkusTest
class ConsoleAndPortalSessionsTest {

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToItsPages() {
        Response in = WebSessions.loginForm("/console").post().formParam("token", Api.ADMIN_TOKEN).post("/console/login");
        in.then().statusCode(303).header("Location", endsWith("/console/"));
        String cookie = setCookie(in, "reef_console");
        assertTrue(cookie.contains("; Path=/console;"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http: not Secure: " + cookie);
        // a client (not a trusted proxy) saying https does not make it Secure either
        Response spoofed = WebSessions.loginForm("/console").post().header("X-Forwarded-Proto", "https")
                .formParam("token", Api.ADMIN_TOKEN).post("/console/login");
        assertFalse(setCookie(spoofed, "reef_console").contains("Secure"));

        var t = Api.newTenant("10", "month");
        String portal = setCookie(WebSessions.loginForm("/portal").post().formParam("key", t.key()).post("/portal/login"),
                "reef_portal");
        assertTrue(portal.contains("; Path=/portal;") && portal.contains("; HttpOnly") && portal.contains("; SameSite=Strict"),
                portal);
    }

    @Test
    void afterLogoutTheOldCookieNoLongerWorks() {
        WebSessions.Signed s = WebSessions.operator();
        s.get().get("/console/").then().statusCode(200);
        Response out = s.post().formParam("csrf", s.csrf()).post("/console/logout");
        out.then().statusCode(303).header("Location", endsWith("/console/login"));
        assertTrue(setCookie(out, "reef_console").contains("Max-Age=0"));
        s.get().get("/console/").then().statusCode(303).header("Location", endsWith("/console/login"));

        var t = Api.newTenant("10", "month");
        WebSessions.Signed p = WebSessions.tenant(t.key());
        p.post().formParam("csrf", p.csrf()).post("/portal/logout").then().statusCode(303);
        p.get().get("/portal/").then().statusCode(303).header("Location", endsWith("/portal/login"));
    }

    @Test
    void aPostWithoutItsCsrfTokenOrWithAWrongOneIsRefusedAndChangesNothing() {
        WebSessions.Signed s = WebSessions.operator();
        WebSessions.Signed other = WebSessions.operator();
        s.post().post("/console/logout").then().statusCode(403).contentType("text/html")
                .body(containsString("Nothing was changed"));
        s.post().formParam("csrf", "").post("/console/logout").then().statusCode(403);
        s.post().formParam("csrf", s.csrf() + "x").post("/console/logout").then().statusCode(403);
        s.post().formParam("csrf", other.csrf()).post("/console/logout").then().statusCode(403);
        s.get().get("/console/").then().statusCode(200); // still signed in: nothing changed

        var t = Api.newTenant("10", "month");
        WebSessions.Signed p = WebSessions.tenant(t.key());
        p.post().formParam("csrf", s.csrf()).post("/portal/logout").then().statusCode(403);
        p.get().get("/portal/").then().statusCode(200);
    }

    @Test
    void aLoginWithoutTheLoginFormsTokenIsRefused() {
        WebSessions.LoginForm form = WebSessions.loginForm("/console");
        Response noToken = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie(form.cookieName(), form.cookie()).formParam("token", Api.ADMIN_TOKEN).post("/console/login");
        noToken.then().statusCode(403);
        assertEquals(null, noToken.getCookie("reef_console"));
        Response noCookie = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", form.csrf()).formParam("token", Api.ADMIN_TOKEN).post("/console/login");
        noCookie.then().statusCode(403);
        assertEquals(null, noCookie.getCookie("reef_console"));
        WebSessions.LoginForm another = WebSessions.loginForm("/console");
        // another form's token with this form's cookie
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie(form.cookieName(), form.cookie()).formParam("csrf", another.csrf())
                .formParam("token", Api.ADMIN_TOKEN).post("/console/login").then().statusCode(403);
        // and the form as sent: logged in
        form.post().formParam("token", Api.ADMIN_TOKEN).post("/console/login").then().statusCode(303);
    }

    @Test
    void eachCookieOpensOnlyItsOwnPages() {
        WebSessions.Signed operator = WebSessions.operator();
        given().redirects().follow(false).cookie("reef_portal", operator.cookie()).get("/portal/").then().statusCode(303);
        var t = Api.newTenant("10", "month");
        WebSessions.Signed tenant = WebSessions.tenant(t.key());
        given().redirects().follow(false).cookie("reef_console", tenant.cookie()).get("/console/").then().statusCode(303);
        given().redirects().follow(false).get("/console/").then().statusCode(303).header("Location",
                endsWith("/console/login"));
        given().redirects().follow(false).cookie("reef_console", "not-a-session").get("/console/").then().statusCode(303);
    }

    @Test
    void aPortalSessionShowsOnlyItsTenantAndEndsWhenItsKeyIsRevoked() {
        String mineName = "Mine " + System.nanoTime();
        String mine = Api.createTenant(Map.of("name", mineName, "quota", Map.of("limit_usd", 12.5, "period", "month")));
        String theirs = "Theirs " + System.nanoTime();
        Api.createTenant(Map.of("name", theirs, "quota", Map.of("limit_usd", 99, "period", "month")));
        var issued = Api.issueKey(mine, Map.of("name", "portal"));
        String key = issued.getString("key");

        WebSessions.Signed p = WebSessions.tenant(key);
        String home = p.get().get("/portal/").then().statusCode(200).extract().asString();
        assertTrue(home.contains(mineName) && home.contains("12.5"), home);
        assertFalse(home.contains(theirs), home);
        // the page names the tenant of the session only: nothing in the request chooses another
        p.get().queryParam("tenant", theirs).get("/portal/").then().statusCode(200).body(containsString(mineName));

        admin().delete("/reef/admin/v1/keys/" + issued.getString("id")).then().statusCode(200);
        p.get().get("/portal/").then().statusCode(303).header("Location", endsWith("/portal/login"));
        // and the revoked key logs in no more, with the reason next to the field
        WebSessions.loginForm("/portal").post().formParam("key", key).post("/portal/login").then().statusCode(200)
                .body(containsString("This API key has been revoked."));
    }

    @Test
    void noPageRendersTheOperatorTokenOrATenantKey() {
        var t = Api.newTenant("10", "month");
        WebSessions.Signed operator = WebSessions.operator();
        WebSessions.Signed tenant = WebSessions.tenant(t.key());
        List<String> pages = List.of(operator.get().get("/console/").asString(),
                WebSessions.loginForm("/console").post().formParam("token", Api.ADMIN_TOKEN + "x").post("/console/login")
                        .asString(),
                tenant.get().get("/portal/").asString(),
                WebSessions.loginForm("/portal").post().formParam("key", t.key() + "x").post("/portal/login").asString());
        for (String page : pages) {
            assertFalse(page.contains(Api.ADMIN_TOKEN), page);
            assertFalse(page.contains(t.key()), page);
            assertFalse(page.contains(operator.cookie()) || page.contains(tenant.cookie()), page);
        }
    }

    private static String setCookie(Response r, String name) {
        List<String> all = r.headers().getValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie " + name + " in " + all));
    }
}
