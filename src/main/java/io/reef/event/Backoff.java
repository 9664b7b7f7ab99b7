package io.reef.event;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: before retry number {@code n} (1 after the first failed
 * attempt) the ceiling is {@code initial * 2^(n-1)}, capped at {@code max}, and the delay a random
 * value between 0 and that ceiling, so replicas retrying many deliveries to one receiver that
 * comes back do not all arrive at once.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    /** A random value in [0, bound]; the dispatcher's is ThreadLocalRandom. */
    private final LongUnaryOperator random;

    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    /** The highest delay before retry number {@code failedAttempts}. */
    long ceilingMillis(int failedAttempts) {
        int doublings = Math.min(Math.max(0, failedAttempts - 1), 40);
        long ceiling = initialMillis << Math.min(doublings, Long.numberOfLeadingZeros(initialMillis) - 1);
        return Math.min(ceiling, maxMillis);
    }

    Duration delay(int failedAttempts) {
        return Duration.ofMillis(random.applyAsLong(ceilingMillis(failedAttempts)));
    }
}
