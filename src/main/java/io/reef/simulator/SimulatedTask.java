package io.reef.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated upstream task/job. Its phase is a function of time: {@link Phase#PENDING} from creation for
 * {@link Behaviour#pendingMillis()}, then {@link Phase#RUNNING} for {@link Behaviour#runningMillis()}, then
 * {@link Phase#DONE} with the behaviour's outcome — unless cancelled while pending, finished early, or
 * timed out (then it fails at the timeout). Thread-safe.
 *
 * @param <D> provider-specific details (what the provider needs to render the task)
 */
public final class SimulatedTask<D> {

    /** Provider-neutral phase of a task. */
    public enum Phase {
        PENDING,
        RUNNING,
        DONE,
        CANCELLED
    }

    private final String id;
    private final Behaviour behaviour;
    private final long createdAtMillis;
    private volatile boolean timedOut;
    private final D details;
    /** The account that created the task (set once, when it is created). */
    private volatile SimulatedAccount owner;

    private long runningAtMillis;
    private long doneAtMillis;
    private long cancelledAtMillis = -1;

    private final AtomicInteger pollsInFlight = new AtomicInteger();
    private final AtomicInteger maxPollsInFlight = new AtomicInteger();

    /**
     * @param timeoutMillis the provider's wait limit; when the behaviour would take longer, the task fails
     *        at this time instead; {@code <= 0} for none
     */
    public SimulatedTask(String id, long createdAtMillis, Behaviour behaviour, long timeoutMillis, D details) {
        this.id = id;
        this.createdAtMillis = createdAtMillis;
        this.behaviour = behaviour;
        this.details = details;
        long runningAt = createdAtMillis + behaviour.pendingMillis();
        long doneAt = runningAt + behaviour.runningMillis();
        this.timedOut = timeoutMillis > 0 && doneAt - createdAtMillis > timeoutMillis;
        if (timedOut) {
            doneAt = createdAtMillis + timeoutMillis;
            runningAt = Math.min(runningAt, doneAt);
        }
        this.runningAtMillis = runningAt;
        this.doneAtMillis = doneAt;
    }

    public String id() {
        return id;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public D details() {
        return details;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    /** The account that created the task; only its key polls or cancels it. */
    SimulatedAccount owner() {
        return owner;
    }

    void ownedBy(SimulatedAccount account) {
        this.owner = account;
    }

    /** Whether the task ran into its timeout (it then ends as failed whatever the behaviour's outcome). */
    public boolean timedOut() {
        return timedOut;
    }

    /** The outcome of a {@link Phase#DONE} task: the behaviour's, or {@link Outcome#FAIL} when timed out. */
    public Outcome outcome() {
        return timedOut ? Outcome.FAIL : behaviour.outcome();
    }

    public synchronized long doneAtMillis() {
        return doneAtMillis;
    }

    public synchronized Phase phase(long now) {
        if (cancelledAtMillis >= 0) {
            return Phase.CANCELLED;
        }
        if (now < runningAtMillis) {
            return Phase.PENDING;
        }
        return now < doneAtMillis ? Phase.RUNNING : Phase.DONE;
    }

    /** Milliseconds until the task is terminal (done or cancelled); 0 when it already is. */
    public synchronized long millisUntilTerminal(long now) {
        if (cancelledAtMillis >= 0) {
            return 0;
        }
        return Math.max(0, doneAtMillis - now);
    }

    /**
     * Cancels the task if it is still pending.
     *
     * @return the phase after the attempt: {@link Phase#CANCELLED} on success (or if it already was)
     */
    public synchronized Phase cancel(long now) {
        Phase phase = phase(now);
        if (phase == Phase.PENDING) {
            cancelledAtMillis = now;
            return Phase.CANCELLED;
        }
        return phase;
    }

    /**
     * Makes the task terminal now, with its behaviour's outcome (it no longer times out), unless it is
     * already terminal.
     *
     * @return true if the task changed
     */
    synchronized boolean finishNow(long now) {
        Phase phase = phase(now);
        if (phase == Phase.DONE || phase == Phase.CANCELLED) {
            return false;
        }
        runningAtMillis = Math.min(runningAtMillis, now);
        doneAtMillis = now;
        timedOut = false; // finished before its timeout
        return true;
    }

    /** Records the start of a poll of this task; returns the number of polls now in flight. */
    int pollStarted() {
        int inFlight = pollsInFlight.incrementAndGet();
        maxPollsInFlight.accumulateAndGet(inFlight, Math::max);
        return inFlight;
    }

    /** Records the end of a poll of this task. */
    void pollFinished() {
        pollsInFlight.decrementAndGet();
    }

    /** The most polls of this task ever in flight at once. */
    int maxPollsInFlight() {
        return maxPollsInFlight.get();
    }
}
