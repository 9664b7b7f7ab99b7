package io.reef.event;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ApiException;

/**
 * Which URLs a webhook may target: absolute {@code http(s)} URLs with a host, and (unless {@code
 * reef.events.allow-private-targets=true}) only hosts whose every address is public, so that an
 * operator's webhook cannot be pointed at Reef's own network (loopback, private, link-local, shared
 * address space, unique-local, any-local or multicast). Checked at registration and again before
 * each delivery, because a name may resolve differently later.
 */
@ApplicationScoped
public class WebhookTargets {

    static final int MAX_URL = 2000;

    private final EventsConfig config;

    public WebhookTargets(EventsConfig config) {
        this.config = config;
    }

    /** The URL, checked for registration: 400 (Reef's envelope) when it may not be a target. */
    public URI forRegistration(String url) {
        URI uri = parse(url);
        String refusal = refusal(uri);
        if (refusal != null) {
            throw ApiException.badRequest("'url' " + refusal);
        }
        return uri;
    }

    /** Why a delivery to this URL may not be made now, or null when it may. */
    String refusalAtDelivery(String url) {
        try {
            return refusal(parse(url));
        } catch (ApiException e) {
            return e.getMessage();
        }
    }

    private String refusal(URI uri) {
        if (config.allowPrivateTargets()) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(uri));
        } catch (UnknownHostException e) {
            return "names a host that cannot be resolved";
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "resolves to a loopback, private, link-local or otherwise non-public address "
                        + "(allowed only with reef.events.allow-private-targets=true)";
            }
        }
        return null;
    }

    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("'url' is required");
        }
        if (url.length() > MAX_URL) {
            throw ApiException.badRequest("'url' must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("'url' must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiException.badRequest("'url' must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest("'url' must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("'url' must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.badRequest("'url' must not have a fragment");
        }
        return uri;
    }

    /** The host, without the brackets of an IPv6 literal. */
    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique-local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10, shared address space
                || first >= 240); // reserved, broadcast
    }
}
