package io.reef.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.All;

/**
 * In-process control of the simulated providers: behaviours, fault injection and observation, for each
 * provider by its name ({@link SimulatedProvider#name()}, as stored on jobs). Tests inject this bean;
 * other processes use the HTTP control API under {@code /sim/control}. The Java API works whether or not
 * the HTTP endpoints are enabled. A name no simulated provider has is an error
 * ({@link IllegalArgumentException}), never another provider's state. Thread-safe.
 *
 * <p>
 * Every distinct bearer key is one account of the provider, as with a real provider: a task/job belongs
 * to the account that created it (another key's poll or cancel of it is a 404), and each account has its
 * own counters and, when set, its own balance, rate limit and faults. An account the caller configured
 * nothing for is unlimited. The methods taking an {@code apiKey} take the raw key (what follows
 * {@code Bearer }); a key is never logged nor answered over HTTP.
 */
@ApplicationScoped
public class Simulator {

    private final SimulatorConfig config;
    private final TreeMap<String, SimulatedProvider<?>> providers;

    @Inject
    public Simulator(SimulatorConfig config, @All List<SimulatedProvider<?>> simulated) {
        this.config = config;
        TreeMap<String, SimulatedProvider<?>> byName = new TreeMap<>();
        for (SimulatedProvider<?> provider : simulated) {
            SimulatedProvider<?> other = byName.putIfAbsent(provider.name(), provider);
            if (other != null) {
                throw new IllegalStateException("two simulated providers are named '" + provider.name() + "'");
            }
        }
        this.providers = byName;
    }

    /** Whether the simulator's HTTP endpoints are enabled ({@code reef.simulator.enabled}). */
    public boolean enabled() {
        return config.enabled();
    }

    /** The names of the simulated providers, sorted. */
    public NavigableSet<String> names() {
        return Collections.unmodifiableNavigableSet(providers.navigableKeySet());
    }

    /** Whether a simulated provider has this name. */
    public boolean knows(String provider) {
        return provider != null && providers.containsKey(provider);
    }

    /**
     * Forgets all tasks/jobs, per-key behaviours, injected faults and delays, counters, recorded requests
     * and accounts (balances, rate limits, their faults and counters) of every provider; default behaviours
     * go back to the configured ones.
     */
    public void reset() {
        providers.values().forEach(p -> p.state().reset());
    }

    // ---- behaviours ---------------------------------------------------------------------------------

