package io.reef.provider.sharkapi;

import java.math.BigDecimal;
import java.util.Map;

import io.reef.common.Money;
import io.smallrye.config.ConfigMapping;

/** SharkAPI prices per mode in USD ({@code reef.pricing.sharkapi.modes.1k=0.01}), used for holds. */
@ConfigMapping(prefix = "reef.pricing.sharkapi")
public interface SharkApiPricing {

    Map<String, BigDecimal> modes();

    /** Expected upstream cost of a job in this mode, in micro-dollars. */
    default long expectedCostMicros(String mode) {
        BigDecimal usd = modes().get(mode);
        if (usd == null) {
            throw new IllegalStateException("no price configured for SharkAPI mode " + mode);
        }
        return Money.usdToMicros(usd);
    }
}
