package io.reef.provider;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The base of every URL Reef hands to tenants ({@code polling_url}, {@code cancel_url},
 * {@code poll_url}): {@code reef.public-base-url} when set, else the request's own base. Quarkus
 * rewrites that base from Forwarded / X-Forwarded-* only for connections from
 * {@code quarkus.http.proxy.trusted-proxies} (default: nobody; see application.properties).
 */
@ApplicationScoped
public class PublicUrls {

    private final Optional<String> configured;

    public PublicUrls(@ConfigProperty(name = "reef.public-base-url") Optional<String> configured) {
        this.configured = configured.map(PublicUrls::trimSlash);
    }

    public String base(UriInfo uriInfo) {
        return configured.orElseGet(() -> trimSlash(uriInfo.getBaseUri().toString()));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
