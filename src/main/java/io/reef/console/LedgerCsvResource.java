package io.reef.console;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.reef.ledger.LedgerCsv;
import io.smallrye.common.annotation.Blocking;

/**
 * The ledger page's "Export CSV": every entry matching the page's filters (not only one page),
 * oldest first, streamed by the admin API's CSV writer ({@link LedgerCsv}) as a download. Filters
 * the page would refuse lead back to the page, which says why next to each field.
 */
@Path("/console/ledger.csv")
@ConsolePages
@Blocking
public class LedgerCsvResource {

    private final LedgerCsv csv;
    private final FilterFields fields;

    public LedgerCsvResource(LedgerCsv csv, FilterFields fields) {
        this.csv = csv;
        this.fields = fields;
    }

    @GET
    public Response export(@QueryParam("tenant") String tenant, @QueryParam("provider") String provider,
            @QueryParam("model") String model, @QueryParam("kind") String kind, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LedgerForm form = LedgerForm.read(fields, tenant, provider, model, kind, from, to);
        String filters = form.query().toString();
        if (!form.valid()) {
            return Response.seeOther(URI.create("/console/ledger" + (filters.isEmpty() ? "" : "?" + filters))).build();
        }
        return Response.ok(csv.of(form.filter()), LedgerCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(form) + "\"").build();
    }

    /** {@code reef-ledger.csv}, or with its days: {@code reef-ledger-2026-11-01-to-2026-11-30.csv} (dates only: no quoting). */
    static String fileName(LedgerForm form) {
        String from = form.from().isEmpty() ? "" : "-from-" + form.from();
        String to = form.to().isEmpty() ? "" : "-to-" + form.to();
        return "reef-ledger" + from + to + ".csv";
    }
}
