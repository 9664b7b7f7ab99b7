package io.reef.devmode;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Dev mode only: the generations {@link DevDemoTenant} sends through Reef itself (the tenant API,
 * the built-in simulator as upstream) when the demo tenant has spent nothing yet in its period, so
 * the console opens on some real spend. Which provider paths and bodies is configuration
 * ({@code application.properties}), not code.
 */
@ConfigMapping(prefix = "reef.dev-demo")
public interface DevDemoConfig {

    /** How many times the list of requests is sent. */
    @WithDefault("2")
    int rounds();

    List<Request> requests();

    interface Request {
        /** A tenant API path, e.g. a provider's generation endpoint. */
        String path();

        /** The JSON body. */
        String body();
    }
}
