package io.reef.job;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.ApiException;
import io.reef.common.Money;
import io.reef.common.ReefClock;
import io.reef.ledger.HoldDecision;
import io.reef.ledger.Holds;

/**
 * Admits a generation before anything reaches the provider: in one transaction the hold is
 * placed (atomically checking quota, rate and concurrency limits) and the durable job row is
 * written. A rejected request changes nothing.
 */
@ApplicationScoped
public class JobAdmission {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Holds holds;
    private final EntityManager em;
    private final ReefClock clock;

    public JobAdmission(Holds holds, EntityManager em, ReefClock clock) {
        this.holds = holds;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public JobView admit(AdmissionRequest request) {
        var now = clock.now();
        long hold = Money.applyMarkup(request.expectedCostMicros(), request.principal().markupBp());
        Job job = new Job();
        job.publicId = request.publicIdPrefix() + randomId();
        job.tenantId = request.principal().tenantId();
        job.apiKeyId = request.principal().keyId();
        job.provider = request.provider();
        job.model = request.model();
        job.status = JobStatus.SUBMITTING;
        job.holdMicros = hold;
        job.expectedCostMicros = request.expectedCostMicros();
        job.holdState = HoldState.OPEN;
        job.markupBp = request.principal().markupBp();
        job.timeoutSeconds = request.timeoutSeconds();
        job.createdAt = now;
        job.updatedAt = now;
        job.nextPollAt = now.plusSeconds(request.timeoutSeconds());
        em.persist(job);
        em.flush();
        // The hold is placed last, so the tenant row stays locked only for that statement and the
        // commit; a rejection rolls the job row back with it and nothing is changed.
        HoldDecision decision = holds.place(request.principal().tenantId(), hold, now);
        if (!decision.placed()) {
            throw rejection(decision);
        }
        return job.view();
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
            case PLACED -> throw new IllegalStateException("not a rejection");
        };
    }

    private static String randomId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
