package io.reef.provider;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This replica's budget of in-flight request-body bytes ({@code reef.limits.in-flight-body-bytes}).
 * A large body reserves its size before it is read and gives it back when its request ends; a
 * reservation that does not fit is refused, never queued. Gauge: {@code reef_in_flight_body_bytes}.
 */
@ApplicationScoped
public class InFlightBodies {

    /** Bodies smaller than this are not counted: they cannot add up to a heap's worth. */
    public static final long SMALL_BODY_BYTES = 64 * 1024;

    private final long budget;
    private final AtomicLong reserved = new AtomicLong();

    public InFlightBodies(LimitsConfig limits, MeterRegistry registry) {
        this.budget = limits.inFlightBodyBytes();
        Gauge.builder("reef.in.flight.body.bytes", reserved, AtomicLong::get)
                .description("Request-body bytes reserved by requests being read or processed")
                .baseUnit("bytes")
                .register(registry);
    }

    /** Reserves {@code bytes}; false (and nothing reserved) when the budget cannot take them. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long now = reserved.get();
            if (now + bytes > budget) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    public void giveBack(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** Bytes reserved now (tests and the gauge). */
    public long reserved() {
        return reserved.get();
    }
}
