package io.reef.console;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.tenant.TenantService;
import io.reef.tenant.TenantView;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** The operator's console: login with the operator token, logout, and the home page (tenants, paged). */
@Path("/console")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    static final int PAGE_SIZE = 20;

    private final Logins logins;
    private final LoginForms forms;
    private final Sessions sessions;
    private final CurrentSession current;
    private final TenantService tenants;
    private final Pages pages;
    private final Template login;
    private final Template home;

    public ConsoleResource(Logins logins, LoginForms forms, Sessions sessions, CurrentSession current,
            TenantService tenants, Pages pages, @Location("console/login.html") Template login,
            @Location("console/home.html") Template home) {
        this.logins = logins;
        this.forms = forms;
        this.sessions = sessions;
        this.current = current;
        this.tenants = tenants;
        this.pages = pages;
        this.login = login;
        this.home = home;
    }

    @GET
    public Response home(@QueryParam("page") String page) {
        int number = PageNumber.parse(page);
        List<TenantView> rows = tenants.list((number - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = rows.size() > PAGE_SIZE;
        return pages.html(200, home.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("tenants", more ? rows.subList(0, PAGE_SIZE) : rows)
                .data("page", number)
                .data("previous", number > 1 ? number - 1 : null)
                .data("next", more ? number + 1 : null)).build();
    }

    @GET
    @Path("/login")
    public Response loginForm(@Context UriInfo uri) {
        return forms.form(Audience.OPERATOR, login, uri);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @Context UriInfo uri, @Context HttpServerRequest request) {
        return forms.answer(Audience.OPERATOR, login, logins.operator(ClientAddresses.of(request), token), uri);
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@CookieParam("reef_console") String secret, @Context UriInfo uri) {
        sessions.end(secret);
        return Response.seeOther(URI.create(Audience.OPERATOR.loginPath()))
                .header("Set-Cookie", SessionCookies.endSession(Audience.OPERATOR, uri)).build();
    }
}
