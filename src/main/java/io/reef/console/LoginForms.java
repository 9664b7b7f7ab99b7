package io.reef.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.Template;

/**
 * The login form of either audience and what a login attempt answers: the home page with a new
 * session cookie (303), the form again with the reason next to the field (200), or 429 with
 * {@code Retry-After} once the address used up its failures. Each form carries a fresh CSRF
 * token, also set as a cookie for the login path only ({@link ConsoleGuard} compares the two).
 */
@ApplicationScoped
public class LoginForms {

    private final Pages pages;

    public LoginForms(Pages pages) {
        this.pages = pages;
    }

    public Response form(Audience audience, Template template, UriInfo uri) {
        return form(audience, template, 200, null, uri).build();
    }

    public Response answer(Audience audience, Template template, Logins.Outcome outcome, UriInfo uri) {
        if (outcome instanceof Logins.SignedIn in) {
            return Response.seeOther(URI.create(audience.home()))
                    .header("Set-Cookie", SessionCookies.session(audience, in.started().secret(), uri))
                    .header("Set-Cookie", SessionCookies.endLogin(audience, uri))
                    .build();
        }
        if (outcome instanceof Logins.Throttled t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            return form(audience, template, 429, "Too many failed logins from your address. Try again in " + seconds
                    + (seconds == 1 ? " second." : " seconds."), uri)
                    .header("Retry-After", Long.toString(seconds)).build();
        }
        return form(audience, template, 200, ((Logins.Refused) outcome).message(), uri).build();
    }

    private Response.ResponseBuilder form(Audience audience, Template template, int status, String error, UriInfo uri) {
        String csrf = SessionSecrets.generate();
        return pages.html(status, template.data("csrf", csrf).data("error", error))
                .header("Set-Cookie", SessionCookies.login(audience, csrf, uri));
    }

}
