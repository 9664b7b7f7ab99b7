package io.reef.provider;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.reef.common.ReefMetrics;
import io.smallrye.mutiny.Uni;

/** Shared plumbing for upstream calls: read the answer fully and time it. */
public final class Upstream {

    private Upstream() {
    }

    public static Uni<UpstreamResponse> call(ReefMetrics metrics, String provider, String operation,
            Supplier<Uni<Response>> request) {
        long start = System.nanoTime();
        return Uni.createFrom().<Response>deferred(request::get)
                .map(UpstreamResponse::read)
                .onItemOrFailure().invoke((response, failure) -> metrics.upstreamCall(provider, operation,
                        failure != null ? "error" : Integer.toString(response.status()),
                        Duration.ofNanos(System.nanoTime() - start)));
    }

    /** For polls: 5xx answers are failures (retried, counted by the circuit breaker). */
    public static UpstreamResponse failOnServerError(UpstreamResponse response) {
        if (response.status() >= 500) {
            throw new UpstreamUnavailableException(response);
        }
        return response;
    }
}
