/**
 * In-memory, stateful simulator of the two upstream providers (Shark AI and SharkAPI), served by the
 * application itself under {@code /sim/...} when {@code reef.simulator.enabled=true}.
 *
 * <p>Dev mode and the test suite point the gateway's REST clients at it. Tests drive it through the
 * {@link io.reef.simulator.Simulator} bean (in-process) or the HTTP control API under
 * {@code /sim/control} (from another process).
 */
package io.reef.simulator;
