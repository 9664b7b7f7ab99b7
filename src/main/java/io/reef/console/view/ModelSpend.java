package io.reef.console.view;

import io.quarkus.qute.TemplateData;

/** One tenant's charges for one provider's model over a period, for the operator (upstream cost included). */
@TemplateData
public record ModelSpend(String provider, String model, long entries, long spentMicros, long costMicros) {

    public long marginMicros() {
        return spentMicros - costMicros;
    }
}
