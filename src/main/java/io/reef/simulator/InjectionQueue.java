package io.reef.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * FIFO of injected effects, each to be applied to the next {@code count} requests. Thread-safe.
 *
 * @param <T> the effect (an HTTP status, a delay)
 */
final class InjectionQueue<T> {

    private static final class Entry<T> {
        final T value;
        int remaining;

        Entry(T value, int remaining) {
            this.value = value;
            this.remaining = remaining;
        }
    }

    private final Deque<Entry<T>> entries = new ArrayDeque<>();

    /** Queues {@code value} for the next {@code count} requests (after those already queued). */
    synchronized void add(T value, int count) {
        if (count > 0) {
            entries.addLast(new Entry<>(value, count));
        }
    }

    /** Takes the effect for one request, if any is queued. */
    synchronized Optional<T> take() {
        Entry<T> head = entries.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (--head.remaining <= 0) {
            entries.removeFirst();
        }
        return Optional.of(head.value);
    }

    /** Total number of requests still to be affected. */
    synchronized int pending() {
        int total = 0;
        for (Entry<T> e : entries) {
            total += e.remaining;
        }
        return total;
    }

    synchronized void clear() {
        entries.clear();
    }
}
