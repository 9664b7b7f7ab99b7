package io.reef.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * In-process control of the provider simulator: behaviours, fault injection and observation. Tests inject
 * this bean; other processes use the HTTP control API under {@code /sim/control}. The Java API works whether
 * or not the HTTP endpoints are enabled. Thread-safe.
 */
@ApplicationScoped
public class Simulator {

    private final SimulatorConfig config;
    private final ProviderState<SharkAiTaskDetails> sharkAi;
    private final ProviderState<SharkApiJobDetails> sharkApi;

    @Inject
    public Simulator(SimulatorConfig config) {
        this.config = config;
        this.sharkAi = new ProviderState<>(Provider.SHARK_AI, configuredDefault());
        this.sharkApi = new ProviderState<>(Provider.SHARK_API, configuredDefault());
    }

    /** Whether the simulator's HTTP endpoints are enabled ({@code reef.simulator.enabled}). */
    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Forgets all tasks/jobs, per-model/mode behaviours, injected faults and delays, counters and recorded
     * requests of both providers; default behaviours go back to the configured ones.
     */
    public void reset() {
        sharkAi.reset(configuredDefault());
        sharkApi.reset(configuredDefault());
    }

    // ---- behaviours ---------------------------------------------------------------------------------

    /** Sets the behaviour of new Shark AI tasks for {@code model} (existing tasks keep theirs). */
    public void sharkAiModel(String model, Behaviour behaviour) {
        sharkAi.behaviour(Objects.requireNonNull(model, "model"), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** Sets the behaviour of new Shark AI tasks for models without their own. */
    public void sharkAiDefault(Behaviour behaviour) {
        sharkAi.defaultBehaviour(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** Sets the behaviour of new SharkAPI jobs of {@code mode} ({@code 1k}/{@code 2k}). */
    public void sharkApiMode(String mode, Behaviour behaviour) {
        sharkApi.behaviour(Objects.requireNonNull(mode, "mode"), Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** Sets the behaviour of new SharkAPI jobs of modes without their own. */
    public void sharkApiDefault(Behaviour behaviour) {
        sharkApi.defaultBehaviour(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The current default behaviour of {@code provider} (e.g. to derive one with {@code toBuilder()}). */
    public Behaviour defaultBehaviour(Provider provider) {
        return state(provider).defaultBehaviour();
    }

    /** The behaviour new tasks of {@code modelOrMode} would get. */
    public Behaviour behaviourFor(Provider provider, String modelOrMode) {
        return state(provider).behaviourFor(modelOrMode);
    }

    // ---- faults -------------------------------------------------------------------------------------

    /**
     * Makes the next {@code count} {@code op} requests to {@code provider} answer {@code status} with the
     * error envelope ({@code Retry-After: 5} on 429, {@code 30} on 503) without doing any work (a faulted
     * submit creates no task). Queued after earlier injected faults for the same operation.
     */
    public void injectFault(Provider provider, Operation op, int status, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        state(provider).injectFault(Objects.requireNonNull(op, "op"), status, count);
    }

    /**
     * Makes the next {@code count} {@code op} requests to {@code provider} wait {@code delay} (non-blocking)
     * before answering. The work is done on arrival: a delayed submit creates its task immediately and a
     * delayed cancel cancels immediately; a delayed poll reports the status at answer time. Combines with
     * {@link #injectFault}: the request is delayed, then answers the fault.
     */
    public void injectDelay(Provider provider, Operation op, Duration delay, int count) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        state(provider).injectDelay(Objects.requireNonNull(op, "op"), delay, count);
    }

    // ---- observation --------------------------------------------------------------------------------

    /** Submit requests received (every attempt, including refused or faulted ones). */
    public long submits(Provider provider) {
        return state(provider).requests(Operation.SUBMIT);
    }

    /** Poll requests received (every attempt, including unknown ids and faulted ones). */
    public long polls(Provider provider) {
        return state(provider).requests(Operation.POLL);
    }

    /** Cancel requests received (every attempt). Always 0 for SharkAPI, which has no cancel. */
    public long cancels(Provider provider) {
        return state(provider).requests(Operation.CANCEL);
    }

    /** A copy of the last submit body that was valid JSON (even if rejected by validation), or null. */
    public JsonNode lastSubmitBody(Provider provider) {
        return state(provider).lastSubmitBody();
    }

    /**
     * The {@code Authorization} header of the last request to {@code provider} (any operation), verbatim, or
     * null if that request carried none. Never logged nor exposed over HTTP.
     */
    public String lastAuthorization(Provider provider) {
        return state(provider).lastAuthorization();
    }

    /** Number of tasks/jobs created since the last reset. */
    public int taskCount(Provider provider) {
        return state(provider).taskCount();
    }

    /** Id of the last task/job created (Shark AI sync requests create one too), or null. */
    public String lastTaskId(Provider provider) {
        return state(provider).lastTaskId();
    }

    /**
     * The provider's status word of a task/job now ({@code pending|running|completed|failed|cancelled} for
     * Shark AI, {@code queued|processing|complete|failed|moderated} for SharkAPI); empty if unknown.
     */
    public Optional<String> status(Provider provider, String upstreamId) {
        long now = now();
        if (provider == Provider.SHARK_AI) {
            return sharkAi.task(upstreamId).map(t -> SharkAiSimulator.status(t, now));
        }
        return sharkApi.task(upstreamId).map(t -> SharkApiSimulator.status(t, now));
    }

    /**
     * Makes a task/job terminal now, with its behaviour's outcome.
     *
     * @return false if unknown or already terminal
     */
    public boolean finishNow(Provider provider, String upstreamId) {
        return state(provider).task(upstreamId).map(t -> t.finishNow(now())).orElse(false);
    }

    /**
     * What the provider bills now: every task/job that has completed with an image, by id, with
     * its cost as the provider reports it (Shark AI: {@code credit}, e.g. {@code "400"}; SharkAPI:
     * the final {@code cost}, e.g. {@code "$0.01"}). Includes tasks whose id the caller never
     * learned or recorded, so a test can compare a gateway's ledger with the provider's bill.
     */
    public Map<String, String> billed(Provider provider) {
        long now = now();
        Map<String, String> billed = new TreeMap<>();
        if (provider == Provider.SHARK_AI) {
            sharkAi.tasks().stream()
                    .filter(t -> t.phase(now) == SimulatedTask.Phase.DONE && t.outcome() == Outcome.COMPLETE)
                    .forEach(t -> billed.put(t.id(), t.behaviour().credit().toPlainString()));
        } else {
            sharkApi.tasks().stream()
                    .filter(t -> t.phase(now) == SimulatedTask.Phase.DONE && t.outcome() == Outcome.COMPLETE
                            && t.details().finalCost() != null)
                    .forEach(t -> billed.put(t.id(), t.details().finalCost()));
        }
        return billed;
    }

    /**
     * The largest number of polls of one single task/job ever in flight at the same time (only meaningful
     * when polls take time, e.g. with an injected poll delay); above 1 means callers polled concurrently.
     */
    public int maxConcurrentPollsOfOneTask(Provider provider) {
        return state(provider).maxConcurrentPollsOfOneTask();
    }

    /** Number of {@code op} requests still to be hit by an injected fault. */
    public int pendingFaults(Provider provider, Operation op) {
        return state(provider).pendingFaults(op);
    }

    /** Number of {@code op} requests still to be hit by an injected delay. */
    public int pendingDelays(Provider provider, Operation op) {
        return state(provider).pendingDelays(op);
    }

    // ---- internals ----------------------------------------------------------------------------------

    ProviderState<SharkAiTaskDetails> sharkAi() {
        return sharkAi;
    }

    ProviderState<SharkApiJobDetails> sharkApi() {
        return sharkApi;
    }

    ProviderState<?> state(Provider provider) {
        return Objects.requireNonNull(provider, "provider") == Provider.SHARK_AI ? sharkAi : sharkApi;
    }

    long now() {
        return System.currentTimeMillis();
    }

    /** SharkAPI list price of {@code mode} as a dollar string, e.g. {@code "$0.02"}; null for other modes. */
    String sharkApiListPrice(String mode) {
        BigDecimal price;
        if ("1k".equals(mode)) {
            price = config.sharkapi().price1k();
        } else if ("2k".equals(mode)) {
            price = config.sharkapi().price2k();
        } else {
            return null;
        }
        return "$" + price.setScale(Math.max(2, price.scale())).toPlainString();
    }

    private Behaviour configuredDefault() {
        return Behaviour.builder()
                .pendingMillis(config.pendingMillis())
                .runningMillis(config.runningMillis())
                .credit(config.sharkai().credit())
                .build();
    }
}
