package io.reef.provider.sharkai;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;
import io.reef.common.ReefMetrics;
import io.reef.job.JobStatus;
import io.reef.job.Observation;

/**
 * Shark AI task bodies in the common job model. {@code completed} is charged its
 * {@code result.credit}; {@code failed}/{@code cancelled} are never charged; any status Reef
 * does not know is treated as still running.
 */
@ApplicationScoped
public class SharkAiStatuses {

    private static final Logger LOG = Logger.getLogger(SharkAiStatuses.class);

    private final ReefMetrics metrics;

    public SharkAiStatuses(ReefMetrics metrics) {
        this.metrics = metrics;
    }

    /** A task object (submit 202, poll, cancel). */
    public Observation ofTask(ObjectNode task) {
        String status = task.path("status").asText("");
        return switch (status) {
            case "pending" -> Observation.of(JobStatus.PENDING);
            case "completed" -> completed(task.path("result"), task.path("id").asText());
            case "failed" -> Observation.failed(JobStatus.FAILED, task.path("error").path("message").asText("failed"));
            case "cancelled" -> Observation.failed(JobStatus.CANCELLED, "cancelled");
            default -> Observation.of(JobStatus.RUNNING);
        };
    }

    /** A completed result (the task's {@code result}, or a sync 200 body): charged its credit. */
    public Observation completed(JsonNode result, String upstreamId) {
        JsonNode credit = result.path("credit");
        String text = credit.toString();
        String problem = credit.isMissingNode() ? "missing"
                : "not a number: " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        if (credit.isNumber()) {
            try {
                return Observation.completed(SharkAiCredit.toMicros(credit.decimalValue()));
            } catch (Money.UnparseableAmountException e) {
                problem = e.getMessage();
            }
        }
        metrics.unparseableCost(SharkAiProvider.NAME);
        LOG.errorf("OPERATOR ALERT: Shark AI task %s completed without a readable credit (%s); "
                + "charging the job's expected cost instead", upstreamId, problem);
        return Observation.completedWithUnreadableCost();
    }
}
