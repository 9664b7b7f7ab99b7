package io.reef.console;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.ledger.Statement;
import io.reef.ledger.StatementFormat;
import io.reef.ledger.StatementMonth;
import io.reef.ledger.StatementRepresentations;
import io.reef.ledger.Statements;
import io.reef.tenant.TenantService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;

/**
 * The tenant's monthly statements in the portal: the months (twelve a page, newest first, back to
 * the month the tenant was created), one month's statement as a page, and its CSV and printable
 * forms. Every form is {@link Statements#statement} of the session's tenant with the tenant's
 * audience, and the downloads are {@link StatementRepresentations}: the same bytes as
 * {@code GET /reef/v1/me/statement} answers a bearer key.
 */
@Path("/portal/statements")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class PortalStatementsResource {

    static final int MONTHS_PER_PAGE = 12;
    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    private final CurrentSession current;
    private final TenantService tenants;
    private final Statements statements;
    private final StatementRepresentations representations;
    private final ReefClock clock;
    private final PortalPages pages;
    private final Template months;
    private final Template statement;

    public PortalStatementsResource(CurrentSession current, TenantService tenants, Statements statements,
            StatementRepresentations representations, ReefClock clock, PortalPages pages,
            @Location("portal/statements.html") Template months, @Location("portal/statement.html") Template statement) {
        this.current = current;
        this.tenants = tenants;
        this.statements = statements;
        this.representations = representations;
        this.clock = clock;
        this.pages = pages;
        this.months = months;
        this.statement = statement;
    }

    /** The months of one page, newest first: from this month back to the tenant's first. */
    @GET
    public Response months(@QueryParam("page") String page) {
        int number = PageNumber.parse(page);
        YearMonth current = YearMonth.from(clock.now().atOffset(ZoneOffset.UTC));
        YearMonth first = YearMonth.from(tenants.get(tenantId()).createdAt().atOffset(ZoneOffset.UTC));
        List<PortalMonth> shown = new ArrayList<>(MONTHS_PER_PAGE);
        YearMonth m = current.minusMonths((long) (number - 1) * MONTHS_PER_PAGE);
        for (int i = 0; i < MONTHS_PER_PAGE && !m.isBefore(first); i++, m = m.minusMonths(1)) {
            shown.add(PortalMonth.of(m, current));
        }
        return pages.ok(pages.page(months).data("months", shown).data("page", number)
                .data("previous", number > 1 ? number - 1 : null)
                .data("next", !shown.isEmpty() && !m.isBefore(first) ? number + 1 : null));
    }

    @GET
    @Path("/{month}")
    public Response month(@PathParam("month") String month) {
        Statement s = statementOf(month);
        return s == null ? noSuchMonth() : pages.ok(pages.page(statement).data("s", s));
    }

    @GET
    @Path("/{month}.csv")
    @Produces({ "text/csv", MediaType.TEXT_HTML })
    public Response csv(@PathParam("month") String month) {
        Statement s = statementOf(month);
        return s == null ? noSuchMonth() : representations.respond(s, StatementFormat.CSV);
    }

    /**
     * The printable statement, with its own Content-Security-Policy only (no script or asset at all,
     * its print styles inline): the portal's policy, already on the response, would refuse those
     * styles, and a browser enforces every policy it is sent.
     */
    @GET
    @Path("/{month}/print")
    public Response printable(@PathParam("month") String month, @Context HttpServerResponse response) {
        Statement s = statementOf(month);
        if (s == null) {
            return noSuchMonth();
        }
        response.headers().remove(CONTENT_SECURITY_POLICY);
        return representations.respond(s, StatementFormat.HTML);
    }

    /** The session tenant's statement of the month, or null when the path names no month Reef states. */
    private Statement statementOf(String month) {
        StatementMonth parsed;
        try {
            parsed = StatementMonth.parse(month, clock.now());
        } catch (ApiException e) {
            return null;
        }
        return statements.statement(tenantId(), parsed, Statements.Audience.TENANT);
    }

    private Response noSuchMonth() {
        return pages.notFound("Statement not found", "There is no statement for this month. A statement covers one "
                + "UTC calendar month, written YYYY-MM, from 2000-01 to the current month.");
    }

    private UUID tenantId() {
        return current.get().tenantId();
    }
}
