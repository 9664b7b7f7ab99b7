package io.reef.provider.sharkai;

import java.time.Duration;
import java.util.Map;

import io.reef.provider.contract.ProviderDriver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;

/** Shark AI for the provider contract suite: tasks under {@code /api/v1/images/generations}, costed in credit. */
public class SharkAiContractDriver implements ProviderDriver {

    static final String PATH = "/api/v1/images/generations";
    static final String MODEL = "contract-model";
    static final String CONTROL = "/sim/control/sharkai";
    /** 250 credit at 100 micro-dollars a credit. */
    static final long CREDIT = 250;

    @Override
    public String name() {
        return "sharkai";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String submitPath() {
        return PATH;
    }

    @Override
    public String submitBody(String prompt) {
        return "{\"model\": \"" + MODEL + "\", \"prompt\": \"" + prompt + "\", \"async\": true}";
    }

    @Override
    public int acceptedStatus() {
        return 202;
    }

    @Override
    public String jobId(JsonPath answer) {
        return answer.getString("id");
    }

    @Override
    public State state(JsonPath answer) {
        String status = answer.getString("status");
        if (status == null) {
            return State.IN_PROGRESS;
        }
        return switch (status) {
            case "completed" -> State.COMPLETED;
            case "failed" -> State.FAILED;
            case "cancelled" -> State.CANCELLED;
            default -> State.IN_PROGRESS;
        };
    }

    @Override
    public Response poll(String tenantKey, String jobId) {
        return tenant(tenantKey).get(PATH + "/" + jobId);
    }

    @Override
    public String pollTemplate() {
        return PATH + "/{id}";
    }

    @Override
    public boolean canCancel() {
        return true; // pending tasks only (409 once started)
    }

    @Override
    public Response cancel(String tenantKey, String jobId) {
        return tenant(tenantKey).post(PATH + "/" + jobId + "/cancel");
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
        behave(Map.of("pending_ms", 0, "running_ms", after.toMillis(), "outcome", "complete", "credit", CREDIT));
    }

    @Override
    public long completedCostMicros() {
        return CREDIT * 100;
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
        given().contentType(ContentType.JSON).body(behaviour).put(CONTROL + "/models/" + MODEL).then().statusCode(200);
    }
}
