package io.reef.provider;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Rejects an oversized body with 413 in the providers' envelope from its Content-Length, before
 * a byte of it is buffered. Bodies without a length are capped by quarkus.http.limits.max-body-size
 * and re-checked by the resource.
 */
@ApplicationScoped
public class BodyLimitFilter {

    static final String TOO_LARGE = "{\"error\":{\"message\":\"Request body too large: the limit is %d bytes\",\"type\":\"request_too_large\"}}";

    void install(@Observes Router router, @Any Instance<BodyLimit> limits) {
        List<BodyLimit> all = limits.stream().toList();
        router.route().order(-1000).handler(ctx -> {
            if (ctx.request().method() == HttpMethod.POST) {
                String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null) {
                    String path = ctx.request().path();
                    for (BodyLimit limit : all) {
                        if (path.startsWith(limit.pathPrefix()) && tooLarge(length, limit.maxBytes())) {
                            ctx.response().setStatusCode(413)
                                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                    .putHeader(HttpHeaders.CONNECTION, "close")
                                    .end(String.format(TOO_LARGE, limit.maxBytes()));
                            return;
                        }
                    }
                }
            }
            ctx.next();
        });
    }

    private static boolean tooLarge(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
