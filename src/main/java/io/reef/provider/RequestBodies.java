package io.reef.provider;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a provider request body once, into one buffer sized from its Content-Length: the only
 * copy of the body Reef keeps (parsed, hashed and forwarded from there). Called by the generate
 * resources after authentication, so an unauthenticated client is never sent 100-continue and
 * its body is never buffered; {@link BodyLimitFilter} has paused the request and reserved its size.
 */
@ApplicationScoped
public class RequestBodies {

    /** First allocation for a body without a Content-Length; it grows as chunks arrive. */
    private static final int CHUNKED_INITIAL_BYTES = 64 * 1024;

    private final Duration readTimeout;

    public RequestBodies(LimitsConfig limits) {
        this.readTimeout = limits.bodyReadTimeout();
    }

    public Uni<Buffer> read(HttpServerRequest request, long maxBytes) {
        return Uni.createFrom().<Buffer> emitter(emitter -> {
            long declared = BodyLimitFilter.contentLength(request);
            if (declared > maxBytes) {
                emitter.fail(tooLarge(request, maxBytes));
                return;
            }
            Buffer body = Buffer.buffer((int) (declared >= 0 ? declared : Math.min(maxBytes, CHUNKED_INITIAL_BYTES)));
            request.handler(chunk -> {
                if (body.length() + (long) chunk.length() > maxBytes) {
                    request.handler(null).endHandler(null);
                    emitter.fail(tooLarge(request, maxBytes));
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(emitter::fail);
            request.endHandler(ended -> emitter.complete(body));
            if (BodyLimitFilter.expectsContinue(request)) {
                request.response().writeContinue();
            }
            request.resume();
        }).ifNoItem().after(readTimeout).failWith(() -> {
            request.handler(null).endHandler(null);
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            return new ApiException(408, "request_timeout", "The request body was not received within "
                    + readTimeout.toSeconds() + " seconds");
        });
    }

    private static ApiException tooLarge(HttpServerRequest request, long maxBytes) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
        return new ApiException(413, "request_too_large", "Request body too large: the limit is " + maxBytes + " bytes");
    }
}
