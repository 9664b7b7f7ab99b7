package io.reef.ledger;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every ledger entry of a range in (created_at, id) order, read a keyset page at a time (each page
 * its own short transaction), so a CSV export over millions of entries holds one page in memory
 * and no transaction open for the whole download. The one way the CSV exports read entries.
 */
@ApplicationScoped
public class LedgerLines {

    static final int PAGE = 5_000;

    private final UsageQueries usage;

    public LedgerLines(UsageQueries usage) {
        this.usage = usage;
    }

    /** Receives the entries one by one (writing them out, typically). */
    @FunctionalInterface
    public interface Sink {
        void accept(StatementLine line) throws IOException;
    }

    /** Feeds the entries in {@code [from, to)} of the tenant (all tenants if null) to {@code sink}. */
    public void each(UUID tenantId, Instant from, Instant to, Sink sink) throws IOException {
        each(LedgerFilter.range(tenantId, from, to), sink);
    }

    /** Feeds every entry matching the filter, oldest first, to {@code sink}. */
    public void each(LedgerFilter filter, Sink sink) throws IOException {
        UsageQueries.Cursor after = null;
        List<LedgerRow> rows;
        do {
            rows = usage.entries(filter, after, UsageQueries.Direction.FORWARD, PAGE);
            for (LedgerRow row : rows) {
                sink.accept(StatementLine.of(row));
            }
            if (!rows.isEmpty()) {
                after = rows.get(rows.size() - 1).cursor();
            }
        } while (rows.size() == PAGE);
    }
}
