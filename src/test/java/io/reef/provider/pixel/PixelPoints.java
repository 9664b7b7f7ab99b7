package io.reef.provider.pixel;

import io.reef.common.Money;

/** Pixel's cost unit: points, 1 point = $0.001 = 1,000 micro-dollars. */
final class PixelPoints {

    static final long MICROS_PER_POINT = Money.MICROS_PER_USD / 1_000;

    private PixelPoints() {
    }

    static long toMicros(long points) {
        return Math.multiplyExact(points, MICROS_PER_POINT);
    }

    /** Micro-dollars as whole points, rounded up (a tenant is never shown less than it pays). */
    static long fromMicros(long micros) {
        return (micros + MICROS_PER_POINT - 1) / MICROS_PER_POINT;
    }
}
