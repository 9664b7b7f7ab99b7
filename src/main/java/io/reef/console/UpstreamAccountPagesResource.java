package io.reef.console;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.upstream.AccountState;
import io.reef.upstream.UpstreamAccounts;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's upstream accounts page: every account (state, last error, jobs in flight, today's
 * cost; never a key) with a form per account to drain it or set it active again, through the same
 * service call as {@code PATCH /reef/admin/v1/upstream-accounts/{provider}/{name}}. A change
 * answers 303 back to the page; a refused one shows the page again with the reason in words (400
 * for a state other than drained or active, 404 for an unknown account) and changes nothing.
 */
@Path("/console/upstream-accounts")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class UpstreamAccountPagesResource {

    static final String PATH = "/console/upstream-accounts";

    private final UpstreamAccounts accounts;
    private final CurrentSession current;
    private final Pages pages;
    private final Template page;

    public UpstreamAccountPagesResource(UpstreamAccounts accounts, CurrentSession current, Pages pages,
            @Location("console/upstream-accounts.html") Template page) {
        this.accounts = accounts;
        this.current = current;
        this.pages = pages;
        this.page = page;
    }

    @GET
    public Response list() {
        return page(200, null, null, null, null);
    }

    @POST
    @Path("/{provider}/{name}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setState(@PathParam("provider") String provider, @PathParam("name") String name,
            @FormParam("state") String state) {
        if (!"active".equals(state) && !"drained".equals(state)) {
            return page(400, provider, name, "An account can only be drained or set active: nothing was changed.", null);
        }
        if (!accounts.setState(provider, name, AccountState.fromWire(state))) {
            return page(404, null, null, null,
                    "There is no upstream account " + provider + "/" + name + ": nothing was changed.");
        }
        return Response.seeOther(URI.create(PATH)).build();
    }

    /** The page; the row of {@code provider}/{@code name} shows {@code rowError}, the top of the page {@code error}. */
    private Response page(int status, String provider, String name, String rowError, String error) {
        return pages.html(status, page.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("rows", accounts.views().stream().map(a -> new AccountRow(a,
                        a.provider().equals(provider) && a.name().equals(name) ? rowError : null)).toList())
                .data("error", error)).build();
    }
}
