package io.reef.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.Money;

/**
 * Reports from the ledger: usage grouped by day, model or provider, and the statement's entries a
 * keyset page at a time (index range scans on (tenant_id, created_at) and (created_at, id)).
 */
@ApplicationScoped
public class UsageQueries {

    private final LedgerRepository ledger;

    public UsageQueries(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** Where the previous page ended: the last entry's (created_at, id). */
    public record Cursor(Instant createdAt, long id) {

        /** As a query parameter: {@code 2026-12-01T18:35:00.123Z_42}. */
        public String wire() {
            return createdAt + "_" + id;
        }

        /** The cursor {@link #wire()} wrote, or null if {@code wire} is not one. */
        public static Cursor fromWire(String wire) {
            int sep = wire == null ? -1 : wire.lastIndexOf('_');
            if (sep < 1 || wire.length() > 100) {
                return null;
            }
            try {
                return new Cursor(Instant.parse(wire.substring(0, sep)), Long.parseLong(wire.substring(sep + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * @param tenantId null: every tenant (the operator's report)
     * @param withCost the operator's view: upstream cost and margin as well as the tenant's price
     */
    @Transactional
    public UsageReport usage(UUID tenantId, UsageQuery query, boolean withCost) {
        List<UsageReport.Row> result = new ArrayList<>();
        long jobs = 0;
        long price = 0;
        long cost = 0;
        for (LedgerRepository.UsageRow r : ledger.usage(tenantId, query)) {
            result.add(row(r.key(), r.provider(), r.jobs(), r.priceMicros(), r.costMicros(), withCost));
            jobs += r.jobs();
            price += r.priceMicros();
            cost += r.costMicros();
        }
        return new UsageReport(tenantId == null ? null : tenantId.toString(), query.from(), query.to(), query.groupBy().wire(),
                result,
                row(null, null, jobs, price, cost, withCost));
    }

    /** Which way a keyset page goes from its cursor. */
    public enum Direction {
        /** After the cursor, oldest first (statements, exports, the admin API's pages). */
        FORWARD,
        /** Before the cursor, newest first (the console's ledger). */
        BACKWARD
    }

    /** Ledger entries in (created_at, id) order after {@code after}, at most {@code limit}; all tenants if null. */
    @Transactional
    public List<StatementLine> page(UUID tenantId, Instant from, Instant to, Cursor after, int limit) {
        return entries(LedgerFilter.range(tenantId, from, to), after, Direction.FORWARD, limit).stream()
                .map(StatementLine::of).toList();
    }

    /**
     * The entries matching {@code filter} from {@code cursor} (the start or the end if null) in
     * {@code direction}, at most {@code limit}: the one query of the admin API's ledger, the CSV
     * exports and the console's ledger page.
     */
    @Transactional
    public List<LedgerRow> entries(LedgerFilter filter, Cursor cursor, Direction direction, int limit) {
        return ledger.entries(filter, cursor, direction, limit);
    }

    private static UsageReport.Row row(String key, String provider, long jobs, long price, long cost, boolean withCost) {
        return new UsageReport.Row(key, provider, jobs, Money.microsToUsd(price),
                withCost ? Money.microsToUsd(cost) : null, withCost ? Money.microsToUsd(price - cost) : null);
    }
}
