package io.reef.simulator;

import jakarta.ws.rs.core.UriInfo;

/** Absolute URLs of the simulator, derived from the request (the simulator is served by the app itself). */
public final class SimulatorUrls {

    private SimulatorUrls() {
    }

    /** {@code scheme://host:port/sim/<provider>}, without trailing slash. */
    public static String base(UriInfo uriInfo, String provider) {
        String root = uriInfo.getBaseUri().toString();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root + "/sim/" + provider;
    }
}
