package io.reef.provider.sharkapi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.reef.upstream.AccountSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SharkAPI settings besides the REST client's own ({@code quarkus.rest-client.sharkapi.*}). */
@ConfigMapping(prefix = "reef.providers.sharkapi")
public interface SharkApiSettings {

    /** The reseller's SharkAPI token. Never logged. */
    Optional<String> apiKey();

    /** More accounts of the reseller ({@code accounts.<name>.api-key}, {@code .weight}, {@code .submits-per-second}). */
    Map<String, AccountSettings> accounts();

    /** How long a job may stay non-terminal before Reef expires it (the doc gives no limit). */
    @WithDefault("600S")
    Duration jobTimeout();

    /** When a new job is first polled by the reconciler (the doc suggests polling every 2 s). */
    @WithDefault("2S")
    Duration firstPollAfter();

    /**
     * Largest accepted body: a 10 MB image is 13,981,016 base64 characters, plus a 2,000
     * character prompt (up to 12,000 bytes escaped) and the other fields.
     */
    @WithDefault("14050000")
    long maxBodyBytes();
}
