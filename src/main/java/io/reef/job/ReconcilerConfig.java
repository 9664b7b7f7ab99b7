package io.reef.job;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The background reconciler: how often it looks, how much it takes, how hard it polls. */
@ConfigMapping(prefix = "reef.reconciler")
public interface ReconcilerConfig {

    @WithDefault("true")
    boolean enabled();

    /** How often each replica looks for due jobs. */
    @WithDefault("1S")
    Duration interval();

    /** Upper bound on upstream polls per second, per provider, per replica. */
    @WithDefault("50")
    int maxPollsPerSecond();

    /** How long a claim lasts; a crashed replica's claims are taken over after it. */
    @WithDefault("30S")
    Duration lease();

    /** Poll spacing for a job: starts here (providers ask for 2-5 s) ... */
    @WithDefault("2S")
    Duration minPollInterval();

    /** ... and backs off to this. */
    @WithDefault("5S")
    Duration maxPollInterval();

    /** A job still not terminal this long after its own timeout is expired and its hold voided. */
    @WithDefault("60S")
    Duration expiryGrace();

    /** After expiry, the job is still polled this often for a late completion ... */
    @WithDefault("60S")
    Duration latePollInterval();

    /** ... for this long, so a late completion is still charged once, never lost. */
    @WithDefault("24H")
    Duration latePollHorizon();

    /** Idempotency keys are kept at least this long. */
    @WithDefault("48H")
    Duration idempotencyRetention();
}
