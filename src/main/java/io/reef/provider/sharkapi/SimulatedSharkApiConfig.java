package io.reef.provider.sharkapi;

import java.math.BigDecimal;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The SharkAPI simulator's own settings ({@code reef.simulator.sharkapi.*}), all optional:
 * {@code price-<mode>=<USD>} makes the simulated API report another list price for a mode than the
 * pricing map's ({@code reef.pricing.sharkapi.modes.<mode>}), e.g. to simulate a provider whose price
 * differs from Reef's estimate.
 */
@ConfigMapping(prefix = "reef.simulator.sharkapi")
public interface SimulatedSharkApiConfig {

    /** The {@code price-<mode>} overrides by property name, e.g. {@code price-1k -> 0.01}. */
    @WithParentName
    Map<String, BigDecimal> listPrices();

    /** The list price of {@code mode} the simulated API reports, if overridden. */
    default BigDecimal listPrice(String mode, BigDecimal configured) {
        return listPrices().getOrDefault("price-" + mode, configured);
    }
}
