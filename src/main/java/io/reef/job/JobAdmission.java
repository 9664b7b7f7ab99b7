package io.reef.job;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ApiException;
import io.reef.common.Money;
import io.reef.common.ReefClock;
import io.reef.ledger.HoldDecision;
import io.reef.ledger.Holds;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;

/**
 * Admits a generation before anything reaches the provider: in one statement the hold is
 * placed (atomically checking quota, rate and concurrency limits) and the durable job row is
 * written. A rejected request changes nothing.
 */
@ApplicationScoped
public class JobAdmission {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A job still without an upstream id this long after admission lost its submitter (a crash
     * mid-submit): the reconciler first looks at it then, and expires it, voiding its hold.
     */
    static final java.time.Duration ORPHANED_SUBMIT = java.time.Duration.ofMinutes(2);

    private final JobRepository jobs;
    private final Holds holds;
    private final ReefClock clock;

    public JobAdmission(JobRepository jobs, Holds holds, ReefClock clock) {
        this.jobs = jobs;
        this.holds = holds;
        this.clock = clock;
    }

    /**
     * Not transactional on purpose: the hold and the job row are one autocommit statement, run
     * without blocking the calling thread.
     */
    public Uni<JobView> admit(AdmissionRequest request) {
        Instant now = clock.now();
        TenantPrincipal who = request.principal();
        long hold = Money.applyMarkup(request.expectedCostMicros(), who.markupBp());
        Job row = Job.admitted(request, request.publicIdPrefix() + randomId(), hold, now, now.plus(ORPHANED_SUBMIT));
        return jobs.insertWithHold(row).flatMap(id -> {
            if (id == null) {
                return holds.refusal(who.tenantId(), hold, now).<JobView> map(decision -> {
                    throw rejection(decision);
                });
            }
            holds.placed(who.tenantId(), hold);
            row.id = id;
            return Uni.createFrom().item(row.view());
        });
    }

    private static ApiException rejection(HoldDecision decision) {
        return switch (decision.outcome()) {
            case TENANT_MISSING -> new ApiException(401, "authentication_error", "Invalid API key");
            case SUSPENDED -> new ApiException(403, "permission_error", "This account is suspended");
            case CONCURRENCY_LIMIT -> new ApiException(429, "rate_limit_error",
                    "Too many concurrent jobs for this account; wait for one to finish", decision.retryAfterSeconds());
            case RATE_LIMIT -> new ApiException(429, "rate_limit_error",
                    "Rate limit exceeded: too many requests per minute for this account", decision.retryAfterSeconds());
            case QUOTA_EXHAUSTED -> new ApiException(402, "insufficient_quota",
                    "Quota exhausted: this request would exceed the account's spending limit");
        };
    }

    private static String randomId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
