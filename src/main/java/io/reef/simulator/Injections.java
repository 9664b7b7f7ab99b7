package io.reef.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults and delays injected for requests, per operation: a provider's (any account) or one
 * account's. Thread-safe.
 */
final class Injections {

    private final Map<Operation, InjectionQueue<Integer>> faults = new EnumMap<>(Operation.class);
    private final Map<Operation, InjectionQueue<Duration>> delays = new EnumMap<>(Operation.class);

    Injections() {
        for (Operation op : Operation.values()) {
            faults.put(op, new InjectionQueue<>());
            delays.put(op, new InjectionQueue<>());
        }
    }

    /** The next injected fault's status for {@code op}, if any (it is used up). */
    Optional<Integer> takeFault(Operation op) {
        return faults.get(op).take();
    }

    /** The next injected delay for {@code op}, if any (it is used up). */
    Optional<Duration> takeDelay(Operation op) {
        return delays.get(op).take();
    }

    void injectFault(Operation op, int status, int count) {
        faults.get(op).add(status, count);
    }

    void injectDelay(Operation op, Duration delay, int count) {
        delays.get(op).add(delay, count);
    }

    /** Number of requests still to be hit by an injected fault for {@code op}. */
    int pendingFaults(Operation op) {
        return faults.get(op).pending();
    }

    /** Number of requests still to be hit by an injected delay for {@code op}. */
    int pendingDelays(Operation op) {
        return delays.get(op).pending();
    }

    void clear() {
        for (Operation op : Operation.values()) {
            faults.get(op).clear();
            delays.get(op).clear();
        }
    }
}
