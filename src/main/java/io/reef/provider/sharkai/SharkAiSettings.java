package io.reef.provider.sharkai;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.reef.upstream.AccountSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Shark AI connection settings besides the REST client's own ({@code quarkus.rest-client.sharkai.*}). */
@ConfigMapping(prefix = "reef.providers.sharkai")
public interface SharkAiSettings {

    /** The reseller's Shark AI key. Never logged. */
    Optional<String> apiKey();

    /** More accounts of the reseller ({@code accounts.<name>.api-key}, {@code .weight}, {@code .submits-per-second}). */
    Map<String, AccountSettings> accounts();

    /** How often a synchronous request's task is polled upstream while the tenant waits. */
    @WithDefault("2S")
    Duration syncPollInterval();

    /** After the first few polls a waiting sync request backs off to this interval. */
    @WithDefault("5S")
    Duration syncMaxPollInterval();

    /** Extra wait beyond the task's own timeout before a sync request gives up with 504. */
    @WithDefault("30S")
    Duration syncGrace();

    /** Most images one request may ask for ({@code n}); checked before anything is held. */
    @WithDefault("10")
    int maxImages();

    /** Largest accepted request body (413 above it). */
    @WithDefault("10485760")
    long maxBodyBytes();
}
