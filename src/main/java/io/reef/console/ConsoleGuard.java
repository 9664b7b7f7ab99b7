package io.reef.console;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.reef.common.Workers;
import io.smallrye.mutiny.Uni;

/**
 * Runs before every console and portal method ({@link ConsolePages}). A page needs a live session
 * of its audience (else: 303 to the login page); every POST must carry its CSRF token in the form
 * field {@value #CSRF_FIELD}: the session's token, or on the login form the token of the
 * pre-login cookie (so nobody can log a browser in to someone else's tenant). A POST without it,
 * or with a wrong one, is refused with 403 before the method runs: nothing changes.
 * (Quarkus's own CSRF extension reads the form the same way: {@link WithFormRead}.)
 */
public class ConsoleGuard {

    public static final String CSRF_FIELD = "csrf";

    private final Sessions sessions;
    private final CurrentSession current;
    private final Pages pages;

    public ConsoleGuard(Sessions sessions, CurrentSession current, Pages pages) {
        this.sessions = sessions;
        this.current = current;
        this.pages = pages;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @WithFormRead
    @ConsolePages
    public Uni<Response> guard(ResteasyReactiveContainerRequestContext request) {
        Audience audience = Audience.forPath(request.getUriInfo().getPath());
        if (audience == null) {
            return Uni.createFrom().nullItem();
        }
        boolean post = "POST".equals(request.getMethod());
        if (request.getUriInfo().getPath().equals(audience.loginPath())) {
            if (post && !SessionSecrets.matches(cookie(request, audience.loginCookie()), csrf(request))) {
                return Uni.createFrom().item(refused());
            }
            return Uni.createFrom().nullItem();
        }
        String secret = cookie(request, audience.cookie());
        if (secret == null) {
            return Uni.createFrom().item(toLogin(audience));
        }
        return Workers.run(() -> sessions.find(audience, secret)).map(found -> admit(audience, found, post, request));
    }

    private Response admit(Audience audience, Optional<Session> found, boolean post,
            ResteasyReactiveContainerRequestContext request) {
        if (found.isEmpty()) {
            return toLogin(audience);
        }
        if (post && !SessionSecrets.matches(found.get().csrfToken(), csrf(request))) {
            return refused();
        }
        current.set(found.get());
        return null;
    }

    private Response refused() {
        return pages.refused(403, "This form was not sent from a page of this session (its security token is missing or "
                + "wrong). Nothing was changed: go back, reload the page and try again.");
    }

    private static Response toLogin(Audience audience) {
        return Response.seeOther(URI.create(audience.loginPath())).header("Cache-Control", "no-store").build();
    }

    private static String cookie(ResteasyReactiveContainerRequestContext request, String name) {
        Cookie c = request.getCookies().get(name);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    private static String csrf(ResteasyReactiveContainerRequestContext request) {
        Object value = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CSRF_FIELD, true, false);
        return value instanceof String s ? s : null;
    }
}
