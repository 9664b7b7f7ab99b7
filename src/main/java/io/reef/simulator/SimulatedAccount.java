package io.reef.simulator;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One upstream account of a simulated provider: everything the simulator keeps for one distinct bearer
 * key, as a real provider keeps per API key: its counters, its balance, its rate limit, the faults and
 * delays injected for it, and (through {@link SimulatedTask}'s owner) its tasks. A new account is unlimited:
 * no balance, no rate limit, no faults. Never holds nor shows its key. Thread-safe.
 */
public final class SimulatedAccount {

    /** The rate limit's window: a sliding minute. */
    static final long WINDOW_MILLIS = 60_000;

    private final Map<Operation, AtomicLong> requests = new EnumMap<>(Operation.class);
    private final Injections injections = new Injections();
    private final AtomicInteger tasks = new AtomicInteger();

    /** Remaining balance in micro-dollars; null = unlimited. Guarded by {@code this}. */
    private Long balanceMicros;
    /** Most submits admitted in any {@link #WINDOW_MILLIS}; 0 = unlimited. Guarded by {@code this}. */
    private int submitsPerMinute;
    /** When the submits of the last window were admitted, oldest first. Guarded by {@code this}. */
    private final ArrayDeque<Long> window = new ArrayDeque<>();

    SimulatedAccount() {
        for (Operation op : Operation.values()) {
            requests.put(op, new AtomicLong());
        }
    }

    void count(Operation op) {
        requests.get(op).incrementAndGet();
    }

    long requests(Operation op) {
        return requests.get(op).get();
    }

    /** The faults and delays injected for this account. */
    Injections injections() {
        return injections;
    }

    void taskCreated() {
        tasks.incrementAndGet();
    }

    int taskCount() {
        return tasks.get();
    }

    synchronized OptionalLong balanceMicros() {
        return balanceMicros == null ? OptionalLong.empty() : OptionalLong.of(balanceMicros);
    }

    /** Sets the remaining balance; null = unlimited. */
    synchronized void balanceMicros(Long micros) {
        this.balanceMicros = micros;
    }

    /** The rate limit in submits per minute; empty = unlimited. */
    synchronized OptionalInt submitsPerMinute() {
        return submitsPerMinute == 0 ? OptionalInt.empty() : OptionalInt.of(submitsPerMinute);
    }

    /**
     * Sets the rate limit; null = unlimited. The window counts the submits admitted while a limit was set
     * (those of the last minute still count after a change of limit).
     */
    synchronized void submitsPerMinute(Integer limit) {
        this.submitsPerMinute = limit == null ? 0 : limit;
    }

    /**
     * Admits one submit under the rate limit (a sliding window of one minute: at most N submits admitted in
     * any 60 s), recording it when admitted.
     *
     * @return 0 when admitted, else the whole seconds (at least 1) until a submit would be admitted again
     */
    synchronized long admitSubmit(long now) {
        while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
            window.removeFirst();
        }
        if (submitsPerMinute > 0 && window.size() >= submitsPerMinute) {
            long millis = window.peekFirst() + WINDOW_MILLIS - now;
            return Math.max(1, (millis + 999) / 1000);
        }
        if (submitsPerMinute > 0) {
            window.addLast(now);
        }
        return 0;
    }

    /**
     * Debits {@code costMicros} from the balance if it can pay it (always, when unlimited).
     *
     * @return false when the balance is below the cost (nothing debited)
     */
    synchronized boolean debit(long costMicros) {
        if (balanceMicros == null) {
            return true;
        }
        if (costMicros > balanceMicros) {
            return false;
        }
        balanceMicros -= costMicros;
        return true;
    }
}
