package io.reef.console.view;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * The operator's dashboard, every tenant together, read in one snapshot: charges of today and of
 * this month (UTC calendar), jobs in flight, the daily spend of the last 30 days (oldest first,
 * zero days included) and the newest events.
 */
@TemplateData
public record Dashboard(Spend today, Spend month, long jobsInFlight, List<DailySpend> last30Days,
        List<RecentEvent> recentEvents) {
}
