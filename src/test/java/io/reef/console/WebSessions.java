package io.reef.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.reef.support.Api;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RestAssured steps of a browser's session: the login form, logging in, the CSRF token of a page. */
final class WebSessions {

    static final String CONSOLE = "/console";
    static final String PORTAL = "/portal";

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private WebSessions() {
    }

    /** A login form as a browser gets it: its pre-login cookie and the token in the form. */
    record LoginForm(String base, String cookieName, String cookie, String csrf) {
        RequestSpecification post() {
            return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .cookie(cookieName, cookie).formParam("csrf", csrf);
        }
    }

    /** A signed-in session: its cookie and the CSRF token its pages carry. */
    record Signed(String base, String cookieName, String cookie, String csrf) {
        RequestSpecification get() {
            return given().redirects().follow(false).cookie(cookieName, cookie);
        }

        RequestSpecification post() {
            return get().contentType("application/x-www-form-urlencoded");
        }
    }

    static String sessionCookie(String base) {
        return base.equals(CONSOLE) ? "reef_console" : "reef_portal";
    }

    static LoginForm loginForm(String base) {
        Response form = given().redirects().follow(false).get(base + "/login");
        form.then().statusCode(200);
        String name = sessionCookie(base) + "_login";
        String cookie = form.getCookie(name);
        assertNotNull(cookie, "the login form sets " + name);
        return new LoginForm(base, name, cookie, csrf(form.asString()));
    }

    static Signed operator() {
        return signIn(CONSOLE, "token", Api.ADMIN_TOKEN);
    }

    static Signed tenant(String key) {
        return signIn(PORTAL, "key", key);
    }

    static Signed signIn(String base, String field, String credential) {
        Response in = loginForm(base).post().formParam(field, credential).post(base + "/login");
        assertEquals(303, in.statusCode(), in.asString());
        assertTrue(in.header("Location").endsWith(base + "/"), in.header("Location"));
        String name = sessionCookie(base);
        String cookie = in.getCookie(name);
        assertNotNull(cookie, "the login sets " + name);
        Response home = given().redirects().follow(false).cookie(name, cookie).get(base + "/");
        home.then().statusCode(200);
        return new Signed(base, name, cookie, csrf(home.asString()));
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "no CSRF field in " + html);
        return m.group(1);
    }
}
