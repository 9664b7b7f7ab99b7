package io.reef.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

/**
 * The security headers of every console and portal response and of the front page {@code /},
 * whoever answers it (a page, a redirect, a refusal, a static asset, a 404): a
 * Content-Security-Policy that lets only Reef's own files load (no inline script, no inline
 * style, no other origin), no framing, no referrer to other origins, no MIME sniffing, and pages
 * (not the assets) never cached.
 */
@ApplicationScoped
public class PageHeaders {

    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static final String ASSETS = "/console/assets/";

    void install(@Observes Router router) {
        router.route().order(-900).handler(ctx -> {
            String path = ctx.request().path();
            if (path != null && (path.equals("/") || Audience.forPath(path) != null)) {
                HttpServerResponse response = ctx.response();
                response.putHeader("Content-Security-Policy", POLICY)
                        .putHeader("X-Frame-Options", "DENY")
                        .putHeader("Referrer-Policy", "same-origin")
                        .putHeader("X-Content-Type-Options", "nosniff");
                if (!path.startsWith(ASSETS)) {
                    response.putHeader("Cache-Control", "no-store");
                }
            }
            ctx.next();
        });
    }
}
