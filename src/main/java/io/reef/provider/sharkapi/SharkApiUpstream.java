package io.reef.provider.sharkapi;

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
 * SharkAPI calls on one of the reseller's accounts, behind that account's guards
 * ({@link UpstreamAccount}): a submit is never retried (a retry could create a second billed
 * job); polls are idempotent, so they are retried with backoff behind a circuit breaker. The
 * policy is tuned with {@code reef.upstream-accounts.*}.
 */
@ApplicationScoped
public class SharkApiUpstream {

    private final SharkApiClient client;
    private final ReefMetrics metrics;

    public SharkApiUpstream(@RestClient SharkApiClient client, ReefMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public Uni<UpstreamResponse> generate(Buffer body, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.SUBMIT,
                () -> client.generate(Upstream.bodyOf(body), body.length(), account.authorization()));
    }

    public Uni<UpstreamResponse> job(String upstreamId, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.POLL, () -> client.job(upstreamId, account.authorization()));
    }
}
