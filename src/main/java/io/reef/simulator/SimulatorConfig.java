package io.reef.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Runtime configuration of the simulator core. Every property has a default, so none needs to be set
 * except {@code reef.simulator.enabled=true} to switch it on. A simulated provider's own settings live in
 * its package, under {@code reef.simulator.<name>}.
 */
@ConfigMapping(prefix = "reef.simulator")
public interface SimulatorConfig {

    /** Whether the simulator endpoints ({@code /sim/...}) answer at all; when false they all answer 404. */
    @WithDefault("false")
    boolean enabled();

    /** Default time a new task/job stays in its first (pending, queued) status, in milliseconds. */
    @WithDefault("200")
    long pendingMillis();

    /** Default time a task/job stays in its working (running, processing) status, in milliseconds. */
    @WithDefault("300")
    long runningMillis();

    /** The configured default behaviour every provider starts from (it may adjust its own fields). */
    default Behaviour defaultBehaviour() {
        return Behaviour.builder().pendingMillis(pendingMillis()).runningMillis(runningMillis()).build();
    }
}
