package io.reef.provider;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Quarkus honours Forwarded / X-Forwarded-* from every client when
 * {@code quarkus.http.proxy.trusted-proxies} is unset or empty. application.properties sets a
 * default that trusts nobody; an operator who blanks it (e.g. {@code QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=})
 * would let any client choose the host of the URLs Reef hands out, so Reef refuses to start.
 */
@ApplicationScoped
public class TrustedProxiesCheck {

    static final String KEY = "quarkus.http.proxy.trusted-proxies";
    private static final Logger LOG = Logger.getLogger(TrustedProxiesCheck.class);

    /** Runs before every other start-up observer (e.g. the dev demo tenant, which logs a key). */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        if (config.getOptionalValue(KEY, String.class).map(String::isBlank).orElse(true)) {
            String why = "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES (" + KEY + ") is empty, which would trust Forwarded/X-Forwarded-* "
                    + "headers from every client: Reef refuses to start. Name your proxies (IPs or CIDRs) or leave it unset to trust none.";
            LOG.error(why);
            throw new IllegalStateException(why);
        }
    }
}
