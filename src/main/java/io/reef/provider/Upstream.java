package io.reef.provider;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.reef.common.ReefMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** Shared plumbing for upstream calls: read the answer fully and time it. */
public final class Upstream {

    private Upstream() {
    }

    public static Uni<UpstreamResponse> call(ReefMetrics metrics, String provider, String operation,
            Supplier<Uni<Response>> request) {
        long start = System.nanoTime();
        return Uni.createFrom().<Response> deferred(request::get)
                .map(UpstreamResponse::read)
                .onItemOrFailure().invoke((response, failure) -> metrics.upstreamCall(provider, operation,
                        failure != null ? "error" : Integer.toString(response.status()),
                        Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * A request body for the REST clients: the buffer itself as a one-item stream, which the
     * client writes to the connection as it is (a byte[] or String entity is copied twice more).
     */
    public static Multi<io.vertx.mutiny.core.buffer.Buffer> bodyOf(Buffer body) {
        return Multi.createFrom().item(io.vertx.mutiny.core.buffer.Buffer.newInstance(body));
    }

    /** For polls: 5xx answers are failures (retried, counted by the circuit breaker). */
    public static UpstreamResponse failOnServerError(UpstreamResponse response) {
        if (response.status() >= 500) {
            throw new UpstreamUnavailableException(response);
        }
        return response;
    }
}
