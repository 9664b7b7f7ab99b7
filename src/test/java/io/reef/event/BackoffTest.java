package io.reef.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry delays: exponential ceilings (doubling from the initial delay, capped), full jitter below them. */
class BackoffTest {

    @Test
    void theCeilingDoublesPerFailedAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), bound -> bound);
        List<Long> ceilings = new ArrayList<>();
        for (int attempt = 1; attempt <= 11; attempt++) {
            ceilings.add(backoff.delay(attempt).toSeconds());
        }
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 3600L, 3600L), ceilings);
        assertEquals(3_600_000, backoff.ceilingMillis(10_000), "no overflow after many attempts");
    }

    @Test
    void delaysAreFullJitterBetweenZeroAndTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(60),
                bound -> ThreadLocalRandom.current().nextLong(bound + 1));
        for (int attempt = 1; attempt <= 12; attempt++) {
            long ceiling = backoff.ceilingMillis(attempt);
            long sum = 0;
            for (int i = 0; i < 2_000; i++) {
                long delay = backoff.delay(attempt).toMillis();
                assertTrue(delay >= 0 && delay <= ceiling, delay + " within [0, " + ceiling + "]");
                sum += delay;
            }
            double mean = sum / 2_000.0;
            assertTrue(Math.abs(mean - ceiling / 2.0) < ceiling * 0.1, "mean " + mean + " near half of " + ceiling);
        }
        assertTrue(backoff.ceilingMillis(2) > backoff.ceilingMillis(1));
    }

    @Test
    void aTwentyFourHourHorizonWithTheDefaultsIsAboutFiftyAttempts() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), bound -> bound / 2);
        long elapsed = 0;
        int attempts = 1;
        while (elapsed < Duration.ofHours(24).toMillis()) {
            elapsed += backoff.delay(attempts++).toMillis();
        }
        assertTrue(attempts > 40 && attempts < 60, attempts + " attempts on average");
    }
}
