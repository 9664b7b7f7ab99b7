package io.reef.event;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook deliveries: how often each replica looks, how it backs off, when it gives up. */
@ConfigMapping(prefix = "reef.events")
public interface EventsConfig {

    /** How often each replica's dispatcher looks for due deliveries (read by its @Scheduled; at least 1 s). */
    @WithDefault("1S")
    Duration pollInterval();

    /** Deliveries one replica claims per tick. */
    @WithDefault("50")
    int batchSize();

    /** How long a claim lasts; a crashed replica's claims are retried after it. */
    @WithDefault("60S")
    Duration lease();

    /** Retry delays start from here (full jitter: a random delay between 0 and the current ceiling) ... */
    @WithDefault("10S")
    Duration initialBackoff();

    /** ... whose ceiling doubles per attempt up to this. */
    @WithDefault("1H")
    Duration maxBackoff();

    /** A delivery still not acknowledged this long after its event is marked failed. */
    @WithDefault("24H")
    Duration giveUpAfter();

    /** Connect and response timeout of one delivery attempt. */
    @WithDefault("10S")
    Duration timeout();

    /**
     * Whether webhook targets may be loopback, private, link-local, unique-local, any-local or
     * multicast addresses (checked at registration and again before each delivery).
     */
    @WithDefault("false")
    boolean allowPrivateTargets();
}
