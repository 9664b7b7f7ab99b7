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

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

/**
 * All mutable state of one simulated provider: tasks, behaviours, injected faults and delays, counters and
 * the last request seen. Thread-safe.
 *
 * @param <D> the provider's task details
 */
final class ProviderState<D> {

    private final Provider provider;
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

    ProviderState(Provider provider, Behaviour defaultBehaviour) {
        this.provider = provider;
        this.defaultBehaviour = defaultBehaviour;
        for (Operation op : Operation.values()) {
            requests.put(op, new AtomicLong());
            faults.put(op, new InjectionQueue<>());
            delays.put(op, new InjectionQueue<>());
        }
    }

    Provider provider() {
        return provider;
    }

    /** Forgets everything and installs {@code defaults} as the default behaviour. */
    void reset(Behaviour defaults) {
        tasks.clear();
        behaviours.clear();
        defaultBehaviour = defaults;
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
    Admission admit(Operation op, String authorization) {
        requests.get(op).incrementAndGet();
        lastAuthorization.set(authorization);
        if (!isBearer(authorization)) {
            return Admission.rejectedNow(ErrorEnvelope.unauthorized());
        }
        Duration delay = delays.get(op).take().orElse(Duration.ZERO);
        Response fault = faults.get(op).take().map(ErrorEnvelope::forStatus).orElse(null);
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

    void recordSubmitBody(JsonNode body) {
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
    Behaviour behaviourFor(String key) {
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

    SimulatedTask<D> add(SimulatedTask<D> task) {
        tasks.put(task.id(), task);
        lastTaskId.set(task.id());
        return task;
    }

    Optional<SimulatedTask<D>> task(String id) {
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
    Uni<Response> trackPoll(SimulatedTask<D> task, Uni<Response> answer) {
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
