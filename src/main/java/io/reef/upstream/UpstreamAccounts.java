package io.reef.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.common.ReefMetrics;
import io.reef.common.Workers;
import io.reef.event.UpstreamAlerts;

/**
 * The upstream accounts of every provider and where each stands: which accounts take new jobs
 * (weighted, among the healthy), what a refusal does to an account, and which account a job's
 * polls and cancels use (always the one that created it).
 *
 * <p>
 * States are shared by every replica through {@code upstream_account} (V8). A replica that sees a
 * refusal changes its own view at once (its next submit already avoids the account) and writes
 * the change; every replica reads all states back every {@code refresh-interval}, so an account
 * one replica took out of rotation is out on the others within that interval. An account is
 * healthy when it is {@code active}, or {@code cooling_down} with its cool-down over (it needs no
 * write to come back).
 */
@ApplicationScoped
public class UpstreamAccounts {

    private static final Logger LOG = Logger.getLogger(UpstreamAccounts.class);

    private final UpstreamAccountRepository repository;
    private final UpstreamAccountsConfig config;
    private final UpstreamAlerts alerts;
    private final ReefMetrics metrics;
    private final ReefClock clock;
    /** provider -> its accounts, in name order. */
    private final Map<String, List<UpstreamAccount>> byProvider = new ConcurrentHashMap<>();
    /** "provider/name" -> state. */
    private final Map<String, Status> states = new ConcurrentHashMap<>();
    /** Accounts that jobs name but the configuration no longer has, already alerted on. */
    private final java.util.Set<String> unconfiguredAlerted = ConcurrentHashMap.newKeySet();

    public UpstreamAccounts(UpstreamAccountRepository repository, UpstreamAccountsConfig config, UpstreamAlerts alerts,
            ReefMetrics metrics, ReefClock clock) {
        this.repository = repository;
        this.config = config;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * An account's state as this replica last knew it, and since when ({@code since}: the row's
     * {@code updated_at}, or when this replica changed it itself).
     */
    public record Status(AccountState state, Instant coolUntil, String lastError, Instant lastErrorAt, Instant since) {

        static final Status ACTIVE = new Status(AccountState.ACTIVE, null, null, null, Instant.EPOCH);

        boolean takesJobs(Instant now) {
            return state == AccountState.ACTIVE
                    || (state == AccountState.COOLING_DOWN && (coolUntil == null || !coolUntil.isAfter(now)));
        }

        /** As the operator sees it: a cool-down that is over is active again. */
        AccountState shown(Instant now) {
            return state == AccountState.COOLING_DOWN && takesJobs(now) ? AccountState.ACTIVE : state;
        }
    }

    /**
     * A provider's accounts (from its settings, see {@link AccountConfig#of}); called once per
     * provider at start-up, before any job is submitted. Writes a row for each new account.
     */
    public void declare(String provider, List<AccountConfig> accounts) {
        List<UpstreamAccount> built = accounts.stream().map(a -> new UpstreamAccount(provider, a, config)).toList();
        byProvider.put(provider, built);
        Instant now = clock.now();
        for (UpstreamAccount account : built) {
            repository.ensure(provider, account.name(), now);
        }
        refresh();
        LOG.infof("Upstream accounts of %s: %s", provider, built);
    }

