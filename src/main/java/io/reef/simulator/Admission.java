package io.reef.simulator;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * What the simulator's front door decided about one request: an injected delay (possibly zero), the
 * account its bearer key names (null when it carried none) and, when the request is refused (missing key,
 * injected fault, rate limit), the response to give instead of doing the work.
 */
public record Admission(Duration delay, Response rejection, SimulatedAccount account) {

    public static Admission rejectedNow(Response rejection) {
        return new Admission(Duration.ZERO, rejection, null);
    }

    public boolean rejected() {
        return rejection != null;
    }

    /** After the delay, the rejection. */
    public Uni<Response> reject() {
        return after(() -> Uni.createFrom().item(rejection));
    }

    /** After the delay (non-blocking), the response computed at that time. */
    public Uni<Response> answer(Supplier<Response> response) {
        return after(() -> Uni.createFrom().item(response.get()));
    }

    /** After the delay (non-blocking), the asynchronous response started at that time. */
    public Uni<Response> after(Supplier<Uni<Response>> response) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            return Uni.createFrom().deferred(response::get);
        }
        return Uni.createFrom().item(Boolean.TRUE).onItem().delayIt().by(delay).chain(ignored -> response.get());
    }
}
