package io.reef.event;

import java.time.Instant;
import java.util.List;

import io.reef.common.Sql;

/**
 * A tenant event that a move of its money made due, as the database decided it under the tenant
 * row's lock (V7: {@code reef_move_counters}, {@code reef_low_balance_alert}); {@link BalanceEvents}
 * writes it.
 */
public sealed interface BalanceAlert {

    /** The period spend reached {@code percent} of the quota limit, the first time in this period. */
    record ThresholdReached(int percent, String period, Instant periodStart, long spentMicros, long limitMicros,
            String dedupeKey) implements BalanceAlert {
    }

    /** A prepaid tenant's available balance just fell below its low-balance level. */
    record BalanceLow(long availableMicros, long levelMicros, long grantedMicros, long spentMicros, long heldMicros)
            implements
                BalanceAlert {
    }

    /**
     * The alerts of rows of V7's one alert shape: a row with a threshold percent is a threshold
     * reached, one without is a low balance.
     */
    static List<BalanceAlert> fromRows(List<Object[]> rows) {
        return rows.stream().map(BalanceAlert::fromRow).toList();
    }

    private static BalanceAlert fromRow(Object[] r) {
        if (r[0] != null) {
            return new ThresholdReached(((Number) r[0]).intValue(), (String) r[2], Sql.instant(r[3]),
                    Sql.longValue(r[4]), Sql.longValue(r[5]), (String) r[1]);
        }
        return new BalanceLow(Sql.longValue(r[6]), Sql.longValue(r[7]), Sql.longValue(r[8]), Sql.longValue(r[9]),
                Sql.longValue(r[10]));
    }
}
