package io.reef.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.ledger.LedgerKind;
import io.reef.ledger.LedgerRow;
import io.reef.ledger.UsageQueries;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's ledger: every tenant's entries newest first, {@value #PAGE_SIZE} a page (keyset on
 * (created_at, id)), filtered by tenant, provider, model, kind and UTC days, read by the same query
 * as {@code GET /reef/admin/v1/ledger}. A filter field it cannot read is the form again (400) with
 * the error next to that field. Its export is {@link LedgerCsvResource}.
 */
@Path("/console/ledger")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class LedgerPagesResource {

    static final int PAGE_SIZE = 50;

    private final UsageQueries usage;
    private final FilterFields fields;
    private final CurrentSession current;
    private final Pages pages;
    private final Template ledger;

    public LedgerPagesResource(UsageQueries usage, FilterFields fields, CurrentSession current, Pages pages,
            @Location("console/ledger.html") Template ledger) {
        this.usage = usage;
        this.fields = fields;
        this.current = current;
        this.pages = pages;
        this.ledger = ledger;
    }

    @GET
    public Response page(@QueryParam("tenant") String tenant, @QueryParam("provider") String provider,
            @QueryParam("model") String model, @QueryParam("kind") String kind, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("before") String before, @QueryParam("after") String after) {
        LedgerForm form = LedgerForm.read(fields, tenant, provider, model, kind, from, to);
        var page = ledger.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("form", form).data("providers", fields.providerNames()).data("kinds", kinds())
                .data("pageSize", PAGE_SIZE);
        if (!form.valid()) {
            return pages.html(400, page.data("rows", List.of()).data("previous", null).data("next", null)
                    .data("csv", null)).build();
        }
        Keyset.Page<LedgerRow> rows = Keyset.page(UsageQueries.Cursor.fromWire(before), UsageQueries.Cursor.fromWire(after),
                PAGE_SIZE, (older, newer, limit) -> newer != null
                        ? usage.entries(form.filter(), newer, UsageQueries.Direction.FORWARD, limit)
                        : usage.entries(form.filter(), older, UsageQueries.Direction.BACKWARD, limit));
        String query = form.query().prefix();
        String previous = rows.hasNewer() ? "/console/ledger?" + query + "after=" + rows.first().cursor().wire() : null;
        String next = rows.hasOlder() ? "/console/ledger?" + query + "before=" + rows.last().cursor().wire() : null;
        String filters = form.query().toString();
        return pages.html(200, page.data("rows", rows.rows()).data("previous", previous).data("next", next)
                .data("csv", "/console/ledger.csv" + (filters.isEmpty() ? "" : "?" + filters))).build();
    }

    static List<Option> kinds() {
        return List.of(new Option("", "Every kind"), new Option(LedgerKind.CHARGE.wire(), "Charges"),
                new Option(LedgerKind.LATE_CHARGE.wire(), "Late charges (completed after the hold expired)"));
    }
}
