package io.reef.provider.sharkai;

import java.math.BigDecimal;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Hold estimates for Shark AI, in credit (1 USD = 10,000 credit), per image: a request for
 * {@code n} images holds {@code n} times its model's estimate. Operators size an estimate at the
 * most one image of that model costs (the provider's price list, or the largest {@code credit}
 * per image seen in the ledger): a charge above its hold is an operator alert.
 */
@ConfigMapping(prefix = "reef.pricing.sharkai")
public interface SharkAiPricing {

    /** Per-image hold for models without their own estimate. */
    @WithDefault("400")
    BigDecimal defaultHoldCredit();

    /** Per-model, per-image estimates: {@code reef.pricing.sharkai.models."<model>".hold-credit}. */
    Map<String, Model> models();

    interface Model {
        BigDecimal holdCredit();
    }

    /** Expected upstream cost of a request for {@code images} images of this model, in micro-dollars. */
    default long expectedCostMicros(String model, int images) {
        Model configured = models().get(model);
        long perImage = SharkAiCredit.toMicros(configured != null ? configured.holdCredit() : defaultHoldCredit());
        return Math.multiplyExact(perImage, images);
    }
}
