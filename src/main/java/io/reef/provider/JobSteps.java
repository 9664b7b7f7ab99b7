package io.reef.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.reef.common.ApiException;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.Json;
import io.reef.common.RunToTheEnd;
import io.reef.common.Params;
import io.reef.common.Workers;
import io.reef.job.AdmissionRequest;
import io.reef.job.JobAdmission;
import io.reef.job.JobCache;
import io.reef.job.JobFinalizer;
import io.reef.job.JobQueries;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.smallrye.mutiny.Uni;

/**
 * The job steps every provider flow takes, as non-blocking steps (the database work runs on a
 * worker thread): admit, record the upstream id, observe, reject, look up.
 */
@ApplicationScoped
public class JobSteps {

    /**
     * The provider's latest answer per job, kept for {@code
     * quarkus.cache.caffeine."poll-answers".expire-after-write} (1 s by default).
     */
    static final String RECENT_ANSWERS = "poll-answers";
    private static final Logger LOG = Logger.getLogger(JobSteps.class);
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

    private final JobAdmission admission;
    private final JobFinalizer finalizer;
    private final JobQueries queries;
    private final JobCache cache;
    private final UpstreamErrors errors;
    private final ObjectMapper mapper;
    private final Cache recentAnswers;

    public JobSteps(JobAdmission admission, JobFinalizer finalizer, JobQueries queries, JobCache cache,
            UpstreamErrors errors, ObjectMapper mapper, @CacheName(RECENT_ANSWERS) Cache recentAnswers) {
        this.recentAnswers = recentAnswers;
        this.admission = admission;
        this.finalizer = finalizer;
        this.queries = queries;
        this.cache = cache;
        this.errors = errors;
        this.mapper = mapper;
    }

