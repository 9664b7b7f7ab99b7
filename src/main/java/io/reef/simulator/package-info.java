/**
 * The simulator core: a faithful, stateful, in-memory stand-in for the upstream providers, served by the
 * application itself under {@code /sim/...} when {@code reef.simulator.enabled=true} (dev mode and tests;
 * hidden from the OpenAPI document).
 *
 * <p>
 * The core names no provider. Each provider package declares its simulated API as a
 * {@link io.reef.simulator.SimulatedProvider} bean (name, task model, status words, billed cost) with its
 * own endpoints under {@code /sim/<name>/...}; the core keeps each one's {@link io.reef.simulator.ProviderState}
 * and offers, by provider name, behaviours, fault and delay injection and observation: in-process through the
 * {@link io.reef.simulator.Simulator} bean, from another process through the HTTP control API under
 * {@code /sim/control/<name>/...}.
 */
package io.reef.simulator;
