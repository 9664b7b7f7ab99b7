package io.reef.provider.sharkai;

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
 * Shark AI as a {@link Provider}: tasks under {@value #PATH} (the same path upstream and at Reef),
 * held per image in credit, cancellable while pending.
 */
@ApplicationScoped
public class SharkAiProvider implements Provider {

    /** The provider's name, stored on its jobs. */
    public static final String NAME = "sharkai";
    /** Shark AI's generate path, upstream and at Reef; a task lives under it by id. */
    public static final String PATH = "/api/v1/images/generations";
    /** Everything under it is Shark AI compatible (and needs a tenant key). */
    static final String ROUTE = "/api/v1/images/";

    private final SharkAiUpstream upstream;
    private final SharkAiStatuses statuses;
    private final SharkAiPricing pricing;
    private final SharkAiSettings settings;
    private final ObjectMapper mapper;

    public SharkAiProvider(SharkAiUpstream upstream, SharkAiStatuses statuses, SharkAiPricing pricing,
            SharkAiSettings settings, ObjectMapper mapper) {
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
        return List.of(PATH + "/{id}", PATH + "/{id}/cancel");
    }

    @Override
    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** The longest task timeout, the sync grace and the submit. */
    @Override
    public Duration longestAnswer() {
        return Duration.ofSeconds(SharkAiRequest.MAX_TIMEOUT).plus(settings.syncGrace()).plusMinutes(1);
    }

    @Override
    public Generation parse(Buffer body) {
        return generation(request(body), body);
    }

    /** The tenant's body, validated (a 400 when it is bad). */
    SharkAiRequest request(Buffer body) {
        return SharkAiRequest.of(Json.parseObject(mapper, body, settings.maxBodyBytes()), settings.maxImages());
    }

    /**
     * A request as a job: held per image. Reef always submits with {@code "async": true}: a body
     * that already says so is forwarded as received; any other is re-serialised with it.
     */
    Generation generation(SharkAiRequest request, Buffer body) {
        Buffer upstreamBody = request.async() ? body : Buffer.buffer(Json.writeBytes(mapper, request.upstreamBody()));
        return new Generation(request.model(), pricing.expectedCostMicros(request.model(), request.images()),
                request.timeoutSeconds(), "task_", upstreamBody);
    }

    @Override
    public Uni<UpstreamResponse> submit(Generation generation, UpstreamAccount account) {
        return upstream.submit(generation.upstreamBody(), account);
    }

    @Override
    public Uni<UpstreamResponse> poll(String upstreamId, UpstreamAccount account) {
        return upstream.task(upstreamId, account);
    }

    @Override
    public Uni<UpstreamResponse> cancel(String upstreamId, UpstreamAccount account) {
        return upstream.cancel(upstreamId, account);
    }

    @Override
    public String upstreamId(ObjectNode accepted) {
        JsonNode id = accepted.path("id");
        return id.isTextual() ? id.asText() : null;
    }

    @Override
    public Observation observe(ObjectNode task) {
        return statuses.ofTask(task);
    }

    /** A task is first polled by its sync wait (the reconciler polls async ones from then on). */
    @Override
    public Duration firstPollAfter() {
        return settings.syncPollInterval();
    }

    /** The provider's task object as the tenant sees it: Reef's id and URLs, the tenant's price. */
    @Override
    public ObjectNode forTenant(ObjectNode upstreamTask, JobView job, String baseUrl) {
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
            // a result is answered after the job was finished, so it has its price; the hold (already at
            // the tenant's price) is the fallback, never the provider's own credit
            long price = job.priceMicros() != null ? job.priceMicros() : job.holdMicros();
            resultObject.put("credit", SharkAiCredit.fromMicros(price));
        }
        return task;
    }

    /** A finished task Reef stored no provider body for, in the shape of a Shark AI task. */
    @Override
    public ObjectNode finishedBody(JobView job) {
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
            task.putObject("error")
                    .put("message", job.error() != null ? job.error() : "Image generation " + job.status().wire())
                    .put("type", "generation_error");
        }
        return task;
    }
}
