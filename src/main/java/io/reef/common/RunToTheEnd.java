package io.reef.common;

import io.smallrye.mutiny.Uni;

/**
 * Work that must finish whether or not the client who asked for it is still connected. Quarkus
 * REST cancels a request's Uni when its client closes the connection; cancelling a generate
 * mid-way would leave a job the provider created (and bills) without its upstream id, or an
 * Idempotency-Key "in progress" for good. The work runs in a subscription of its own, which the
 * caller's cancellation does not reach; the caller only stops waiting for it.
 */
public final class RunToTheEnd {

    private RunToTheEnd() {
    }

    /** Subscribes to {@code work} in its own subscription; the returned Uni waits for its outcome. */
    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(waiter -> work.subscribe().with(waiter::complete, waiter::fail));
    }
}
