package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.util.Map;

import io.reef.common.Money;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Hold estimates for Shark AI, in credit (1 USD = 10,000 credit). */
@ConfigMapping(prefix = "reef.pricing.sharkai")
public interface SharkAiPricing {

    /** Hold for models without their own estimate. */
    @WithDefault("400")
    BigDecimal defaultHoldCredit();

    /** Per-model estimates: {@code reef.pricing.sharkai.models."<model>".hold-credit}. */
    Map<String, Model> models();

    interface Model {
        BigDecimal holdCredit();
    }

    /** Expected upstream cost of one request for this model, in micro-dollars. */
    default long expectedCostMicros(String model) {
        Model configured = models().get(model);
        return Money.creditToMicros(configured != null ? configured.holdCredit() : defaultHoldCredit());
    }
}
