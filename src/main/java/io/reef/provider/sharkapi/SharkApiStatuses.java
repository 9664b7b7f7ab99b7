package io.reef.provider.sharkapi;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;
import io.reef.common.ReefMetrics;
import io.reef.job.JobStatus;
import io.reef.job.Observation;

/**
 * SharkAPI job bodies in the common job model. The provider does not document its status body,
 * so this is tolerant: a job is charged only when {@code status} is {@code complete} and an
 * {@code image_url} is present, at its final cost when the body carries one ({@code cost},
 * {@code final_cost} or {@code actual_cost}), else its {@code estimated_cost} (unless that is "$0.00",
 * which is no estimate: then the job's expected cost). {@code failed},
 * {@code moderated} (and {@code error}, {@code cancelled}, {@code rejected}, {@code expired}) end
 * it uncharged. Anything else, including {@code complete} without an image yet, is still running.
 */
@ApplicationScoped
public class SharkApiStatuses {

    private static final Logger LOG = Logger.getLogger(SharkApiStatuses.class);
    static final String[] FINAL_COST_FIELDS = { "cost", "final_cost", "actual_cost" };

    private final ReefMetrics metrics;

    public SharkApiStatuses(ReefMetrics metrics) {
        this.metrics = metrics;
    }

    public Observation of(ObjectNode job) {
        String status = job.path("status").asText("");
        String error = job.path("error").path("message").asText(status);
        return switch (status) {
            case "queued" -> Observation.of(JobStatus.PENDING);
            case "complete", "completed" -> hasImage(job) ? completed(job) : Observation.of(JobStatus.RUNNING);
            case "moderated" -> Observation.failed(JobStatus.MODERATED, error);
            case "failed", "error", "rejected", "expired" -> Observation.failed(JobStatus.FAILED, error);
            case "cancelled", "canceled" -> Observation.failed(JobStatus.CANCELLED, error);
            default -> Observation.of(JobStatus.RUNNING);
        };
    }

    /** The upstream cost as a dollar string, or null (alerted) when it cannot be read exactly. */
    public Long costMicros(ObjectNode job, String field) {
        JsonNode value = job.get(field);
        try {
            return SharkApiDollars.parse(value == null || value.isNull() ? null : value.asText());
        } catch (Money.UnparseableAmountException e) {
            metrics.unparseableCost(SharkApiProvider.NAME);
            LOG.errorf("OPERATOR ALERT: SharkAPI job %s has an unreadable %s (%s); it is never charged as 0",
                    job.path("job_id").asText("?"), field, e.getMessage());
            return null;
        }
    }

    /**
     * The provider's own expected cost from a submit answer, when it should replace Reef's
     * ({@code reefExpectedMicros}): null when absent, equal, unreadable (alerted on) or zero. A
     * provider estimate of "$0.00" is no estimate: Reef keeps its own, so the hold (and a charge
     * of a completion whose cost is unreadable) never drops to nothing.
     */
    public Long expectedCostReplacing(ObjectNode accepted, long reefExpectedMicros) {
        if (!accepted.hasNonNull("estimated_cost")) {
            return null;
        }
        Long estimate = costMicros(accepted, "estimated_cost");
        if (estimate == null || estimate == reefExpectedMicros) {
            return null;
        }
        if (estimate == 0) {
            LOG.warnf("SharkAPI job %s was accepted with an estimated_cost of $0; keeping Reef's expected cost of %s",
                    accepted.path("job_id").asText("?"), SharkApiDollars.format(reefExpectedMicros));
            return null;
        }
        return estimate;
    }

    /**
     * Writes the tenant's prices into a body: {@code estimated_cost} and every final-cost field
     * present ({@code cost}, {@code final_cost}, {@code actual_cost}), so none shows the
     * reseller's own cost.
     */
    static void putTenantPrices(ObjectNode body, long estimateMicros, long finalPriceMicros) {
        body.put("estimated_cost", SharkApiDollars.format(estimateMicros));
        for (String field : FINAL_COST_FIELDS) {
            if (body.hasNonNull(field)) {
                body.put(field, SharkApiDollars.format(finalPriceMicros));
            }
        }
    }

    /** The field carrying the final cost, if the body has one. */
    static String finalCostField(ObjectNode job) {
        for (String field : FINAL_COST_FIELDS) {
            if (job.hasNonNull(field)) {
                return field;
            }
        }
        return null;
    }

    private Observation completed(ObjectNode job) {
        String field = finalCostField(job);
        Long cost = costMicros(job, field != null ? field : "estimated_cost");
        // without a final cost, an estimate of "$0.00" is no estimate (see expectedCostReplacing)
        boolean known = cost != null && (field != null || cost > 0);
        return known ? Observation.completed(cost) : Observation.completedWithUnreadableCost();
    }

    private static boolean hasImage(ObjectNode job) {
        JsonNode url = job.get("image_url");
        return url != null && url.isTextual() && !url.asText().isBlank();
    }
}
