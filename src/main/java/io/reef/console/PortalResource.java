package io.reef.console;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.tenant.TenantService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * The tenants' portal: login with a tenant key, logout, and the home page (the tenant's name,
 * quota and balance). A portal session sees only its own tenant: every page reads
 * {@link Session#tenantId()}, never a tenant named by the request.
 */
@Path("/portal")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    private final Logins logins;
    private final LoginForms forms;
    private final Sessions sessions;
    private final CurrentSession current;
    private final TenantService tenants;
    private final Pages pages;
    private final Template login;
    private final Template home;

    public PortalResource(Logins logins, LoginForms forms, Sessions sessions, CurrentSession current,
            TenantService tenants, Pages pages, @Location("portal/login.html") Template login,
            @Location("portal/home.html") Template home) {
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
    public Response home() {
        Session session = current.get();
        return pages
                .html(200,
                        home.data("csrf", session.csrfToken()).data("logout", "/portal/logout").data("tenant",
                                tenants.get(session.tenantId())))
                .build();
    }

    @GET
    @Path("/login")
    public Response loginForm(@Context UriInfo uri) {
        return forms.form(Audience.TENANT, login, uri);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("key") String key, @Context UriInfo uri, @Context HttpServerRequest request) {
        return forms.answer(Audience.TENANT, login, logins.tenant(ClientAddresses.of(request), key), uri);
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@CookieParam("reef_portal") String secret, @Context UriInfo uri) {
        sessions.end(secret);
        return Response.seeOther(URI.create(Audience.TENANT.loginPath()))
                .header("Set-Cookie", SessionCookies.endSession(Audience.TENANT, uri)).build();
    }
}
