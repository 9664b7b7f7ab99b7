package io.reef.provider.sharkapi;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Json;
import io.reef.common.ReefClock;
import io.reef.job.AdmissionRequest;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.provider.JobSteps;
import io.reef.provider.ProviderAdapter;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The SharkAPI compatible flows: generate (always 202 + job_id) and job status. The hold is the
 * mode's configured price, re-sized to the provider's own {@code estimated_cost}; the charge is
 * posted when a poll (the tenant's or the reconciler's) shows the job complete with an image.
 */
@ApplicationScoped
public class SharkApiGateway implements ProviderAdapter {

    static final String JOBS_PATH = "/v1/jobs/";

    private final SharkApiUpstream upstream;
    private final SharkApiStatuses statuses;
    private final SharkApiPricing pricing;
    private final SharkApiSettings settings;
    private final JobSteps jobs;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public SharkApiGateway(SharkApiUpstream upstream, SharkApiStatuses statuses, SharkApiPricing pricing,
            SharkApiSettings settings, JobSteps jobs, ObjectMapper mapper, ReefClock clock) {
        this.upstream = upstream;
        this.statuses = statuses;
        this.pricing = pricing;
        this.settings = settings;
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return SharkApiUpstream.PROVIDER;
    }

    /** The longest a generate can take to answer: the submit's timeout and the upstream-id record, with margin. */
    public java.time.Duration longestAnswer() {
        return java.time.Duration.ofMinutes(1);
    }

    /** The body is validated from its bytes and forwarded as received: the same bytes, never re-serialised. */
    public Uni<Response> generate(TenantPrincipal who, Buffer rawBody, String baseUrl) {
        SharkApiRequest request = SharkApiRequest.of(
                Json.parseObject(mapper, rawBody, settings.maxBodyBytes(), SharkApiRequest.BASE64_FIELDS));
        AdmissionRequest admit = new AdmissionRequest(who, provider(), request.mode(),
                pricing.expectedCostMicros(request.mode()), (int) settings.jobTimeout().toSeconds(), "job_");
        return jobs.admit(admit).flatMap(job -> jobs.submit(provider(), job,
                upstream.generate(rawBody), "job_id")
                .flatMap(body -> accepted(job, body, admit.expectedCostMicros(), baseUrl)));
    }

    public Uni<Response> status(TenantPrincipal who, String publicId, String baseUrl) {
        return jobs.owned(publicId, who.tenantId(), provider())
                .flatMap(job -> jobs.tenantPoll(job, this::pollAndSettle, this::finishedJob))
                .map(settled -> Response.ok(rewrite(settled.body(), settled.job(), baseUrl), MediaType.APPLICATION_JSON_TYPE)
                        .build());
    }

    @Override
    public Uni<JobView> refresh(JobView job) {
        return pollAndSettle(job).map(JobSteps.Settled::job);
    }

    private Uni<Response> accepted(JobView job, ObjectNode body, long heldForCostMicros, String baseUrl) {
        Instant firstPoll = clock.now().plus(settings.firstPollAfter());
        Long resizeTo = statuses.expectedCostReplacing(body, heldForCostMicros);
        return jobs.submitted(job, body.get("job_id").asText(), statuses.of(body), firstPoll, resizeTo)
                .map(submitted -> Response.status(202).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(rewrite(body, submitted, baseUrl)).build());
    }

    /** Polls the job upstream and applies its status. */
    private Uni<JobSteps.Settled> pollAndSettle(JobView job) {
        return jobs.settle(provider(), job, upstream.job(job.upstreamId()), statuses::of);
    }

    /**
     * A finished job Reef stored no provider body for (it expired the job itself, or the job ended
     * before bodies were stored), in the shape of a SharkAPI job status.
     */
    private ObjectNode finishedJob(JobView job) {
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

    /** The provider's body as the tenant sees it: Reef's id and poll_url, the tenant's prices. */
    private ObjectNode rewrite(ObjectNode upstreamBody, JobView job, String baseUrl) {
        ObjectNode body = upstreamBody.deepCopy();
        body.put("job_id", job.publicId());
        body.put("poll_url", baseUrl + JOBS_PATH + job.publicId());
        SharkApiStatuses.putTenantPrices(body, job.holdMicros(),
                job.priceMicros() != null ? job.priceMicros() : job.holdMicros());
        return body;
    }
}
