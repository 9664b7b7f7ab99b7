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

import io.reef.common.Money;
import io.smallrye.mutiny.Uni;

/**
 * All mutable state of one simulated provider: tasks, behaviours, injected faults and delays, counters,
 * the last request seen and its accounts (one per distinct bearer key, see {@link SimulatedAccount}).
 * Created by the provider's {@link SimulatedProvider} bean; the public methods are what its simulated
 * endpoints use, the rest is driven by the core ({@link Simulator}). Thread-safe.
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
    private final Injections injections = new Injections();

    private final AtomicReference<JsonNode> lastSubmitBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final AtomicReference<String> lastTaskId = new AtomicReference<>();
    private final AtomicInteger maxConcurrentPollsOfOneTask = new AtomicInteger();
    /** The accounts by bearer key (in memory only: never logged nor answered). */
    private final ConcurrentHashMap<String, SimulatedAccount> accounts = new ConcurrentHashMap<>();

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
        injections.clear();
        for (Operation op : Operation.values()) {
            requests.get(op).set(0);
        }
        lastSubmitBody.set(null);
        lastAuthorization.set(null);
        lastTaskId.set(null);
        maxConcurrentPollsOfOneTask.set(0);
        accounts.clear();
    }

    /**
     * The front door of every provider request: counts it (for the provider and for the account its bearer
     * key names), records its {@code Authorization} header, checks it carries a bearer token, takes the next
     * injected delay and fault for the operation (the account's own first, then the provider-wide ones) and,
     * for a submit that no fault hit, applies the account's rate limit.
     */
    public Admission admit(Operation op, String authorization) {
        requests.get(op).incrementAndGet();
        lastAuthorization.set(authorization);
        String key = bearerKey(authorization);
        if (key == null) {
            return Admission.rejectedNow(errors.unauthorized());
        }
        SimulatedAccount account = account(key);
        account.count(op);
        Duration delay = account.injections().takeDelay(op).or(() -> injections.takeDelay(op)).orElse(Duration.ZERO);
        Optional<Integer> fault = account.injections().takeFault(op).or(() -> injections.takeFault(op));
        if (fault.isPresent()) {
            return new Admission(delay, errors.fault(fault.get()), account);
        }
        if (op == Operation.SUBMIT) {
            long retryAfter = account.admitSubmit(now());
            if (retryAfter > 0) {
                return new Admission(delay, errors.rateLimited("Rate limit exceeded: at most "
                        + account.submitsPerMinute().orElse(0) + " submits per minute", retryAfter), account);
            }
        }
        return new Admission(delay, null, account);
    }

    /** The key of a {@code Bearer <key>} header (trimmed), or null when it carries none. */
    private static String bearerKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.substring(7).isBlank()) {
            return null;
        }
        return value.substring(7).trim();
    }

    /** The account of a bearer key, created (unlimited) on first use. */
    SimulatedAccount account(String key) {
        return accounts.computeIfAbsent(key, k -> new SimulatedAccount());
    }

    /** The account of a bearer key if it has been seen or configured since the last reset. */
    Optional<SimulatedAccount> existingAccount(String key) {
        return Optional.ofNullable(accounts.get(key));
    }

    int accountCount() {
        return accounts.size();
    }

    void injectFault(Operation op, int status, int count) {
        injections.injectFault(op, status, count);
    }

    void injectDelay(Operation op, Duration delay, int count) {
        injections.injectDelay(op, delay, count);
    }

    /** Number of requests still to be hit by an injected fault for {@code op}. */
    int pendingFaults(Operation op) {
        return injections.pendingFaults(op);
    }

    /** Number of requests still to be hit by an injected delay for {@code op}. */
    int pendingDelays(Operation op) {
        return injections.pendingDelays(op);
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

    /**
     * Creates {@code task} for {@code account} (it becomes the account's and the last task id) if the
     * account's balance can pay {@code costMicros}, which it is debited.
     *
     * @return empty when created, else the provider's 402 (nothing created, nothing debited)
     */
    Optional<Response> open(SimulatedAccount account, SimulatedTask<D> task, long costMicros) {
        if (!account.debit(costMicros)) {
            return Optional.of(errors.insufficientBalance("Insufficient wallet balance: this request costs "
                    + Money.formatDollars(costMicros) + ", more than the account's remaining balance"));
        }
        task.ownedBy(account);
        tasks.put(task.id(), task);
        lastTaskId.set(task.id());
        account.taskCreated();
        return Optional.empty();
    }

    /** The task with this id, if any, whichever account created it (the control API's view). */
    public Optional<SimulatedTask<D>> task(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tasks.get(id));
    }

    /**
     * The task with this id if the account of {@code admission} created it: what a poll or cancel may see
     * (another account's task is as unknown as an id never issued). Empty when the request named no account.
     */
    public Optional<SimulatedTask<D>> taskOf(Admission admission, String id) {
        SimulatedAccount account = admission.account();
        return task(id).filter(task -> account != null && task.owner() == account);
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
