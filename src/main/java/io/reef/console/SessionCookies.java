package io.reef.console;

import jakarta.ws.rs.core.UriInfo;

/**
 * The Set-Cookie values of the console and portal: {@code HttpOnly}, {@code SameSite=Strict}, the
 * {@code Path} of the audience's pages, and {@code Secure} when the request came over https (as
 * Quarkus sees it: a {@code X-Forwarded-Proto}/{@code Forwarded} header counts only from
 * {@code quarkus.http.proxy.trusted-proxies}). Values are base64url, so nothing needs quoting.
 */
final class SessionCookies {

    private SessionCookies() {
    }

    static String session(Audience audience, String secret, UriInfo uri) {
        return cookie(audience.cookie(), secret, audience.base(), uri, false);
    }

    static String endSession(Audience audience, UriInfo uri) {
        return cookie(audience.cookie(), "", audience.base(), uri, true);
    }

    /** The login form's CSRF token, for the login path only. */
    static String login(Audience audience, String token, UriInfo uri) {
        return cookie(audience.loginCookie(), token, audience.loginPath(), uri, false);
    }

    static String endLogin(Audience audience, UriInfo uri) {
        return cookie(audience.loginCookie(), "", audience.loginPath(), uri, true);
    }

    static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    private static String cookie(String name, String value, String path, UriInfo uri, boolean expire) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; HttpOnly; SameSite=Strict");
        if (secure(uri)) {
            c.append("; Secure");
        }
        if (expire) {
            c.append("; Max-Age=0");
        }
        return c.toString();
    }
}
