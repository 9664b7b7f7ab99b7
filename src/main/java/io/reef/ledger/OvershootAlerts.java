package io.reef.ledger;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.reef.common.Money;
import io.reef.common.ReefMetrics;

/**
 * The two ways a tenant's spend can pass what Reef held for it, each an operator alert (one log
 * line naming the job, plus a counter per provider): a charge larger than its job's hold, and a
 * hold re-sized by the provider's own estimate so far that the tenant's period spend plus open
 * holds exceed its limit. Neither is refused (the provider has done, or is doing, the work);
 * frequent alerts mean the hold estimates need adjusting.
 */
@ApplicationScoped
public class OvershootAlerts {

    private static final Logger LOG = Logger.getLogger(OvershootAlerts.class);

    private final ReefMetrics metrics;

    public OvershootAlerts(ReefMetrics metrics) {
        this.metrics = metrics;
    }

    /** After a charge: alerts if its price exceeded the job's hold. */
    public void checkCharge(String publicJobId, UUID tenantId, String provider, long holdMicros, long priceMicros,
            LedgerKind kind) {
        if (priceMicros <= holdMicros) {
            return;
        }
        metrics.chargeOverHold(provider, priceMicros - holdMicros);
        LOG.errorf("OPERATOR ALERT: job %s (tenant %s, %s) was charged %s (%d micro-USD), more than its %shold of "
                + "%s (%d micro-USD)", publicJobId, tenantId, provider, Money.formatDollars(priceMicros), priceMicros,
                kind == LedgerKind.LATE_CHARGE ? "voided " : "", Money.formatDollars(holdMicros), holdMicros);
    }

    /**
     * After a hold was re-sized to the provider's estimate: alerts if the tenant is now past its
     * limit or, prepaid, past its unexpired credit.
     */
    public void checkResize(String publicJobId, UUID tenantId, String provider, long oldHoldMicros,
            long newHoldMicros, Holds.Exposure exposure) {
        if (exposure == null || newHoldMicros <= oldHoldMicros || !(exposure.overLimit() || exposure.overBalance())) {
            return;
        }
        metrics.holdResizedPastLimit(provider);
        if (exposure.overBalance()) {
            LOG.errorf("OPERATOR ALERT: job %s (tenant %s, %s): the provider's estimate re-sized its hold from %s to %s "
                    + "(%d micro-USD), so the tenant's lifetime spend plus open holds of %s pass its prepaid balance of "
                    + "%s; the job stays admitted", publicJobId, tenantId, provider, Money.formatDollars(oldHoldMicros),
                    Money.formatDollars(newHoldMicros), newHoldMicros,
                    Money.formatDollars(exposure.lifetimeAndHeldMicros()), Money.formatDollars(exposure.creditMicros()));
        }
        if (!exposure.overLimit()) {
            return;
        }
        LOG.errorf("OPERATOR ALERT: job %s (tenant %s, %s): the provider's estimate re-sized its hold from %s to %s "
                + "(%d micro-USD), so the tenant's period spend plus open holds of %s pass its limit of %s; "
                + "the job stays admitted", publicJobId, tenantId, provider, Money.formatDollars(oldHoldMicros),
                Money.formatDollars(newHoldMicros), newHoldMicros, Money.formatDollars(exposure.spentAndHeldMicros()),
                Money.formatDollars(exposure.limitMicros()));
    }
}
