package io.reef.simulator;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * All mutable state of one simulated provider: tasks, behaviours, injected faults and delays, counters and
 * the last request seen. Created by the provider's {@link SimulatedProvider} bean; the public methods are
 * what its simulated endpoints use, the rest is driven by the core ({@link Simulator}). Thread-safe.
 *
 * @param <D> the provider's task details
 */
public final class ProviderState<D> {

    private final String name;
    private final Supplier<Behaviour> defaults;
    private final SimulatedErrors errors;
    private final ConcurrentHashMap<String, SimulatedTask<D>> tasks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private volatile Behaviour defaultBehaviour;

    private final Map<Operation, AtomicLong> requests = new EnumMap<>(Operation.class);
    private final Map<Operation, InjectionQueue<Integer>> faults = new EnumMap<>(Operation.class);
    private final Map<Operation, InjectionQueue<Duration>> delays = new EnumMap<>(Operation.class);

    private final AtomicReference<JsonNode> lastSubmitBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final AtomicReference<String> lastTaskId = new AtomicReference<>();
    private final AtomicInteger maxConcurrentPollsOfOneTask = new AtomicInteger();

    /**
     * @param name the provider's name ({@link SimulatedProvider#name()})
     * @param defaults the configured default behaviour, installed now and on every reset
     * @param errors how the provider answers a missing key, an injected fault, an invalid request
     */
    public ProviderState(String name, Supplier<Behaviour> defaults, SimulatedErrors errors) {
        this.name = name;
        this.defaults = defaults;
        this.errors = errors;
        this.defaultBehaviour = defaults.get();
        for (Operation op : Operation.values()) {
            requests.put(op, new AtomicLong());
            faults.put(op, new InjectionQueue<>());
            delays.put(op, new InjectionQueue<>());
        }
    }

    /** The provider's name. */
    public String name() {
        return name;
    }

    /** How the provider answers errors. */
    public SimulatedErrors errors() {
        return errors;
    }

    /** The current time, epoch millis: the clock every simulated task's phase is read against. */
    public long now() {
        return System.currentTimeMillis();
    }

    /** Forgets everything and installs the configured default behaviour again. */
    void reset() {
        tasks.clear();
        behaviours.clear();
        defaultBehaviour = defaults.get();
        for (Operation op : Operation.values()) {
            requests.get(op).set(0);
            faults.get(op).clear();
            delays.get(op).clear();
        }
        lastSubmitBody.set(null);
        lastAuthorization.set(null);
        lastTaskId.set(null);
        maxConcurrentPollsOfOneTask.set(0);
    }

    /**
     * The front door of every provider request: counts it, records its {@code Authorization} header, checks
     * it carries a bearer token, and takes the next injected delay and fault for the operation.
     */
    public Admission admit(Operation op, String authorization) {
        requests.get(op).incrementAndGet();
        lastAuthorization.set(authorization);
        if (!isBearer(authorization)) {
            return Admission.rejectedNow(errors.unauthorized());
        }
        Duration delay = delays.get(op).take().orElse(Duration.ZERO);
        Response fault = faults.get(op).take().map(errors::fault).orElse(null);
        return new Admission(delay, fault);
    }

    private static boolean isBearer(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) && !value.substring(7).isBlank();
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

    long requests(Operation op) {
        return requests.get(op).get();
    }

    /** Keeps a submit body (valid JSON) for {@link Simulator#lastSubmitBody(String)}. */
    public void recordSubmitBody(JsonNode body) {
        lastSubmitBody.set(body);
    }

    JsonNode lastSubmitBody() {
        JsonNode body = lastSubmitBody.get();
        return body == null ? null : body.deepCopy();
    }

    String lastAuthorization() {
        return lastAuthorization.get();
    }

    String lastTaskId() {
        return lastTaskId.get();
    }

    /** The behaviour for a model/mode: its own if set, else the default. */
    public Behaviour behaviourFor(String key) {
        Behaviour own = key == null ? null : behaviours.get(key);
        return own != null ? own : defaultBehaviour;
    }

    void behaviour(String key, Behaviour behaviour) {
        behaviours.put(key, behaviour);
    }

    Behaviour defaultBehaviour() {
        return defaultBehaviour;
    }

    void defaultBehaviour(Behaviour behaviour) {
        this.defaultBehaviour = behaviour;
    }

    /** Registers a new task (it becomes the last task id). */
    public SimulatedTask<D> add(SimulatedTask<D> task) {
        tasks.put(task.id(), task);
        lastTaskId.set(task.id());
        return task;
    }

    /** The task with this id, if any. */
    public Optional<SimulatedTask<D>> task(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tasks.get(id));
    }

    Collection<SimulatedTask<D>> tasks() {
        return tasks.values();
    }

    int taskCount() {
        return tasks.size();
    }

    /**
     * Counts {@code answer} as a poll of {@code task} in flight from subscription until it terminates (item,
     * failure or cancellation), for {@link #maxConcurrentPollsOfOneTask()}.
     */
    public Uni<Response> trackPoll(SimulatedTask<D> task, Uni<Response> answer) {
        if (task == null) {
            return answer;
        }
        return answer
                .onSubscription().invoke(() -> maxConcurrentPollsOfOneTask.accumulateAndGet(
                        task.pollStarted(), Math::max))
                .onTermination().invoke(task::pollFinished);
    }

    int maxConcurrentPollsOfOneTask() {
        return maxConcurrentPollsOfOneTask.get();
    }
}
