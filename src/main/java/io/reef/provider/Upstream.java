package io.reef.provider;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.reef.common.ReefMetrics;
import io.reef.upstream.UpstreamAccount;
import io.reef.upstream.UpstreamOperation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** Shared plumbing for upstream calls: guard them per account, read the answer fully, time it. */
public final class Upstream {

    private Upstream() {
    }

    /**
     * One call on an upstream account, behind the account's guards for the operation (see
     * {@link UpstreamAccount}): the answer read fully, each attempt timed and counted by provider,
     * account, operation and outcome. A poll's 5xx answer is a failure (retried, counted by the
     * poll's circuit breaker).
     */
    public static Uni<UpstreamResponse> call(ReefMetrics metrics, UpstreamAccount account, UpstreamOperation operation,
            Supplier<Uni<Response>> request) {
        return account.guarded(operation, () -> {
            long start = System.nanoTime();
            Uni<UpstreamResponse> answer = Uni.createFrom().<Response> deferred(request::get)
                    .map(UpstreamResponse::read)
                    .onItemOrFailure().invoke((response, failure) -> metrics.upstreamCall(account.provider(),
                            account.name(), operation.tag(), failure != null ? "error" : Integer.toString(response.status()),
                            Duration.ofNanos(System.nanoTime() - start)));
            return operation == UpstreamOperation.POLL ? answer.map(Upstream::failOnServerError) : answer;
        });
    }

    /**
     * A request body for the REST clients: the buffer itself as a one-item stream, which the
     * client writes to the connection as it is (a byte[] or String entity is copied twice more).
     */
    public static Multi<io.vertx.mutiny.core.buffer.Buffer> bodyOf(Buffer body) {
        return Multi.createFrom().item(io.vertx.mutiny.core.buffer.Buffer.newInstance(body));
    }

    /** For polls: 5xx answers are failures (retried, counted by the circuit breaker). */
    private static UpstreamResponse failOnServerError(UpstreamResponse response) {
        if (response.status() >= 500) {
            throw new UpstreamUnavailableException(response);
        }
        return response;
    }
}