    /**
     * Reads every account's state back (another replica may have changed it). A change this
     * replica made and has not written yet (the write is asynchronous) is not undone by an older row.
     */
    @Scheduled(every = "${reef.upstream-accounts.refresh-interval:2S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (UpstreamAccountRepository.Row row : repository.all()) {
            Status stored = new Status(row.state(), row.coolUntil(), row.lastError(), row.lastErrorAt(), row.updatedAt());
            states.merge(key(row.provider(), row.name()), stored,
                    (mine, theirs) -> theirs.since().isBefore(mine.since()) ? mine : theirs);
        }
    }

    /**
     * The healthy accounts of a provider in the order a new job tries them: a weighted random
     * order (each next account drawn among the rest with probability weight / their total
     * weight), each account once. Empty: no account can take a job now.
     */
    public List<UpstreamAccount> routeOrder(String provider) {
        Instant now = clock.now();
        List<UpstreamAccount> left = new ArrayList<>();
        for (UpstreamAccount account : accounts(provider)) {
            if (status(account).takesJobs(now)) {
                left.add(account);
            }
        }
        List<UpstreamAccount> order = new ArrayList<>(left.size());
        while (!left.isEmpty()) {
            int total = left.stream().mapToInt(UpstreamAccount::weight).sum();
            int draw = ThreadLocalRandom.current().nextInt(total);
            for (int i = 0; i < left.size(); i++) {
                draw -= left.get(i).weight();
                if (draw < 0) {
                    order.add(left.remove(i));
                    break;
                }
            }
        }
        return order;
    }

    /**
     * The account a job was created on (a job written before accounts existed: {@value
     * AccountConfig#DEFAULT}), in whatever state it is: its jobs are polled, cancelled and charged
     * through it to the end. A 503 if the account is no longer configured (an operator alert).
     */
    public UpstreamAccount forJob(String provider, String accountName) {
        String name = accountName != null ? accountName : AccountConfig.DEFAULT;
        return find(provider, name).orElseThrow(() -> {
            if (unconfiguredAlerted.add(key(provider, name))) { // once per account and replica, not per poll
                LOG.errorf("OPERATOR ALERT: a %s job was created on upstream account '%s', which is no longer configured: "
                        + "configure it again (it may be drained) so its jobs can be polled and charged", provider, name);
            }
            return new ApiException(503, "upstream_unavailable", "The generation service is temporarily unavailable",
                    config.noAccountRetryAfter().toSeconds());
        });
    }

    public Optional<UpstreamAccount> find(String provider, String name) {
        return accounts(provider).stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The tenant's error when no account of the provider can take a job: 503, retry when the first cool-down ends. */
    public ApiException noneAvailable(String provider) {
        Instant now = clock.now();
        long retryAfter = config.noAccountRetryAfter().toSeconds();
        for (UpstreamAccount account : accounts(provider)) {
            Status status = status(account);
            if (status.state() == AccountState.COOLING_DOWN && status.coolUntil() != null) {
                long millis = Duration.between(now, status.coolUntil()).toMillis();
                retryAfter = Math.min(retryAfter, Math.max(1, (millis + 999) / 1000)); // whole seconds, rounded up
            }
        }
        return new ApiException(503, "upstream_unavailable", "The generation service is temporarily unavailable",
                retryAfter);
    }

    /**
     * What an account's answer says about the account: a 429 cools it down (for its
     * {@code Retry-After}, else the configured cool-down); a 401/402/403 means the reseller's
     * account needs attention: out of rotation, one {@code upstream.account.alert} event, until an
     * operator sets it active. Anything else says nothing about the account.
     *
     * @return true if the answer refused the account (the job was not created)
     */
    public boolean refusedBy(UpstreamAccount account, int status, Long retryAfterSeconds) {
        Instant now = clock.now();
        return switch (status) {
            case 429 -> {
                coolDown(account, retryAfterSeconds, now);
                yield true;
            }
            case 401, 402, 403 -> {
                needsAttention(account, status, now);
                yield true;
            }
            default -> false;
        };
    }

    private void coolDown(UpstreamAccount account, Long retryAfterSeconds, Instant now) {
        Duration wait = retryAfterSeconds != null && retryAfterSeconds > 0 ? Duration.ofSeconds(retryAfterSeconds)
                : config.coolDown();
        if (wait.compareTo(config.maxCoolDown()) > 0) {
            wait = config.maxCoolDown();
        }
        Instant until = now.plus(wait);
        String error = "429: rate limited, cooling down for " + wait.toSeconds() + " s";
        states.compute(key(account), (k, old) -> old != null && old.state() != AccountState.ACTIVE
                && old.state() != AccountState.COOLING_DOWN ? old
                        : new Status(AccountState.COOLING_DOWN,
                                old != null && old.coolUntil() != null && old.coolUntil().isAfter(until) ? old.coolUntil()
                                        : until,
                                error, now, now));
        metrics.upstreamAccountRefused(account.provider(), account.name(), 429);
        Workers.run(() -> {
            repository.coolDown(account.provider(), account.name(), until, error, now);
            return null;
        }).subscribe().with(ignored -> {
        }, f -> LOG.warnf("Could not record the cool-down of upstream account %s: %s", account, f.toString()));
    }

    private void needsAttention(UpstreamAccount account, int status, Instant now) {
        String error = status + ": " + UpstreamAlerts.message(status);
        states.compute(key(account), (k, old) -> old != null && old.state() == AccountState.DRAINED ? old
                : new Status(AccountState.NEEDS_ATTENTION, null, error, now, now));
        metrics.upstreamAccountRefused(account.provider(), account.name(), status);
        metrics.upstreamAccountAlert(account.provider(), status);
        Workers.run(() -> QuarkusTransaction.requiringNew().call(() -> {
            boolean moved = repository.needsAttention(account.provider(), account.name(), error, now);
            if (moved) { // one event per transition, on whichever replica made it
                alerts.accountNeedsAttention(account.provider(), account.name(), status, now);
            }
            return moved;
        })).subscribe().with(moved -> {
            if (moved) {
                LOG.errorf("OPERATOR ALERT: %s answered %d on upstream account '%s': the reseller's account or API key "
                        + "needs attention (balance, revocation or suspension). It takes no new jobs until an operator "
                        + "sets it active again (PATCH /reef/admin/v1/upstream-accounts/%s/%s).", account.provider(),
                        status, account.name(), account.provider(), account.name());
            }
        }, f -> LOG.warnf("Could not record that upstream account %s needs attention: %s", account, f.toString()));
    }

    /** An operator sets an account active (it takes jobs again) or drained; false if there is no such account. */
    public boolean setState(String provider, String name, AccountState state) {
        if (find(provider, name).isEmpty() || !repository.setState(provider, name, state, clock.now())) {
            return false;
        }
        Instant now = clock.now();
        states.compute(key(provider, name), (k, old) -> new Status(state, null, old == null ? null : old.lastError(),
                old == null ? null : old.lastErrorAt(), now));
        return true;
    }

    /** An account as the operator sees it (never its key). */
    public record View(String provider, String name, int weight, AccountState state, String lastError, Instant lastErrorAt,
            long jobsInFlight, long costTodayMicros) {
    }

    /** Every configured account, by provider and name, with its jobs in flight and the provider cost of today (UTC). */
    public List<View> views() {
        refresh();
        Instant now = clock.now();
        Map<String, Long> inFlight = repository.inFlight();
        Map<String, Long> cost = repository.costSince(now.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        Map<String, View> views = new LinkedHashMap<>();
        byProvider.keySet().stream().sorted().forEach(provider -> {
            for (UpstreamAccount account : accounts(provider)) {
                Status status = status(account);
                String k = key(account);
                views.put(k, new View(provider, account.name(), account.weight(), status.shown(now), status.lastError(),
                        status.lastErrorAt(), inFlight.getOrDefault(k, 0L), cost.getOrDefault(k, 0L)));
            }
        });
        return List.copyOf(views.values());
    }

    private List<UpstreamAccount> accounts(String provider) {
        return byProvider.getOrDefault(provider, List.of());
    }

    private Status status(UpstreamAccount account) {
        return states.getOrDefault(key(account), Status.ACTIVE);
    }

    private static String key(UpstreamAccount account) {
        return key(account.provider(), account.name());
    }

    private static String key(String provider, String name) {
        return provider + "/" + name;
    }
}
