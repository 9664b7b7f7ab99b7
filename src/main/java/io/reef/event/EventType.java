package io.reef.event;

import java.util.Arrays;
import java.util.Optional;

/** The events Reef emits (the contract: src/docs/guide/events.md). */
public enum EventType {
    /** A tenant's period spend crossed one of its alert thresholds (once per tenant, period and threshold). */
    TENANT_BUDGET_THRESHOLD("tenant.budget.threshold"),
    /** A prepaid tenant's available balance fell below its low-balance level (once per crossing). */
    TENANT_BALANCE_LOW("tenant.balance.low"),
    /** A provider refused the reseller's own account (401/402/403), once per provider and status per window. */
    UPSTREAM_ACCOUNT_ALERT("upstream.account.alert");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }
}
