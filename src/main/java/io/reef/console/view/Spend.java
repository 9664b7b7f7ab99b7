package io.reef.console.view;

import io.quarkus.qute.TemplateData;

/** Charges over a period, for the operator: what tenants paid, what upstream cost, and the difference. */
@TemplateData
public record Spend(long entries, long spentMicros, long costMicros) {

    static final Spend NONE = new Spend(0, 0, 0);

    public long marginMicros() {
        return spentMicros - costMicros;
    }

    Spend plus(long moreEntries, long moreSpent, long moreCost) {
        return new Spend(entries + moreEntries, Math.addExact(spentMicros, moreSpent), Math.addExact(costMicros, moreCost));
    }
}
