package io.reef.provider.sharkapi;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Json;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.reef.provider.Generation;
import io.reef.provider.Provider;
import io.reef.provider.UpstreamResponse;
import io.reef.upstream.AccountConfig;
import io.reef.upstream.UpstreamAccount;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * SharkAPI as a {@link Provider}: a generate is always answered 202 with a {@code job_id}; the
 * hold is the mode's configured price, re-sized to the provider's own {@code estimated_cost}; the
 * charge is posted when a poll (the tenant's or the reconciler's) shows the job complete with an
 * image. Jobs cannot be cancelled.
 */
@ApplicationScoped
public class SharkApiProvider implements Provider {

    /** The provider's name, stored on its jobs. */
    public static final String NAME = "sharkapi";
    /** Everything under it is SharkAPI compatible (and needs a tenant key). */
    static final String ROUTE = "/v1/";
    static final String JOBS_PATH = "/v1/jobs/";

    private final SharkApiUpstream upstream;
    private final SharkApiStatuses statuses;
    private final SharkApiPricing pricing;
    private final SharkApiSettings settings;
    private final ObjectMapper mapper;

    public SharkApiProvider(SharkApiUpstream upstream, SharkApiStatuses statuses, SharkApiPricing pricing,
            SharkApiSettings settings, ObjectMapper mapper) {
        this.upstream = upstream;
        this.statuses = statuses;
        this.pricing = pricing;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AccountConfig> accounts() {
        return AccountConfig.of(NAME, settings.apiKey(), settings.accounts());
    }

    @Override
    public List<String> routes() {
        return List.of(ROUTE);
    }

    @Override
    public List<String> pathTemplates() {
        return List.of(JOBS_PATH + "{id}");
    }

    @Override
    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** The submit's timeout and the upstream-id record, with margin. */
    @Override
    public Duration longestAnswer() {
        return Duration.ofMinutes(1);
    }

    /** The body is validated from its bytes and forwarded as received: the same bytes, never re-serialised. */
    @Override
    public Generation parse(Buffer body) {
        SharkApiRequest request = SharkApiRequest.of(
                Json.parseObject(mapper, body, settings.maxBodyBytes(), SharkApiRequest.BASE64_FIELDS),
                pricing.modes().keySet());
        return new Generation(request.mode(), pricing.expectedCostMicros(request.mode()),
                (int) settings.jobTimeout().toSeconds(), "job_", body);
    }

    @Override
    public Uni<UpstreamResponse> submit(Generation generation, UpstreamAccount account) {
        return upstream.generate(generation.upstreamBody(), account);
    }

    @Override
    public Uni<UpstreamResponse> poll(String upstreamId, UpstreamAccount account) {
        return upstream.job(upstreamId, account);
    }

    @Override
    public String upstreamId(ObjectNode accepted) {
        JsonNode id = accepted.path("job_id");
        return id.isTextual() ? id.asText() : null;
    }

    @Override
    public Observation observe(ObjectNode job) {
        return statuses.of(job);
    }

    @Override
    public Long providerExpectedCostMicros(ObjectNode accepted, long reefExpectedCostMicros) {
        return statuses.expectedCostReplacing(accepted, reefExpectedCostMicros);
    }

    @Override
    public Duration firstPollAfter() {
        return settings.firstPollAfter();
    }

    /** The provider's body as the tenant sees it: Reef's id and poll_url, the tenant's prices. */
    @Override
    public ObjectNode forTenant(ObjectNode upstreamBody, JobView job, String baseUrl) {
        ObjectNode body = upstreamBody.deepCopy();
        body.put("job_id", job.publicId());
        body.put("poll_url", baseUrl + JOBS_PATH + job.publicId());
        SharkApiStatuses.putTenantPrices(body, job.holdMicros(),
                job.priceMicros() != null ? job.priceMicros() : job.holdMicros());
        return body;
    }

    /** A finished job Reef stored no provider body for, in the shape of a SharkAPI job status. */
    @Override
    public ObjectNode finishedBody(JobView job) {
        ObjectNode body = mapper.createObjectNode();
        body.put("job_id", job.upstreamId());
        body.put("status", switch (job.status()) {
            case COMPLETED -> "complete";
            case MODERATED -> "moderated";
            case CANCELLED -> "cancelled";
            default -> "failed";
        });
        if (job.status() != JobStatus.COMPLETED && job.error() != null) {
            body.putObject("error").put("message", job.error());
        }
        return body;
    }
}
