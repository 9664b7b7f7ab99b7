package io.reef.ledger;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * A statement as the response the client asked for: JSON, CSV (streamed, a download) or the
 * printable HTML page ({@code templates/statement.html}, Qute, every value escaped; no script and no
 * external asset, which its Content-Security-Policy also enforces).
 */
@ApplicationScoped
public class StatementRepresentations {

    /** Inline styles only (the page's print rules); nothing else may load or run. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final StatementCsv csv;
    private final Template page;

    public StatementRepresentations(StatementCsv csv, @Location("statement.html") Template page) {
        this.csv = csv;
        this.page = page;
    }

    /** The statement in the format the request's {@code Accept} asks for (JSON by default). */
    public Response respond(Statement statement, HttpHeaders request) {
        return respond(statement, StatementFormat.negotiate(request));
    }

    /** The statement in this format (the portal's download links name theirs). */
    public Response respond(Statement statement, StatementFormat format) {
        return switch (format) {
            case JSON -> Response.ok(statement, MediaType.APPLICATION_JSON_TYPE).build();
            case CSV -> Response.ok(csvBody(statement), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + fileName(statement) + ".csv\"")
                    .build();
            case HTML -> Response.ok(page.data("s", statement).render(), "text/html; charset=UTF-8")
                    .header("Content-Security-Policy", PAGE_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        };
    }

    private StreamingOutput csvBody(Statement statement) {
        return out -> csv.write(statement, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** Made of the tenant id (a UUID) and the month only: nothing a client chose reaches the header. */
    private static String fileName(Statement s) {
        return "reef-statement-" + s.tenant().id() + "-" + s.month();
    }
}
