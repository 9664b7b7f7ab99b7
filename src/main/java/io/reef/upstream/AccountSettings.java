package io.reef.upstream;

import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.WithDefault;

/**
 * One upstream account of a provider, as configured:
 * {@code reef.providers.<provider>.accounts.<name>.*} (each provider's settings map them; see
 * {@link AccountConfig#of}).
 */
public interface AccountSettings {

    /** The account's API key. Never logged, never answered. */
    Optional<String> apiKey();

    /** Its share of new jobs among the healthy accounts of its provider (at least 1). */
    @WithDefault("1")
    int weight();

    /**
     * Most submits per second Reef sends on this account (none: no limit of Reef's own; the
     * provider's 429 still cools it down). Beyond it a submit moves on to the next account.
     */
    OptionalInt submitsPerSecond();
}
