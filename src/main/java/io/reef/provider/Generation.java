package io.reef.provider;

import io.vertx.core.buffer.Buffer;

/**
 * A validated generate request, as {@link JobFlow} needs it: the model (or mode) stored with the
 * job, the expected upstream cost in micro-dollars (the hold is that at the tenant's markup), the
 * job's upstream timeout, the prefix of its public id and the body to forward.
 */
public record Generation(String model, long expectedCostMicros, int timeoutSeconds, String publicIdPrefix,
        Buffer upstreamBody) {
}
