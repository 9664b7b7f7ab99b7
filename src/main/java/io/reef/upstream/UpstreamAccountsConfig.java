package io.reef.upstream;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Reef treats its upstream accounts ({@code reef.upstream-accounts.*}); the accounts themselves are per provider. */
@ConfigMapping(prefix = "reef.upstream-accounts")
public interface UpstreamAccountsConfig {

    /** How often every replica reads the accounts' states back (an account another replica took out of rotation). */
    @WithDefault("2S")
    Duration refreshInterval();

    /** How long an account cools down after a 429 that carried no usable {@code Retry-After}. */
    @WithDefault("30S")
    Duration coolDown();

    /** Longest cool-down a provider's {@code Retry-After} may ask for (a larger one is capped). */
    @WithDefault("1H")
    Duration maxCoolDown();

    /** The {@code Retry-After} of a 503 when no account can take a job and none is cooling down. */
    @WithDefault("60S")
    Duration noAccountRetryAfter();

    /** Per account: the longest a submit may take (then 504, never resent: the job may exist). */
    @WithDefault("15S")
    Duration submitTimeout();

    /** Per account: the longest one poll attempt may take. */
    @WithDefault("5S")
    Duration pollTimeout();

    /** Per account: retries of a failed poll (idempotent), 200 ms apart with jitter. */
    @WithDefault("2")
    int pollRetries();

    /** Per account: the longest a cancel may take. */
    @WithDefault("10S")
    Duration cancelTimeout();

    /** Per account and operation: the circuit breaker's window of calls. */
    @WithDefault("20")
    int circuitBreakerVolume();

    /** Per account and operation: the failed share of the window, in percent, that opens the breaker. */
    @WithDefault("50")
    int circuitBreakerFailurePercent();

    /** Per account and operation: how long an open breaker stays open before it lets a trial call through. */
    @WithDefault("5S")
    Duration circuitBreakerDelay();
}
