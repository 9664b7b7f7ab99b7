package io.reef.provider.sharkai;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.reef.common.ReefMetrics;
import io.reef.provider.Upstream;
import io.reef.provider.UpstreamResponse;
import io.reef.upstream.UpstreamAccount;
import io.reef.upstream.UpstreamOperation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Shark AI calls on one of the reseller's accounts, behind that account's guards
 * ({@link UpstreamAccount}): a submit is never retried (a retry could create a second billed
 * job); polls are idempotent, so they are retried with backoff behind a circuit breaker. The
 * policy is tuned with {@code reef.upstream-accounts.*}.
 */
@ApplicationScoped
public class SharkAiUpstream {

    private final SharkAiClient client;
    private final ReefMetrics metrics;

    public SharkAiUpstream(@RestClient SharkAiClient client, ReefMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public Uni<UpstreamResponse> submit(Buffer body, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.SUBMIT,
                () -> client.submit(Upstream.bodyOf(body), body.length(), account.authorization()));
    }

    public Uni<UpstreamResponse> task(String upstreamId, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.POLL, () -> client.task(upstreamId, account.authorization()));
    }

    public Uni<UpstreamResponse> cancel(String upstreamId, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.CANCEL,
                () -> client.cancel(upstreamId, account.authorization()));
    }
}
