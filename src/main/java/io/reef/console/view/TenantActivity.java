package io.reef.console.view;

import java.util.List;
import java.util.UUID;

import io.quarkus.qute.TemplateData;

/**
 * A tenant's figures for the operator's page of that tenant, read in one snapshot: charges of today
 * and of this month (UTC calendar), its jobs in flight, its daily spend of the last 30 days (oldest
 * first, zero days included) and its spend by model over the same 30 days (largest first).
 */
@TemplateData
public record TenantActivity(UUID tenantId, Spend today, Spend month, long jobsInFlight, List<DailySpend> last30Days,
        List<ModelSpend> byModel) {
}
