package io.reef.simulator;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Runtime configuration of the provider simulator. Every property has a default, so none needs to be set
 * except {@code reef.simulator.enabled=true} to switch it on.
 */
@ConfigMapping(prefix = "reef.simulator")
public interface SimulatorConfig {

    /** Whether the simulator endpoints ({@code /sim/...}) answer at all; when false they all answer 404. */
    @WithDefault("false")
    boolean enabled();

    /** Default time a new task/job stays {@code pending}/{@code queued}, in milliseconds. */
    @WithDefault("200")
    long pendingMillis();

    /** Default time a task/job stays {@code running}/{@code processing}, in milliseconds. */
    @WithDefault("300")
    long runningMillis();

    /** Shark AI defaults. */
    SharkAi sharkai();

    /** SharkAPI defaults. */
    SharkApi sharkapi();

    /** Shark AI defaults. */
    interface SharkAi {
        /** Default {@code credit} of a completed generation (1 USD = 10,000 credit). */
        @WithDefault("400")
        BigDecimal credit();
    }

    /** SharkAPI defaults: list prices in USD, rendered as {@code "$0.01"}. */
    interface SharkApi {
        /** List price of mode {@code 1k}, in USD. */
        @WithName("price-1k")
        @WithDefault("0.01")
        BigDecimal price1k();

        /** List price of mode {@code 2k}, in USD. */
        @WithName("price-2k")
        @WithDefault("0.02")
        BigDecimal price2k();
    }
}
