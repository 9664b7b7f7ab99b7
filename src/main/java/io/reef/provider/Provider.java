package io.reef.provider;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ErrorEnvelope;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.reef.upstream.AccountConfig;
import io.reef.upstream.UpstreamAccount;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * An upstream image API Reef resells: one {@code @ApplicationScoped} bean per provider package
 * ({@code io.reef.provider.<name>}), which the rest of Reef reads: the filters take its routes,
 * body limit and error envelope ({@link Providers}), {@link JobFlow} runs its jobs (admit, submit,
 * record the upstream id, poll/cancel, apply a terminal status, answer) and the reconciler polls
 * them through the same flow. The provider's resource (its JAX-RS paths) calls {@link JobFlow}.
 */
public interface Provider {

    /** The provider's name, stored on its jobs and used as a metrics tag, lower case, as in its configuration keys. */
    String name();

    /**
     * The path prefixes of the provider-compatible API (e.g. {@code /v1/}): every request under
     * them needs a tenant key, a POST body is limited to {@link #maxBodyBytes()}, and errors are
     * answered in {@link #errorEnvelope()}.
     */
    List<String> routes();

    /**
     * The provider's paths that carry a parameter, as JAX-RS templates (e.g. {@code /v1/jobs/{id}}):
     * the HTTP metrics tag a request to one of them by its template (see {@link ProviderPathMetrics}),
     * also when a filter answered it before it reached the resource.
     */
    List<String> pathTemplates();

    /** Largest accepted request body (413 above it). */
    long maxBodyBytes();

    /** The provider's error envelope: how Reef's errors are rendered to its tenants, and upstream errors read. */
    default ErrorEnvelope errorEnvelope() {
        return ErrorEnvelope.STANDARD;
    }

    /**
     * The longest a generate can take to answer: a retry with the same Idempotency-Key waits that
     * long for the first attempt's answer.
     */
    Duration longestAnswer();

    /** Validates a tenant's generate body (a 400 when it is bad) and estimates it. */
    Generation parse(Buffer body);

    /**
     * The reseller's accounts at this provider, from its settings ({@link AccountConfig#of}): new
     * jobs are spread over them, each job stays on its account.
     */
    List<AccountConfig> accounts();

    /**
     * Submits a job upstream on an account, through {@link Upstream#call} (never retried: a retry
     * could create a second billed job).
     */
    Uni<UpstreamResponse> submit(Generation generation, UpstreamAccount account);

    /** Asks the provider about a job, on the account that created it (idempotent: retried, behind a circuit breaker). */
    Uni<UpstreamResponse> poll(String upstreamId, UpstreamAccount account);

    /**
     * Cancels a job upstream, on the account that created it; optional (the default: the provider
     * has no cancel, and no route calls it).
     */
    default Uni<UpstreamResponse> cancel(String upstreamId, UpstreamAccount account) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " jobs cannot be cancelled"));
    }

    /** The provider's id of the job in an accepted submit answer, or null when it carries none. */
    String upstreamId(ObjectNode accepted);

    /** What a provider body (submit answer, status, cancel answer) says about the job, in the common job model. */
    Observation observe(ObjectNode body);

    /**
     * The provider's own expected cost from a submit answer when it should replace Reef's
     * estimate (the hold is then re-sized to it), else null (the default).
     */
    default Long providerExpectedCostMicros(ObjectNode accepted, long reefExpectedCostMicros) {
        return null;
    }

    /** When a job just submitted is first polled (by a sync wait or the reconciler). */
    Duration firstPollAfter();

    /** A provider body as the job's tenant sees it: Reef's job id and URLs, the tenant's prices. */
    ObjectNode forTenant(ObjectNode body, JobView job, String baseUrl);

    /**
     * The provider-shaped body of a finished job Reef stored no body for (Reef expired it, or it
     * ended before bodies were stored).
     */
    ObjectNode finishedBody(JobView job);
}
