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
 * placed on the tenant and its key (atomically checking the key's expiry, allowed models, budget,
 * rate and concurrency limits and the tenant's, and a prepaid tenant's balance) and the durable
 * job row is written. A rejected request changes nothing.
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
        return jobs.insertWithHold(row).map(placement -> {
            if (placement.jobId() == null) {
                throw rejection(holds.refusal(who.tenantId(), placement.refusal(), now));
            }
            holds.placed(who.tenantId(), hold);
            row.id = placement.jobId();
            return row.view();
        });
    }

    private static ApiException rejection(HoldDecision decision) {
        return switch (decision.outcome()) {
            case TENANT_MISSING -> new ApiException(401, "authentication_error", "Invalid API key");
            case KEY_REVOKED -> new ApiException(403, "permission_error", "This API key has been revoked");
            case KEY_EXPIRED -> new ApiException(401, "authentication_error", "This API key has expired");
            case SUSPENDED -> new ApiException(403, "permission_error", "This account is suspended");
            case MODEL_NOT_ALLOWED_FOR_TENANT -> new ApiException(403, "permission_error",
                    "This model is not allowed for this account");
            case MODEL_NOT_ALLOWED_FOR_KEY -> new ApiException(403, "permission_error",
                    "This model is not allowed for this API key");
            case KEY_CONCURRENCY_LIMIT -> new ApiException(429, "rate_limit_error",
                    "Too many concurrent jobs for this API key; wait for one to finish", decision.retryAfterSeconds());
            case KEY_RATE_LIMIT -> new ApiException(429, "rate_limit_error",
                    "Rate limit exceeded: too many requests per minute for this API key", decision.retryAfterSeconds());
            case BALANCE_SHORT -> new ApiException(402, "insufficient_quota",
                    "Insufficient prepaid balance: this request would exceed the account's unexpired credit");
            case KEY_QUOTA_EXHAUSTED -> new ApiException(402, "insufficient_quota",
                    "Quota exhausted: this request would exceed this API key's spending limit");
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
