package io.reef.provider.sharkai;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.Json;
import io.reef.common.Money;
import io.reef.common.ReefClock;
import io.reef.job.AdmissionRequest;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.provider.JobStillRunningException;
import io.reef.provider.JobSteps;
import io.reef.provider.ProviderAdapter;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The Shark AI compatible flows: generate (sync and async), poll, cancel. Every flow is
 * non-blocking: database steps run on worker threads, upstream calls and waits on the event loop,
 * so thousands of tenants can wait on slow syncs without a thread each.
 */
@ApplicationScoped
public class SharkAiGateway implements ProviderAdapter {

    static final String PATH = "/api/v1/images/generations";
    private static final int FAST_POLLS = 5;

    private final SharkAiUpstream upstream;
    private final SharkAiStatuses statuses;
    private final SharkAiPricing pricing;
    private final SharkAiSettings settings;
    private final JobSteps jobs;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public SharkAiGateway(SharkAiUpstream upstream, SharkAiStatuses statuses, SharkAiPricing pricing,
            SharkAiSettings settings, JobSteps jobs, ObjectMapper mapper, ReefClock clock) {
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
        return SharkAiUpstream.PROVIDER;
    }

    /** The longest a generate can take to answer: the longest task timeout, the sync grace and the submit. */
    public java.time.Duration longestAnswer() {
        return java.time.Duration.ofSeconds(SharkAiRequest.MAX_TIMEOUT).plus(settings.syncGrace()).plusMinutes(1);
    }

    public Uni<Response> generate(TenantPrincipal who, Buffer rawBody, String baseUrl) {
        SharkAiRequest request = SharkAiRequest.of(Json.parseObject(mapper, rawBody, settings.maxBodyBytes()),
                settings.maxImages());
        AdmissionRequest admit = new AdmissionRequest(who, provider(), request.model(),
                pricing.expectedCostMicros(request.model(), request.images()), request.timeoutSeconds(), "task_");
        return jobs.admit(admit)
                .flatMap(job -> submit(job, request, rawBody)
                        .flatMap(submitted -> request.async()
                                ? Uni.createFrom().item(accepted(submitted, baseUrl))
                                : awaitResult(submitted.job(), deadline(submitted.job()))));
    }

    public Uni<Response> poll(TenantPrincipal who, String publicId, String baseUrl) {
        return jobs.owned(publicId, who.tenantId(), provider())
                .flatMap(job -> jobs.tenantPoll(job, this::pollAndSettle, this::finishedTask))
                .map(settled -> ok(rewriteTask(settled.body(), settled.job(), baseUrl)));
    }

    public Uni<Response> cancel(TenantPrincipal who, String publicId, String baseUrl) {
        return jobs.owned(publicId, who.tenantId(), provider())
                .flatMap(jobs::cancellable)
                .flatMap(job -> jobs.settle(provider(), job, upstream.cancel(job.upstreamId()), statuses::ofTask))
                .call(settled -> jobs.forgetAnswer(publicId))
                .map(settled -> ok(rewriteTask(settled.body(), settled.job(), baseUrl)));
    }

    @Override
    public Uni<JobView> refresh(JobView job) {
        return pollAndSettle(job).map(JobSteps.Settled::job);
    }

    // ------------------------------------------------------------------ submit

    private record Submitted(JobView job, ObjectNode task) {
    }

    private Uni<Submitted> submit(JobView job, SharkAiRequest request, Buffer rawBody) {
        return jobs.submit(provider(), job, upstream.submit(upstreamBody(request, rawBody)), "id")
                .flatMap(task -> jobs.submitted(job, task.get("id").asText(), statuses.ofTask(task),
                        clock.now().plus(settings.syncPollInterval()), null)
                        .map(updated -> new Submitted(updated, task)));
    }

    /**
     * Reef always submits with {@code "async": true}: a body that already says so is forwarded as
     * received; any other is re-serialised with it.
     */
    private Buffer upstreamBody(SharkAiRequest request, Buffer rawBody) {
        return request.async() ? rawBody : Buffer.buffer(Json.writeBytes(mapper, request.upstreamBody()));
    }

    private Response accepted(Submitted submitted, String baseUrl) {
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(rewriteTask(submitted.task(), submitted.job(), baseUrl)).build();
    }

    // ------------------------------------------------------------------ sync wait

