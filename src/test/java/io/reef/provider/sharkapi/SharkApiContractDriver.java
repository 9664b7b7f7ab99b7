package io.reef.provider.sharkapi;

import java.time.Duration;
import java.util.Map;

import io.reef.provider.contract.ProviderDriver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;

/**
 * SharkAPI for the provider contract suite: jobs of {@code /v1/generate}, costed in "$0.02" strings.
 * SharkAPI documents no cancel (its API is generate and job status only), so {@link #canCancel()} is false.
 */
public class SharkApiContractDriver implements ProviderDriver {

    static final String MODE = "2k";
    static final String CONTROL = "/sim/control/sharkapi";
    /** The final cost the simulator reports ("$0.01"), below the 2k mode's $0.02 hold. */
    static final String FINAL_COST = "$0.01";

    @Override
    public String name() {
        return "sharkapi";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String submitPath() {
        return "/v1/generate";
    }

    @Override
    public String submitBody(String prompt) {
        return "{\"mode\": \"" + MODE + "\", \"prompt\": \"" + prompt + "\"}";
    }

    @Override
    public int acceptedStatus() {
        return 202;
    }

    @Override
    public String jobId(JsonPath answer) {
        return answer.getString("job_id");
    }

    @Override
    public State state(JsonPath answer) {
        String status = answer.getString("status");
        if (status == null) {
            return State.IN_PROGRESS;
        }
        return switch (status) {
            case "complete", "completed" -> State.COMPLETED;
            case "failed" -> State.FAILED;
            case "cancelled" -> State.CANCELLED;
            default -> State.IN_PROGRESS;
        };
    }

    @Override
    public Response poll(String tenantKey, String jobId) {
        return tenant(tenantKey).get("/v1/jobs/" + jobId);
    }

    @Override
    public String pollTemplate() {
        return "/v1/jobs/{id}";
    }

    @Override
    public boolean canCancel() {
        return false;
    }

    @Override
    public String errorType(JsonPath answer) {
        return answer.getString("error.type");
    }

    @Override
    public String errorMessage(JsonPath answer) {
        return answer.getString("error.message");
    }

    @Override
    public void nextJobsComplete(Duration after) {
        behave(Map.of("pending_ms", 0, "running_ms", after.toMillis(), "outcome", "complete",
                "estimated_cost", "$0.02", "final_cost", FINAL_COST));
    }

    @Override
    public long completedCostMicros() {
        return 10_000;
    }

    @Override
    public void nextJobsFail(Duration after) {
        behave(Map.of("pending_ms", 0, "running_ms", after.toMillis(), "outcome", "fail",
                "failure_message", "render failed"));
    }

    @Override
    public void nextJobsStayPending() {
        behave(Map.of("pending_ms", 120_000, "running_ms", 100, "outcome", "complete"));
    }

    private static void behave(Map<String, Object> behaviour) {
        given().contentType(ContentType.JSON).body(behaviour).put(CONTROL + "/modes/" + MODE).then().statusCode(200);
    }
}
