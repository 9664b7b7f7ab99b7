package io.reef.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.reef.common.ApiException;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.Json;
import io.reef.common.Params;
import io.reef.common.ReefClock;
import io.reef.common.RunToTheEnd;
import io.reef.common.Workers;
import io.reef.job.AdmissionRequest;
import io.reef.job.JobAdmission;
import io.reef.job.JobCache;
import io.reef.job.JobFinalizer;
import io.reef.job.JobPolls;
import io.reef.job.JobQueries;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.reef.tenant.TenantPrincipal;
import io.reef.upstream.UpstreamAccount;
import io.reef.upstream.UpstreamAccounts;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The one job flow of every provider: admit -> submit -> record the upstream id -> (sync wait |
 * 202) -> poll/cancel -> apply a terminal status -> answer. Every observer of a job (the sync
 * wait, the tenant's poll, the cancel and the reconciler) takes the same poll-and-apply step,
 * {@link #pollAndApply}. Each step is non-blocking: database work runs on a worker thread,
 * upstream calls and waits on the event loop. What differs between providers comes from their
 * {@link Provider}.
 */
@ApplicationScoped
public class JobFlow implements JobPolls {

    /**
     * The provider's latest answer per job, kept for {@code
     * quarkus.cache.caffeine."poll-answers".expire-after-write} (1 s by default).
     */
    static final String RECENT_ANSWERS = "poll-answers";
    private static final Logger LOG = Logger.getLogger(JobFlow.class);
    private static final Duration RECORD_BACKOFF = Duration.ofMillis(100);
    private static final int RECORD_ATTEMPTS = 5;
    /**
     * How often recording an accepted job's upstream id is retried while the database is
     * unreachable (backing off to 1 s: at least 30 s, enough to ride through a PostgreSQL restart
     * or failover). A count, not a deadline from the first attempt: an attempt that waited 30 s
     * for a pooled connection (a stalled database) must still be followed by more attempts; with a
     * 30 s deadline, such a stall under load left 1,867 accepted jobs unrecorded in the benchmark.
     */
    static final int RECORD_ATTEMPTS_WHILE_DATABASE_DOWN = 32;
    /** A sync wait polls at its first interval this many times, then at its longer one. */
    private static final int FAST_POLLS = 5;

    private final Providers providers;
    private final JobAdmission admission;
    private final JobFinalizer finalizer;
    private final JobQueries queries;
    private final JobCache cache;
    private final UpstreamErrors errors;
    private final ObjectMapper mapper;
    private final ReefClock clock;
    private final Cache recentAnswers;
    private final UpstreamAccounts accounts;

    public JobFlow(Providers providers, JobAdmission admission, JobFinalizer finalizer, JobQueries queries,
            JobCache cache, UpstreamErrors errors, ObjectMapper mapper, ReefClock clock,
            @CacheName(RECENT_ANSWERS) Cache recentAnswers, UpstreamAccounts accounts) {
        this.providers = providers;
        this.admission = admission;
        this.finalizer = finalizer;
        this.queries = queries;
        this.cache = cache;
        this.errors = errors;
        this.mapper = mapper;
        this.clock = clock;
        this.recentAnswers = recentAnswers;
        this.accounts = accounts;
    }

    /** A job after Reef applied what the provider said, with the provider's body (null: nothing said yet). */
    public record Observed(JobView job, ObjectNode body) {
    }

    // ------------------------------------------------------------------ generate

    /**
     * Admits a generation (the hold and the job row, or the tenant's 402/403/429), submits it and
     * records the upstream id: emits the job with the provider's accepted answer.
     */
    public Uni<Observed> start(TenantPrincipal who, Provider provider, Generation generation) {
        AdmissionRequest request = new AdmissionRequest(who, provider.name(), generation.model(),
                generation.expectedCostMicros(), generation.timeoutSeconds(), generation.publicIdPrefix());
        return admission.admit(request)
                .flatMap(job -> submit(provider, job, generation)
                        .flatMap(accepted -> submitted(provider, job, accepted, generation.expectedCostMicros())
                                .map(updated -> new Observed(updated, accepted.body()))));
    }

    /** A generation answered 202 with the provider's accepted answer, as the tenant sees it. */
    public Uni<Response> accept(TenantPrincipal who, Provider provider, Generation generation, String baseUrl) {
        return start(who, provider, generation)
                .map(started -> Response.status(202).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(provider.forTenant(started.body(), started.job(), baseUrl)).build());
    }

    /** A provider's accepted answer, and the account that accepted the job. */
    private record Accepted(ObjectNode body, UpstreamAccount account) {
    }

    /**
     * Sends a job's submit to the provider's healthy accounts in their routing order
     * ({@link UpstreamAccounts#routeOrder}), each at most once. No account left (none healthy, or
     * all refused): the job's hold is voided and the tenant gets 503 with {@code Retry-After}. An
     * error answer or failure after which the job may exist voids the hold and fails with the
     * tenant's error; an accepted answer must carry the provider's job id.
     */
    private Uni<Accepted> submit(Provider provider, JobView job, Generation generation) {
        return submitOn(provider, job, generation, accounts.routeOrder(provider.name()), 0);
    }

    /**
     * Submits on the {@code next} account of {@code order}. An account that refused the job
     * without creating it (401/402/403/429, see {@link UpstreamAccounts#refusedBy}) or to which the
     * submit was never sent (its circuit breaker open, its rate limit reached, no connection) gives
     * way to the next. After a timeout, a 5xx or a connection lost once the body was sent the job
     * may exist upstream, so it is never resent.
     */
    private Uni<Accepted> submitOn(Provider provider, JobView job, Generation generation, List<UpstreamAccount> order,
            int next) {
        if (next >= order.size()) {
            return reject(job, accounts.noneAvailable(provider.name()));
        }
        UpstreamAccount account = order.get(next);
        return provider.submit(generation, account).onItemOrFailure().transformToUni((response, failure) -> {
            if (failure != null) {
                if (neverSent(failure)) {
                    LOG.debugf("Submit not sent on upstream account %s (%s): trying the next", account, failure.toString());
                    return submitOn(provider, job, generation, order, next + 1);
                }
                return reject(job, errors.fromFailure(provider, failure));
            }
            if (!response.ok()) {
                if (accounts.refusedBy(account, response.status(), response.retryAfterSeconds())) {
                    return submitOn(provider, job, generation, order, next + 1);
                }
                return reject(job, errors.fromResponse(provider, response));
            }
            ObjectNode body = Json.readObjectOrNull(mapper, response.body());
            if (body == null || provider.upstreamId(body) == null) {
                return reject(job, new ApiException(502, "upstream_error", "The provider answered without a job id", 5L));
            }
            return Uni.createFrom().item(new Accepted(body, account));
        });
    }

    /** A failure that means the submit never left Reef: nothing can exist upstream, another account may take it. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CircuitBreakerOpenException || t instanceof RateLimitException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Records what the provider's accepted answer says: its job id, status and own expected cost, and the account. */
    private Uni<JobView> submitted(Provider provider, JobView job, Accepted accepted, long expectedCostMicros) {
        return submitted(job, provider.upstreamId(accepted.body()), accepted.account().name(),
                provider.observe(accepted.body()), clock.now().plus(provider.firstPollAfter()),
                provider.providerExpectedCostMicros(accepted.body(), expectedCostMicros));
    }

    /**
     * Records the upstream id (and the provider's own expected cost, when it differs from Reef's).
     * The usual case, a job that just started, is a single UPDATE; either way a failed write is
     * retried, then alerted on with an answer that keeps the tenant's Idempotency-Key.
     */
    public Uni<JobView> submitted(JobView job, String upstreamId, String account, Observation observation,
            Instant firstPollAt, Long providerExpectedCostMicros) {
        Uni<JobView> record = providerExpectedCostMicros == null && !observation.status().terminal()
                ? finalizer.recordUpstreamId(job, upstreamId, account, observation.status(), firstPollAt)
                : Workers.run(() -> finalizer.submitted(job, upstreamId, account, observation, firstPollAt,
                        providerExpectedCostMicros));
        return record
                .onFailure(f -> !DatabaseUnavailable.is(f))
                .retry().withBackOff(RECORD_BACKOFF, RECORD_BACKOFF.multipliedBy(8)).atMost(RECORD_ATTEMPTS)
                .onFailure(DatabaseUnavailable::is).retry().withBackOff(RECORD_BACKOFF, Duration.ofSeconds(1))
                .atMost(RECORD_ATTEMPTS_WHILE_DATABASE_DOWN)
                .onFailure().transform(f -> unrecorded(job, upstreamId, f))
                .map(cache::put);
    }

    /**
     * The provider accepted the job but its id could not be written even after retries (the
     * database is unreachable): the job cannot be polled or billed until an operator links it, so
     * say so loudly, and answer with an error that keeps the tenant's Idempotency-Key (a retry
     * must not submit a second, separately billed job).
     */
    private static ApiException unrecorded(JobView job, String upstreamId, Throwable failure) {
        LOG.errorf("OPERATOR ALERT: job %s (tenant %s) was accepted upstream as %s %s but Reef could not record it: %s",
                job.publicId(), job.tenantId(), job.provider(), upstreamId, failure.toString());
        return new JobStillRunningException(503, "api_error", "The provider accepted job " + job.publicId()
                + " but Reef could not record it; do not resubmit, contact the operator", 30L);
    }

    // ------------------------------------------------------------------ sync wait

    /**
     * Polls a job until it is terminal (non-blocking delays): every {@code firstInterval} at first,
     * then every {@code maxInterval}; past the deadline a {@link JobStillRunningException} (504).
     * Transient upstream trouble does not end the wait. Iterative (a repeating Multi, not a
     * recursive Uni chain), so a request waiting for minutes holds the same few objects as one
     * waiting for seconds.
     */
    public Uni<Observed> awaitTerminal(Provider provider, JobView job, Instant deadline, Duration firstInterval,
            Duration maxInterval) {
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<Observed> last = new AtomicReference<>(new Observed(job, null));
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().voidItem()
                        .onItem().delayIt().by(pollDelay(polls.getAndIncrement(), firstInterval, maxInterval))
                        .flatMap(ignored -> pollAndApply(provider, last.get().job()))
                        .onFailure().recoverWithItem(last::get) // transient upstream trouble: keep waiting
                        .invoke(last::set))
                .until(observed -> observed.job().status().terminal() || clock.now().isAfter(deadline))
                .collect().last()
                .map(ignored -> {
                    Observed observed = last.get();
                    if (!observed.job().status().terminal()) {
                        throw new JobStillRunningException(504, "upstream_timeout", "The image was not ready in time; task "
                                + observed.job().publicId() + " is still tracked and will be billed only if it completes", 30L);
                    }
                    return observed;
                });
    }

    private static Duration pollDelay(int polls, Duration first, Duration max) {
        return polls < FAST_POLLS || max.compareTo(first) < 0 ? first : max;
    }

    // ------------------------------------------------------------------ poll & cancel

    /**
     * A tenant's poll of its job. A finished job is answered from what Reef stored (the provider's
     * body that ended it), never by the provider: a tenant polling thousands of old jobs must not
     * get the reseller's account rate-limited. For a job still running, polls that arrive together
     * share one upstream call, and an answer is reused for the cache's short window: the providers
     * ask for one poll every 2-5 s. Each shared call first reads the job's row (the cached status
     * may lag behind another replica's), so a job another replica finished is answered from its
     * stored body too. A failed call is not kept. Billing does not depend on this: a terminal
     * status is applied by the call that saw it, before its answer is shared.
     */
    public Uni<Response> poll(TenantPrincipal who, Provider provider, String publicId, String baseUrl) {
        return owned(provider, publicId, who.tenantId())
                .flatMap(job -> {
                    Uni<Observed> shared = recentAnswers.getAsync(job.publicId(), id -> latest(job)
                            .flatMap(now -> now.job().status().terminal()
                                    ? Uni.createFrom().item(stored(provider, now))
                                    : pollAndApply(provider, now.job())));
                    // Each caller waits on its own subscription: one tenant closing its connection (which
                    // cancels its request) must not cancel the upstream call the other callers wait for.
                    return RunToTheEnd.of(shared);
                })
                .map(observed -> ok(provider.forTenant(observed.body(), observed.job(), baseUrl)));
    }

    /**
     * A tenant's cancel of its job: a finished job is a 409 answered by Reef, without asking the
     * provider; otherwise the provider's answer is applied like a poll's.
     */
    public Uni<Response> cancel(TenantPrincipal who, Provider provider, String publicId, String baseUrl) {
        return owned(provider, publicId, who.tenantId())
                .flatMap(this::cancellable)
                .flatMap(job -> onItsAccount(provider, job,
                        account -> apply(provider, job, account, provider.cancel(job.upstreamId(), account))))
                .call(observed -> recentAnswers.invalidate(publicId)) // the kept answer is out of date
                .map(observed -> ok(provider.forTenant(observed.body(), observed.job(), baseUrl)));
    }

    /** The reconciler's poll (see {@link JobPolls}): the same step as a tenant's. */
    @Override
    public Uni<JobView> pollAndApply(JobView job) {
        return pollAndApply(providers.named(job.provider()), job).map(Observed::job);
    }

    @Override
    public List<String> providers() {
        return providers.all().stream().map(Provider::name).toList();
    }

    /** Polls the job at its provider, on the account that created it, and applies the status it reports. */
    public Uni<Observed> pollAndApply(Provider provider, JobView job) {
        return onItsAccount(provider, job, account -> apply(provider, job, account, provider.poll(job.upstreamId(), account)));
    }

    /** A call on the account that created the job, whatever that account's state (see {@link UpstreamAccounts#forJob}). */
    private Uni<Observed> onItsAccount(Provider provider, JobView job,
            Function<UpstreamAccount, Uni<Observed>> call) {
        return Uni.createFrom().item(() -> accounts.forJob(provider.name(), job.upstreamAccount())).flatMap(call::apply);
    }

    /**
     * Asks the provider about a job (poll or cancel), reads its JSON answer and applies the status
     * it reports: the path every observer takes. What the answer says about the account (a 429, a
     * 401/402/403) is applied to the account's state. Upstream errors become the tenant's error (a 409
     * "already started" passes through).
     */
    private Uni<Observed> apply(Provider provider, JobView job, UpstreamAccount account, Uni<UpstreamResponse> call) {
        return call.onFailure().transform(f -> errors.fromFailure(provider, f))
                .flatMap(response -> {
                    if (!response.ok()) {
                        accounts.refusedBy(account, response.status(), response.retryAfterSeconds()); // its state
                        throw errors.fromResponse(provider, response);
                    }
                    ObjectNode body = Json.readObjectOrNull(mapper, response.body());
                    if (body == null) {
                        throw new ApiException(502, "upstream_error", "The provider answered an unreadable body", 5L);
                    }
                    return observe(job, provider.observe(body).from(response.body()))
                            .map(updated -> new Observed(updated, body));
                });
    }

    /** The job, if it may still be cancelled upstream: a finished job is a 409. */
    private Uni<JobView> cancellable(JobView job) {
        return latest(job).map(now -> {
            if (now.job().status().terminal()) {
                throw new ApiException(409, "conflict", "Task already " + now.job().status().wire());
            }
            return now.job();
        });
    }

    private Uni<JobQueries.Latest> latest(JobView job) {
        return Workers.run(() -> {
            JobQueries.Latest now = queries.latest(job.id());
            if (now == null) {
                throw ApiException.notFound("No such job: " + job.publicId());
            }
            cache.put(now.job());
            return now;
        });
    }

    /** A finished job as Reef stored it, or in the provider's shape when it stored no body. */
    private Observed stored(Provider provider, JobQueries.Latest finished) {
        ObjectNode body = Json.readObjectOrNull(mapper, finished.terminalBody());
        return new Observed(finished.job(), body != null ? body : provider.finishedBody(finished.job()));
    }

    // ------------------------------------------------------------------ applying

    /**
     * Applies an observation. Only a terminal status is written: polls that see a job still
     * pending or running (the common case) cost no database work, and neither does anything said
     * about a job that is finished for good. (A job's stored status is therefore "pending" until
     * it ends; the provider's body tells the tenant whether it is running.)
     */
    private Uni<JobView> observe(JobView job, Observation observation) {
        boolean finishedForGood = job.status().terminal() && job.status() != JobStatus.EXPIRED;
        if (finishedForGood || !observation.status().terminal()) {
            return Uni.createFrom().item(job);
        }
        return Workers.run(() -> cache.put(finalizer.observe(job.id(), observation)));
    }

    /** The upstream never took the job: void its hold, then fail with the tenant's error. */
    private <T> Uni<T> reject(JobView job, ApiException error) {
        return observe(job, Observation.failed(JobStatus.REJECTED, error.getMessage()))
                .onItem().transformToUni(ignored -> Uni.createFrom().<T> failure(error));
    }

    /** The tenant's own job of this provider, with an upstream id; 404 for anyone else's. */
    private Uni<JobView> owned(Provider provider, String publicId, UUID tenantId) {
        if (!Params.plausibleJobId(publicId)) { // never a lookup, never repeated back
            return Uni.createFrom().failure(ApiException.notFound("No such job"));
        }
        JobView cached = cache.get(publicId);
        Uni<JobView> found = cached != null ? Uni.createFrom().item(cached)
                : Workers.run(() -> cache.put(queries.find(publicId)));
        return found.map(job -> {
            if (job == null || !job.tenantId().equals(tenantId) || !job.provider().equals(provider.name())) {
                throw ApiException.notFound("No such job: " + publicId);
            }
            if (job.upstreamId() == null) {
                throw new ApiException(409, "conflict",
                        "Job " + publicId + " never reached the provider (" + job.status().wire() + ")");
            }
            return job;
        });
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
