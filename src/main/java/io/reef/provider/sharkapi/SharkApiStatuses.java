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
 * {@code final_cost} or {@code actual_cost}), else its {@code estimated_cost}. {@code failed},
 * {@code moderated} (and {@code error}, {@code cancelled}, {@code rejected}, {@code expired}) end
 * it uncharged. Anything else, including {@code complete} without an image yet, is still running.
 */
@ApplicationScoped
public class SharkApiStatuses {

    private static final Logger LOG = Logger.getLogger(SharkApiStatuses.class);
    static final String[] FINAL_COST_FIELDS = {"cost", "final_cost", "actual_cost"};

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
            return Money.parseDollars(value == null || value.isNull() ? null : value.asText());
        } catch (Money.UnparseableAmountException e) {
            metrics.unparseableCost(SharkApiUpstream.PROVIDER);
            LOG.errorf("OPERATOR ALERT: SharkAPI job %s has an unreadable %s (%s); it is never charged as 0",
                    job.path("job_id").asText("?"), field, e.getMessage());
            return null;
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
        return cost != null ? Observation.completed(cost) : Observation.completedWithUnreadableCost();
    }

    private static boolean hasImage(ObjectNode job) {
        JsonNode url = job.get("image_url");
        return url != null && url.isTextual() && !url.asText().isBlank();
    }
}
