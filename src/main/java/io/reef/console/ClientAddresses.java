package io.reef.console;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address as Quarkus sees it: the connection's peer, or the address a trusted proxy
 * names in {@code Forwarded}/{@code X-Forwarded-For} (only from {@code quarkus.http.proxy.trusted-proxies}).
 */
final class ClientAddresses {

    private ClientAddresses() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String host = remote == null ? null : remote.hostAddress();
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        return host.length() > 64 ? host.substring(0, 64) : host;
    }
}
