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
import io.reef.console.view.ConsoleQueries;
import io.reef.console.view.Dashboard;
import io.reef.console.view.SpendChart;
import io.reef.upstream.UpstreamAccounts;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operator's console: login with the operator token, logout, and the dashboard: every tenant's
 * spend, upstream cost and margin today and this month, jobs in flight, the 30-day chart, the newest
 * events and each upstream account's health. The dashboard is one {@link ConsoleQueries#dashboard}
 * call (one snapshot) and the accounts' view, whatever the number of tenants.
 */
@Path("/console")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** Rows on a page of the console's lists. */
    static final int PAGE_SIZE = 20;
    /** Events the dashboard shows (the events page has them all). */
    static final int RECENT_EVENTS = 10;
    static final String CHART_TITLE = "Daily spend, all tenants, last 30 days";

    private final Logins logins;
    private final LoginForms forms;
    private final Sessions sessions;
    private final CurrentSession current;
    private final ConsoleQueries queries;
    private final UpstreamAccounts accounts;
    private final Pages pages;
    private final Template login;
    private final Template home;

    public ConsoleResource(Logins logins, LoginForms forms, Sessions sessions, CurrentSession current,
            ConsoleQueries queries, UpstreamAccounts accounts, Pages pages, @Location("console/login.html") Template login,
            @Location("console/home.html") Template home) {
        this.logins = logins;
        this.forms = forms;
        this.sessions = sessions;
        this.current = current;
        this.queries = queries;
        this.accounts = accounts;
        this.pages = pages;
        this.login = login;
        this.home = home;
    }

    @GET
    public Response home() {
        Dashboard dashboard = queries.dashboard(RECENT_EVENTS);
        return pages.html(200, home.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("dashboard", dashboard)
                .data("chart", SpendChart.svg(CHART_TITLE, dashboard.last30Days()))
                .data("accounts", accounts.views())).build();
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
