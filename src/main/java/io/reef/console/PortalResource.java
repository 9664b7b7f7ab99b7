package io.reef.console;

import java.net.URI;
import java.util.UUID;

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
import io.reef.console.view.ConsoleQueries;
import io.reef.console.view.SpendChart;
import io.reef.tenant.TenantService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * The tenants' portal: login with a tenant key, logout, and the home page (the tenant's quota,
 * prepaid balance and spend chart); its jobs and statements are {@link PortalJobsResource} and
 * {@link PortalStatementsResource}. A portal session sees only its own tenant: every page reads
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
    private final ConsoleQueries spend;
    private final PortalPages pages;
    private final Template login;
    private final Template home;

    public PortalResource(Logins logins, LoginForms forms, Sessions sessions, CurrentSession current,
            TenantService tenants, ConsoleQueries spend, PortalPages pages, @Location("portal/login.html") Template login,
            @Location("portal/home.html") Template home) {
        this.logins = logins;
        this.forms = forms;
        this.sessions = sessions;
        this.current = current;
        this.tenants = tenants;
        this.spend = spend;
        this.pages = pages;
        this.login = login;
        this.home = home;
    }

    /** The tenant's quota, balance and its own 30-day spend chart (what it was charged, nothing of the reseller's). */
    @GET
    public Response home() {
        UUID tenantId = current.get().tenantId();
        PortalAccount account = PortalAccount.of(tenants.get(tenantId));
        String chart = SpendChart.svg("Your daily spend, last " + ConsoleQueries.CHART_DAYS + " days (UTC)",
                spend.tenantDailySpend(tenantId));
        return pages.ok(pages.page(home).data("account", account).data("chart", chart));
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
