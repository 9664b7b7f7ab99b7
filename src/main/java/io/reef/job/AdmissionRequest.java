package io.reef.job;

import io.reef.tenant.TenantPrincipal;

/**
 * A generation about to be forwarded: who asks, to which provider and model, the expected
 * upstream cost (the hold is that at the tenant's markup) and the job's upstream timeout.
 */
public record AdmissionRequest(TenantPrincipal principal, String provider, String model, long expectedCostMicros,
        int timeoutSeconds, String publicIdPrefix) {
}
