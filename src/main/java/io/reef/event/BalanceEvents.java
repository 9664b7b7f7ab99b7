package io.reef.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;

/**
 * The tenant events a change of its money causes, decided in the database by the statement that
 * moves the tenant row's counters (the row is locked by then, so concurrent charges of one tenant
 * decide one after the other; one round trip under the lock, see V7) and written in that change's
 * transaction:
 * <ul>
 * <li>{@code tenant.budget.threshold}: the period spend reached one of the tenant's
 * {@code alert_thresholds_percent} of its quota limit. Once per tenant, period and threshold, on
 * any number of replicas and across restarts: the event's unique dedupe key (tenant, period start,
 * threshold) is the database's guarantee, not memory.</li>
 * <li>{@code tenant.balance.low}: a prepaid tenant's available balance (unexpired credit - lifetime
 * spend - open holds) fell below its {@code low_balance_micros}. Once per crossing: the tenant's
 * {@code low_balance_alerted} flag is set in the same UPDATE that decides it, and cleared when the
 * balance is back at or above the level (after a grant, or a charge smaller than its hold).</li>
 * </ul>
 */
@ApplicationScoped
public class BalanceEvents {

    private final EventRepository events;
    private final Outbox outbox;

    public BalanceEvents(EventRepository events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    /**
     * Writes the alerts a move of the tenant's money made due (decided in the database with the
     * move, see {@link BalanceAlert}), in the move's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(UUID tenantId, List<BalanceAlert> alerts, Instant now) {
        for (BalanceAlert alert : alerts) {
            if (alert instanceof BalanceAlert.ThresholdReached reached) {
                ObjectNode data = outbox.data();
                data.put("tenant_id", tenantId.toString());
                data.put("threshold_percent", reached.percent());
                data.put("period", reached.period());
                data.put("period_start", reached.periodStart().toString());
                data.put("spent_usd", Money.microsToUsd(reached.spentMicros()));
                data.put("limit_usd", Money.microsToUsd(reached.limitMicros()));
                outbox.write(EventType.TENANT_BUDGET_THRESHOLD, tenantId, reached.dedupeKey(), data, now);
            } else if (alert instanceof BalanceAlert.BalanceLow low) {
                ObjectNode data = outbox.data();
                data.put("tenant_id", tenantId.toString());
                data.put("available_usd", Money.microsToUsd(low.availableMicros()));
                data.put("low_balance_usd", Money.microsToUsd(low.levelMicros()));
                data.put("granted_usd", Money.microsToUsd(low.grantedMicros()));
                data.put("spent_usd", Money.microsToUsd(low.spentMicros()));
                data.put("held_usd", Money.microsToUsd(low.heldMicros()));
                outbox.write(EventType.TENANT_BALANCE_LOW, tenantId, null, data, now);
            }
        }
    }

    /**
     * After credit was granted or corrected (in the grant's transaction, after {@code
     * tenant.granted_micros} moved): a balance back at or above the level re-arms the alert, one
     * that a correction took below it alerts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterCredit(UUID tenantId, Instant now) {
        write(tenantId, events.lowBalanceAlert(tenantId, now), now);
    }
}
