package io.reef.provider.sharkapi;

import java.math.BigDecimal;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The SharkAPI modes and their prices in USD, as the simulator reads them: the same pricing map Reef's
 * holds use ({@code reef.pricing.sharkapi.modes.1k=0.01}), so the simulated API accepts exactly the
 * configured modes.
 */
@ConfigMapping(prefix = "reef.pricing.sharkapi")
public interface SimulatedSharkApiModes {

    Map<String, BigDecimal> modes();
}
