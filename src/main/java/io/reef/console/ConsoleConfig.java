package io.reef.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's and portal's sessions and login throttle ({@code reef.console.*}). */
@ConfigMapping(prefix = "reef.console")
public interface ConsoleConfig {

    /** How long a session lasts after login (then the person logs in again). */
    @WithDefault("8H")
    Duration sessionTtl();

    LoginFailures loginFailures();

    interface LoginFailures {
        /** Failed logins allowed per client address within one window; the next gets 429. */
        @WithDefault("10")
        int limit();

        /** The fixed window the failures are counted in. */
        @WithDefault("1M")
        Duration window();
    }
}