    /**
     * Sends a job's submit. A failure or an error answer voids the job's hold and fails with the
     * tenant's error; an accepted answer is emitted as JSON and must carry the provider's id field.
     */
    public Uni<ObjectNode> submit(String provider, JobView job, Uni<UpstreamResponse> call, String idField) {
        return call.onFailure().recoverWithUni(f -> reject(job, errors.fromFailure(provider, f)))
                .flatMap(response -> {
                    if (!response.ok()) {
                        return reject(job, errors.fromResponse(provider, response));
                    }
                    ObjectNode body = Json.readObjectOrNull(mapper, response.body());
                    if (body == null || !body.path(idField).isTextual()) {
                        return reject(job, new ApiException(502, "upstream_error",
                                "The provider answered without a " + idField, 5L));
                    }
                    return Uni.createFrom().item(body);
                });
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

    /** A job after Reef applied what the provider said, with the provider's body. */
    public record Settled(JobView job, ObjectNode body) {
    }

    /**
     * Asks the provider about a job (poll or cancel), reads its JSON answer and applies the status
     * it reports: the path every observer takes (sync wait, tenant poll, cancel, reconciler).
     * Upstream errors become the tenant's error (a 409 "already started" passes through).
     */
    public Uni<Settled> settle(String provider, JobView job, Uni<UpstreamResponse> call,
            Function<ObjectNode, Observation> statuses) {
        return call.onFailure().transform(f -> errors.fromFailure(provider, f))
                .flatMap(response -> {
                    if (!response.ok()) {
                        throw errors.fromResponse(provider, response);
                    }
                    ObjectNode body = Json.readObjectOrNull(mapper, response.body());
                    if (body == null) {
                        throw new ApiException(502, "upstream_error", "The provider answered an unreadable body", 5L);
                    }
                    return observe(job, statuses.apply(body).from(response.body()))
                            .map(updated -> new Settled(updated, body));
                });
    }

    /**
     * A tenant's poll of its job. A finished job is answered from what Reef stored (the provider's
     * body that ended it), never by the provider: a tenant polling thousands of old jobs must not
     * get the reseller's account rate-limited. For a job still running, polls that arrive together
     * share one upstream call, and an answer is reused for the cache's short window: the providers
     * ask for one poll every 2-5 s. Each shared call first reads the job's row (the cached status
     * may lag behind another replica's), so a job another replica finished is answered from its
     * stored body too. A failed call is not kept. Billing does not depend on this: a terminal
     * status is applied by the call that saw it, before its answer is shared.
     *
     * @param finishedWithoutBody the provider-shaped body of a finished job Reef stored no body for
     *            (Reef expired it, or it ended before bodies were stored)
     */
    public Uni<Settled> tenantPoll(JobView job, Function<JobView, Uni<Settled>> poll,
            Function<JobView, ObjectNode> finishedWithoutBody) {
        Uni<Settled> shared = recentAnswers.getAsync(job.publicId(), id -> latest(job)
                .flatMap(now -> now.job().status().terminal()
                        ? Uni.createFrom().item(stored(now, finishedWithoutBody))
                        : poll.apply(now.job())));
        // Each caller waits on its own subscription: one tenant closing its connection (which
        // cancels its request) must not cancel the upstream call the other callers wait for.
        return RunToTheEnd.of(shared);
    }

    /**
     * The job, if it may still be cancelled upstream: a finished job is a 409 answered by Reef,
     * without asking the provider.
     */
    public Uni<JobView> cancellable(JobView job) {
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

    private Settled stored(JobQueries.Latest finished, Function<JobView, ObjectNode> finishedWithoutBody) {
        ObjectNode body = Json.readObjectOrNull(mapper, finished.terminalBody());
        return new Settled(finished.job(), body != null ? body : finishedWithoutBody.apply(finished.job()));
    }

    /** Drops a job's kept answer (after a cancel changed it upstream). */
    public Uni<Void> forgetAnswer(String publicId) {
        return recentAnswers.invalidate(publicId);
    }

    /** Places the hold and writes the job row, or fails with the tenant's 402/403/429. */
    public Uni<JobView> admit(AdmissionRequest request) {
        return admission.admit(request);
    }

    /**
     * Records the upstream id (and the provider's own expected cost, when it differs from Reef's).
     * The usual case, a job that just started, is a single UPDATE; either way a failed write is
     * retried, then alerted on with an answer that keeps the tenant's Idempotency-Key.
     */
    public Uni<JobView> submitted(JobView job, String upstreamId, Observation observation, Instant firstPollAt,
            Long providerExpectedCostMicros) {
        Uni<JobView> record = providerExpectedCostMicros == null && !observation.status().terminal()
                ? finalizer.recordUpstreamId(job, upstreamId, observation.status(), firstPollAt)
                : Workers.run(() -> finalizer.submitted(job, upstreamId, observation, firstPollAt,
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
     * Applies an observation. Only a terminal status is written: polls that see a job still
     * pending or running (the common case) cost no database work, and neither does anything said
     * about a job that is settled for good. (A job's stored status is therefore "pending" until
     * it ends; the provider's body tells the tenant whether it is running.)
     */
    public Uni<JobView> observe(JobView job, Observation observation) {
        boolean settledForGood = job.status().terminal() && job.status() != JobStatus.EXPIRED;
        if (settledForGood || !observation.status().terminal()) {
            return Uni.createFrom().item(job);
        }
        return Workers.run(() -> cache.put(finalizer.observe(job.id(), observation)));
    }

    /** The upstream never took the job: void its hold, then fail with the tenant's error. */
    public <T> Uni<T> reject(JobView job, ApiException error) {
        return observe(job, Observation.failed(JobStatus.REJECTED, error.getMessage()))
                .onItem().transformToUni(ignored -> Uni.createFrom().<T>failure(error));
    }

    /** The tenant's own job of this provider, with an upstream id; 404 for anyone else's. */
    public Uni<JobView> owned(String publicId, UUID tenantId, String provider) {
        if (!Params.plausibleJobId(publicId)) { // never a lookup, never repeated back
            return Uni.createFrom().failure(ApiException.notFound("No such job"));
        }
        JobView cached = cache.get(publicId);
        Uni<JobView> found = cached != null ? Uni.createFrom().item(cached)
                : Workers.run(() -> cache.put(queries.find(publicId)));
        return found.map(job -> {
            if (job == null || !job.tenantId().equals(tenantId) || !job.provider().equals(provider)) {
                throw ApiException.notFound("No such job: " + publicId);
            }
            if (job.upstreamId() == null) {
                throw new ApiException(409, "conflict",
                        "Job " + publicId + " never reached the provider (" + job.status().wire() + ")");
            }
            return job;
        });
    }
}
