package io.reef.provider.sharkai;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.provider.Generation;
import io.reef.provider.JobFlow;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * What only Shark AI's generate has: a sync call ({@code async} absent or false) waits for its
 * task and answers with the task's result, Reef's price in credit; an async call is answered 202
 * with the task. Everything else is {@link JobFlow}'s.
 */
@ApplicationScoped
public class SharkAiGateway {

    private final SharkAiProvider provider;
    private final SharkAiSettings settings;
    private final JobFlow flow;
    private final ReefClock clock;

    public SharkAiGateway(SharkAiProvider provider, SharkAiSettings settings, JobFlow flow, ReefClock clock) {
        this.provider = provider;
        this.settings = settings;
        this.flow = flow;
        this.clock = clock;
    }

    public Uni<Response> generate(TenantPrincipal who, Buffer rawBody, String baseUrl) {
        SharkAiRequest request = provider.request(rawBody);
        Generation generation = provider.generation(request, rawBody);
        if (request.async()) {
            return flow.accept(who, provider, generation, baseUrl);
        }
        return flow.start(who, provider, generation)
                .flatMap(started -> flow.awaitTerminal(provider, started.job(), deadline(started.job()),
                        settings.syncPollInterval(), settings.syncMaxPollInterval()))
                .map(finished -> syncAnswer(finished.job(), finished.body()));
    }

    private Instant deadline(JobView job) {
        return clock.now().plusSeconds(job.timeoutSeconds()).plus(settings.syncGrace());
    }

    /** Like a sync Shark AI call: the task's result at the tenant's price, or the generation's error. */
    private static Response syncAnswer(JobView job, ObjectNode task) {
        if (job.status() == JobStatus.COMPLETED && task != null && task.path("result").isObject()) {
            ObjectNode result = ((ObjectNode) task.get("result")).deepCopy();
            result.put("credit", SharkAiCredit.fromMicros(job.priceMicros()));
            return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
        }
        String message = job.error() != null ? job.error() : "Image generation " + job.status().wire();
        throw new ApiException(502, "generation_error", message);
    }
}
