package io.reef.ledger;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The ledger as CSV (RFC 4180, CRLF): a header, then one row per matching entry, oldest first,
 * streamed by {@link LedgerLines}; amounts are decimal dollars as in the statement CSV, text cells
 * quoted and formulas neutralised ({@link StatementLine#csvText}). The one writer of the admin
 * API's CSV ledger and the console's export.
 */
@ApplicationScoped
public class LedgerCsv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private final LedgerLines lines;

    public LedgerCsv(LedgerLines lines) {
        this.lines = lines;
    }

    /** The body of a download of every entry matching {@code filter}. */
    public StreamingOutput of(LedgerFilter filter) {
        return out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(StatementLine.CSV_HEADER);
            writer.write("\r\n");
            lines.each(filter, line -> {
                writer.write(line.csv());
                writer.write("\r\n");
            });
            writer.flush();
        };
    }
}