    private Instant deadline(JobView job) {
        return clock.now().plusSeconds(job.timeoutSeconds()).plus(settings.syncGrace());
    }

    /**
     * Polls until the task is terminal (non-blocking delays), then answers like a sync Shark AI
     * call. Iterative (a repeating Multi, not a recursive Uni chain), so a request waiting for
     * minutes holds the same few objects as one waiting for seconds.
     */
    private Uni<Response> awaitResult(JobView job, Instant deadline) {
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<JobSteps.Settled> last = new AtomicReference<>(new JobSteps.Settled(job, null));
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().voidItem()
                        .onItem().delayIt().by(pollDelay(polls.getAndIncrement()))
                        .flatMap(ignored -> pollAndSettle(last.get().job()))
                        .onFailure().recoverWithItem(last::get) // transient upstream trouble: keep waiting
                        .invoke(last::set))
                .until(settled -> settled.job().status().terminal() || clock.now().isAfter(deadline))
                .collect().last()
                .map(ignored -> {
                    JobSteps.Settled settled = last.get();
                    if (!settled.job().status().terminal()) {
                        throw new JobStillRunningException(504, "upstream_timeout", "The image was not ready in time; task "
                                + settled.job().publicId() + " is still tracked and will be billed only if it completes", 30L);
                    }
                    return syncAnswer(settled.job(), settled.body());
                });
    }

    /** Polls every sync-poll-interval at first, then back off to sync-max-poll-interval (providers ask 2-5 s). */
    private java.time.Duration pollDelay(int polls) {
        java.time.Duration first = settings.syncPollInterval();
        java.time.Duration max = settings.syncMaxPollInterval();
        return polls < FAST_POLLS || max.compareTo(first) < 0 ? first : max;
    }

    private Response syncAnswer(JobView job, ObjectNode task) {
        if (job.status() == JobStatus.COMPLETED && task != null && task.path("result").isObject()) {
            ObjectNode result = ((ObjectNode) task.get("result")).deepCopy();
            result.put("credit", Money.microsToCredit(job.priceMicros()));
            return ok(result);
        }
        String message = job.error() != null ? job.error() : "Image generation " + job.status().wire();
        throw new ApiException(502, "generation_error", message);
    }

    // ------------------------------------------------------------------ poll & cancel

    /** Polls the task upstream and applies its status. */
    private Uni<JobSteps.Settled> pollAndSettle(JobView job) {
        return jobs.settle(provider(), job, upstream.task(job.upstreamId()), statuses::ofTask);
    }

    /**
     * A finished task Reef stored no provider body for (it expired the task itself, or the task
     * ended before bodies were stored), in the shape of a Shark AI task.
     */
    private ObjectNode finishedTask(JobView job) {
        ObjectNode task = mapper.createObjectNode();
        task.put("id", job.upstreamId());
        task.put("object", "image.generation.task");
        task.put("status", switch (job.status()) {
            case COMPLETED -> "completed";
            case CANCELLED -> "cancelled";
            default -> "failed";
        });
        task.put("created", job.createdAt().getEpochSecond());
        task.put("timeout", job.timeoutSeconds());
        if (job.status() == JobStatus.COMPLETED) {
            task.putObject("result").putArray("data");
        } else if (job.status() != JobStatus.CANCELLED) {
            task.putObject("error").put("message", job.error() != null ? job.error() : "Image generation " + job.status().wire())
                    .put("type", "generation_error");
        }
        return task;
    }

    // ------------------------------------------------------------------ rewriting

    /** The provider's task object as the tenant sees it: Reef's id and URLs, the tenant's price. */
    private ObjectNode rewriteTask(ObjectNode upstreamTask, JobView job, String baseUrl) {
        ObjectNode task = upstreamTask.deepCopy();
        String self = baseUrl + PATH + "/" + job.publicId();
        task.put("id", job.publicId());
        if (task.has("polling_url") || task.has("status")) {
            task.put("polling_url", self);
        }
        if (task.has("cancel_url") || task.has("status")) {
            task.put("cancel_url", self + "/cancel");
        }
        JsonNode result = task.get("result");
        if (result instanceof ObjectNode resultObject) {
            // a result is answered after the job was settled, so it has its price; the hold (already at
            // the tenant's price) is the fallback, never the provider's own credit
            long price = job.priceMicros() != null ? job.priceMicros() : job.holdMicros();
            resultObject.put("credit", Money.microsToCredit(price));
        }
        return task;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
