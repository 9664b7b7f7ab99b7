package io.reef.provider.sharkai;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Shark AI simulator's own settings ({@code reef.simulator.sharkai.*}); every one has a default. */
@ConfigMapping(prefix = "reef.simulator.sharkai")
public interface SimulatedSharkAiConfig {

    /** Default {@code credit} of a completed generation (1 USD = 10,000 credit). */
    @WithDefault("400")
    BigDecimal credit();
}
