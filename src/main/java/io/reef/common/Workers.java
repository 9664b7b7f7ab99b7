package io.reef.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs blocking work (JDBC transactions) on the worker pool so that request flows which
 * spend most of their life waiting on the upstream never hold a thread while they wait.
 */
public final class Workers {

    private Workers() {
    }

    public static <T> Uni<T> run(Supplier<T> blocking) {
        return Uni.createFrom().item(blocking).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
