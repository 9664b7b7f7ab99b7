package io.reef.provider.sharkapi;

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
 * SharkAPI calls with their fault-tolerance policy: a generate is never retried (it could
 * create a second billed job); status polls are retried with backoff behind a circuit breaker.
 */
@ApplicationScoped
public class SharkApiUpstream {

    private static final String PROVIDER = SharkApiProvider.NAME;

    private final SharkApiClient client;
    private final ReefMetrics metrics;
    /** The reseller's token as an Authorization header (never logged). */
    private final String authorization;

    public SharkApiUpstream(@RestClient SharkApiClient client, ReefMetrics metrics, SharkApiSettings settings) {
        this.client = client;
        this.metrics = metrics;
        this.authorization = "Bearer " + settings.apiKey().orElse("");
    }

    @Timeout(15_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<UpstreamResponse> generate(Buffer body) {
        return Upstream.call(metrics, PROVIDER, "submit",
                () -> client.generate(Upstream.bodyOf(body), body.length(), authorization));
    }

    @Timeout(5_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<UpstreamResponse> job(String upstreamId) {
        return Upstream.call(metrics, PROVIDER, "poll", () -> client.job(upstreamId, authorization))
                .map(Upstream::failOnServerError);
    }
}
