package io.reef.provider;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before a byte of a provider request body is read: an oversized body gets 413 from its
 * Content-Length, and a large body must fit the replica's in-flight budget ({@link InFlightBodies}):
 * it reserves its Content-Length (a body without one, i.e. chunked, reserves the endpoint's
 * maximum) until its request ends, or gets 503 with Retry-After, both in the provider's envelope.
 * The body itself is read later, once the request is authenticated ({@link RequestBodies}).
 * Every POST under a route a {@link Provider} declares is limited to that provider's maximum.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** Large bodies finish within seconds; a client told to wait this long finds room again. */
    static final String RETRY_AFTER_SECONDS = "2";

    void install(@Observes Router router, Providers providers, InFlightBodies inFlight, ObjectMapper mapper) {
        router.route().order(-1000).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (request.method() == HttpMethod.POST) {
                Optional<Provider> provider = providers.forPath(request.path());
                if (provider.isPresent()) {
                    admit(ctx, provider.get(), inFlight, mapper);
                    return;
                }
            }
            ctx.next();
        });
    }

    private static void admit(RoutingContext ctx, Provider provider, InFlightBodies inFlight, ObjectMapper mapper) {
        long maxBytes = provider.maxBodyBytes();
        long declared = contentLength(ctx.request());
        if (declared > maxBytes) {
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(error(mapper, provider, 413, "request_too_large",
                            "Request body too large: the limit is " + maxBytes + " bytes"));
            return;
        }
        long reserve = declared >= 0 ? declared : hasBody(ctx.request()) ? maxBytes : 0;
        if (reserve >= InFlightBodies.SMALL_BODY_BYTES) {
            if (!inFlight.tryReserve(reserve)) {
                busy(ctx, error(mapper, provider, 503, "overloaded_error",
                        "Too many large requests are being processed; retry shortly"));
                return;
            }
            AtomicBoolean givenBack = new AtomicBoolean();
            ctx.addEndHandler(ended -> {
                if (givenBack.compareAndSet(false, true)) {
                    inFlight.giveBack(reserve);
                }
            });
        }
        // Nothing is read until the resource asks for the body (after authentication).
        ctx.request().pause();
        ctx.next();
    }

    /**
     * 503 before the body is read. A client that asked for 100-continue never sends it; any other
     * client's body is read and dropped (up to the request's size, nothing kept), so it gets the
     * answer instead of a reset connection.
     */
    private static void busy(RoutingContext ctx, String body) {
        ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .end(body);
        if (!expectsContinue(ctx.request())) {
            ctx.request().handler(chunk -> {
            }).resume();
        }
    }

    private static String error(ObjectMapper mapper, Provider provider, int status, String type, String message) {
        try {
            return mapper.writeValueAsString(provider.errorEnvelope().body(status, type, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an error body", e);
        }
    }

    /** Without a Content-Length, an HTTP/1.1 request has a body only when it is chunked (HTTP/2: unknown). */
    private static boolean hasBody(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    static boolean expectsContinue(HttpServerRequest request) {
        return "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
    }

    /** The declared length, -1 when there is none (chunked) or it is not a number. */
    static long contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