    /**
     * Sets the behaviour of {@code provider}'s new tasks for {@code key} (a model, a mode: see
     * {@link SimulatedProvider#behaviourKeys()}); existing tasks keep theirs.
     */
    public void behaviour(String provider, String key, Behaviour behaviour) {
        state(provider).behaviour(Objects.requireNonNull(key, "key"), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** Sets the behaviour of {@code provider}'s new tasks for keys without their own. */
    public void defaultBehaviour(String provider, Behaviour behaviour) {
        state(provider).defaultBehaviour(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The current default behaviour of {@code provider} (e.g. to derive one with {@code toBuilder()}). */
    public Behaviour defaultBehaviour(String provider) {
        return state(provider).defaultBehaviour();
    }

    /** The behaviour new tasks of {@code key} would get. */
    public Behaviour behaviourFor(String provider, String key) {
        return state(provider).behaviourFor(key);
    }

    /** What {@code provider}'s behaviours are set for, as a control API path segment (e.g. {@code models}). */
    public String behaviourKeys(String provider) {
        return provider(provider).behaviourKeys();
    }

    // ---- faults -------------------------------------------------------------------------------------

    /**
     * Makes the next {@code count} {@code op} requests to {@code provider} answer {@code status} in the
     * provider's error envelope ({@code Retry-After: 5} on 429, {@code 30} on 503 in the standard one)
     * without doing any work (a faulted submit creates no task). Queued after earlier injected faults for
     * the same operation.
     */
    public void injectFault(String provider, Operation op, int status, int count) {
        checkStatus(status);
        state(provider).injectFault(Objects.requireNonNull(op, "op"), status, count);
    }

    /**
     * Makes the next {@code count} {@code op} requests to {@code provider} wait {@code delay} (non-blocking)
     * before answering. The work is done on arrival: a delayed submit creates its task immediately and a
     * delayed cancel cancels immediately; a delayed poll reports the status at answer time. Combines with
     * {@link #injectFault}: the request is delayed, then answers the fault.
     */
    public void injectDelay(String provider, Operation op, Duration delay, int count) {
        checkDelay(delay);
        state(provider).injectDelay(Objects.requireNonNull(op, "op"), delay, count);
    }

    // ---- accounts -----------------------------------------------------------------------------------

    /**
     * Sets the remaining balance of an account, in micro-dollars: each accepted submit is then debited its
     * cost ({@link SimulatedProvider#costMicros}); a submit that costs more than what remains answers 402 in
     * the provider's envelope and creates nothing.
     */
    public void accountBalance(String provider, String apiKey, long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("balance must be >= 0: " + micros);
        }
        state(provider).account(key(apiKey)).balanceMicros(micros);
    }

    /** The account's balance becomes unlimited again (the default). */
    public void clearAccountBalance(String provider, String apiKey) {
        state(provider).account(key(apiKey)).balanceMicros(null);
    }

    /** The account's remaining balance in micro-dollars; empty = unlimited. */
    public OptionalLong accountBalance(String provider, String apiKey) {
        return account(provider, apiKey).map(SimulatedAccount::balanceMicros).orElse(OptionalLong.empty());
    }

    /**
     * Limits an account to {@code submitsPerMinute} submits in any 60 seconds (a sliding window over the
     * submits it admitted); beyond it a submit answers 429 with {@code Retry-After} (whole seconds until one
     * would be admitted again, at least 1) and creates nothing.
     */
    public void accountRateLimit(String provider, String apiKey, int submitsPerMinute) {
        if (submitsPerMinute < 1) {
            throw new IllegalArgumentException("submitsPerMinute must be >= 1: " + submitsPerMinute);
        }
        state(provider).account(key(apiKey)).submitsPerMinute(submitsPerMinute);
    }

    /** The account has no rate limit again (the default). */
    public void clearAccountRateLimit(String provider, String apiKey) {
        state(provider).account(key(apiKey)).submitsPerMinute(null);
    }

    /** The account's rate limit in submits per minute; empty = unlimited. */
    public OptionalInt accountRateLimit(String provider, String apiKey) {
        return account(provider, apiKey).map(SimulatedAccount::submitsPerMinute).orElse(OptionalInt.empty());
    }

    /**
     * Like {@link #injectFault(String, Operation, int, int)}, for the next {@code count} {@code op} requests
     * carrying {@code apiKey} only. An account's faults are taken before the provider-wide ones and before
     * its balance and rate limit are looked at.
     */
    public void injectFault(String provider, Operation op, int status, int count, String apiKey) {
        checkStatus(status);
        state(provider).account(key(apiKey)).injections().injectFault(Objects.requireNonNull(op, "op"), status, count);
    }

    /**
     * Like {@link #injectDelay(String, Operation, Duration, int)}, for the next {@code count} {@code op}
     * requests carrying {@code apiKey} only (taken before the provider-wide ones).
     */
    public void injectDelay(String provider, Operation op, Duration delay, int count, String apiKey) {
        checkDelay(delay);
        state(provider).account(key(apiKey)).injections().injectDelay(Objects.requireNonNull(op, "op"), delay, count);
    }

    /** Submit requests carrying {@code apiKey} (including refused ones: faults, rate limit, balance, 400s). */
    public long submits(String provider, String apiKey) {
        return account(provider, apiKey).map(a -> a.requests(Operation.SUBMIT)).orElse(0L);
    }

    /** Poll requests carrying {@code apiKey} (including faulted ones and 404s). */
    public long polls(String provider, String apiKey) {
        return account(provider, apiKey).map(a -> a.requests(Operation.POLL)).orElse(0L);
    }

    /** Cancel requests carrying {@code apiKey} (including faulted ones and 404s). */
    public long cancels(String provider, String apiKey) {
        return account(provider, apiKey).map(a -> a.requests(Operation.CANCEL)).orElse(0L);
    }

    /** Number of tasks/jobs {@code apiKey}'s account created since the last reset. */
    public int taskCount(String provider, String apiKey) {
        return account(provider, apiKey).map(SimulatedAccount::taskCount).orElse(0);
    }

    /** Number of {@code op} requests carrying {@code apiKey} still to be hit by a fault injected for it. */
    public int pendingFaults(String provider, Operation op, String apiKey) {
        Objects.requireNonNull(op, "op");
        return account(provider, apiKey).map(a -> a.injections().pendingFaults(op)).orElse(0);
    }

    /** Number of accounts (distinct keys) seen or configured since the last reset. */
    public int accountCount(String provider) {
        return state(provider).accountCount();
    }

    // ---- observation --------------------------------------------------------------------------------

    /** Submit requests received (every attempt, including refused or faulted ones). */
    public long submits(String provider) {
        return state(provider).requests(Operation.SUBMIT);
    }

    /** Poll requests received (every attempt, including unknown ids and faulted ones). */
    public long polls(String provider) {
        return state(provider).requests(Operation.POLL);
    }

    /** Cancel requests received (every attempt). Always 0 for a provider without cancel. */
    public long cancels(String provider) {
        return state(provider).requests(Operation.CANCEL);
    }

    /** A copy of the last submit body that was valid JSON (even if rejected by validation), or null. */
    public JsonNode lastSubmitBody(String provider) {
        return state(provider).lastSubmitBody();
    }

    /**
     * The {@code Authorization} header of the last request to {@code provider} (any operation), verbatim, or
     * null if that request carried none. Never logged nor exposed over HTTP.
     */
    public String lastAuthorization(String provider) {
        return state(provider).lastAuthorization();
    }

    /** Number of tasks/jobs created since the last reset. */
    public int taskCount(String provider) {
        return state(provider).taskCount();
    }

    /** Id of the last task/job created (sync requests create one too), or null. */
    public String lastTaskId(String provider) {
        return state(provider).lastTaskId();
    }

    /** The provider's status word of a task/job now ({@link SimulatedProvider#status}); empty if unknown. */
    public Optional<String> status(String provider, String upstreamId) {
        return status(provider(provider), upstreamId);
    }

    /**
     * Makes a task/job terminal now, with its behaviour's outcome.
     *
     * @return false if unknown or already terminal
     */
    public boolean finishNow(String provider, String upstreamId) {
        ProviderState<?> state = state(provider);
        return state.task(upstreamId).map(t -> t.finishNow(state.now())).orElse(false);
    }

    /**
     * What the provider bills now: every task/job that has completed with an image, by id, with its cost
     * as the provider reports it ({@link SimulatedProvider#billedCost}). Includes tasks whose id the caller
     * never learned or recorded, so a test can compare a gateway's ledger with the provider's bill.
     */
    public Map<String, String> billed(String provider) {
        return billed(provider(provider));
    }

    /**
     * The largest number of polls of one single task/job ever in flight at the same time (only meaningful
     * when polls take time, e.g. with an injected poll delay); above 1 means callers polled concurrently.
     */
    public int maxConcurrentPollsOfOneTask(String provider) {
        return state(provider).maxConcurrentPollsOfOneTask();
    }

    /** Number of {@code op} requests still to be hit by an injected fault. */
    public int pendingFaults(String provider, Operation op) {
        return state(provider).pendingFaults(op);
    }

    /** Number of {@code op} requests still to be hit by an injected delay. */
    public int pendingDelays(String provider, Operation op) {
        return state(provider).pendingDelays(op);
    }

    // ---- internals ----------------------------------------------------------------------------------

    private SimulatedProvider<?> provider(String name) {
        SimulatedProvider<?> provider = name == null ? null : providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("Unknown simulated provider '" + name + "'; known: " + names());
        }
        return provider;
    }

    private ProviderState<?> state(String name) {
        return provider(name).state();
    }

    private Optional<SimulatedAccount> account(String provider, String apiKey) {
        return state(provider).existingAccount(key(apiKey));
    }

    /** A raw key as the simulator knows it (what follows {@code Bearer }, trimmed). */
    private static String key(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be a non-blank key");
        }
        return apiKey.trim();
    }

    private static void checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
    }

    private static void checkDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
    }

    private static <D> Optional<String> status(SimulatedProvider<D> provider, String id) {
        long now = provider.state().now();
        return provider.state().task(id).map(t -> provider.status(t, now));
    }

    private static <D> Map<String, String> billed(SimulatedProvider<D> provider) {
        long now = provider.state().now();
        Map<String, String> billed = new TreeMap<>();
        for (SimulatedTask<D> task : provider.state().tasks()) {
            if (task.phase(now) == SimulatedTask.Phase.DONE && task.outcome() == Outcome.COMPLETE) {
                provider.billedCost(task).ifPresent(cost -> billed.put(task.id(), cost));
            }
        }
        return billed;
    }
}
