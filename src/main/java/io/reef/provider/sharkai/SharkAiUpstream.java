package io.reef.provider.sharkai;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.reef.common.ReefMetrics;
import io.reef.provider.Upstream;
import io.reef.provider.UpstreamResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Shark AI calls with their fault-tolerance policy. A submit is never retried (a retry could
 * create a second billed task); polls are idempotent, so they are retried with backoff and
 * guarded by a circuit breaker. Values can be tuned with MicroProfile FT config, e.g.
 * {@code io.reef.provider.sharkai.SharkAiUpstream/submit/Timeout/value}.
 */
@ApplicationScoped
public class SharkAiUpstream {

    private static final String PROVIDER = SharkAiProvider.NAME;

    private final SharkAiClient client;
    private final ReefMetrics metrics;
    /** The reseller's key as an Authorization header (never logged). */
    private final String authorization;

    public SharkAiUpstream(@RestClient SharkAiClient client, ReefMetrics metrics, SharkAiSettings settings) {
        this.client = client;
        this.metrics = metrics;
        this.authorization = "Bearer " + settings.apiKey().orElse("");
    }

    @Timeout(15_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<UpstreamResponse> submit(Buffer body) {
        return Upstream.call(metrics, PROVIDER, "submit",
                () -> client.submit(Upstream.bodyOf(body), body.length(), authorization));
    }

    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<UpstreamResponse> task(String upstreamId) {
        return Upstream.call(metrics, PROVIDER, "poll", () -> client.task(upstreamId, authorization))
                .map(Upstream::failOnServerError);
    }

    @Timeout(10_000)
    public Uni<UpstreamResponse> cancel(String upstreamId) {
        return Upstream.call(metrics, PROVIDER, "cancel", () -> client.cancel(upstreamId, authorization));
    }
}
