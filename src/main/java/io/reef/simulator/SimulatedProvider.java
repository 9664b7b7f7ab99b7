package io.reef.simulator;

import java.util.Optional;

/**
 * One provider's simulated API, as the simulator core sees it. A provider package implements it as an
 * {@code @ApplicationScoped} bean (discovered by CDI) next to its simulated endpoints (a JAX-RS resource
 * under {@code /sim/<name>/...} annotated {@link SimulatorEndpoint}); the core then offers behaviours,
 * fault and delay injection, observation and the control API ({@code /sim/control/<name>/...}) for it,
 * keyed by {@link #name()}.
 *
 * @param <D> what the provider keeps about each of its tasks (its task model)
 */
public interface SimulatedProvider<D> {

    /**
     * The provider's name, as stored on jobs; also the path segment of its simulated API
     * ({@code /sim/<name>}) and of its control API ({@code /sim/control/<name>}). Unique among providers.
     */
    String name();

    /**
     * The path segment under {@code /sim/control/<name>/} naming what a behaviour is set for (e.g.
     * {@code models}: {@code PUT /sim/control/<name>/models/{key}}). The key is whatever the provider
     * passes to {@link ProviderState#behaviourFor(String)} (a model, a mode).
     */
    String behaviourKeys();

    /** All mutable state of the provider's simulation (created once by the bean, reset by the core). */
    ProviderState<D> state();

    /** The provider's status word of {@code task} at {@code now} (epoch millis). */
    String status(SimulatedTask<D> task, long now);

    /**
     * What the provider bills for {@code task}, which is done and completed with an image, as it
     * reports the cost (verbatim); empty when it reports none.
     */
    Optional<String> billedCost(SimulatedTask<D> task);

    /**
     * What the account that submits {@code task} is debited at submit when it has a balance, in
     * micro-dollars: what the provider would bill for the task as created (e.g. its credit times its
     * images). Never throws: a cost the behaviour makes unreadable is the provider's list price, or 0.
     */
    long costMicros(SimulatedTask<D> task);
}
