package io.reef.upstream;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;

/**
 * An upstream account as the operator sees it (never its key): {@code cost_today_usd} is what the
 * provider charges the reseller for the jobs the account completed today (UTC), before markup.
 */
@RegisterForReflection
public record UpstreamAccountView(String provider, String name, int weight, String state, String lastError,
        Instant lastErrorAt, long jobsInFlight, BigDecimal costTodayUsd) {

    static UpstreamAccountView of(UpstreamAccounts.View view) {
        return new UpstreamAccountView(view.provider(), view.name(), view.weight(), view.state().wire(), view.lastError(),
                view.lastErrorAt(), view.jobsInFlight(), Money.microsToUsd(view.costTodayMicros()));
    }
}
