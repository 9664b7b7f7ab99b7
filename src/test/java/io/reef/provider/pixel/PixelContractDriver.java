package io.reef.provider.pixel;

import java.time.Duration;
import java.util.Map;

import io.reef.provider.contract.ProviderDriver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;

/** Pixel for the provider contract suite: tickets of {@code /pixel/draw}, costed in points. */
public class PixelContractDriver implements ProviderDriver {

    static final String CONTROL = "/sim/control/" + PixelProvider.NAME;

    @Override
    public String name() {
        return PixelProvider.NAME;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String submitPath() {
        return "/pixel/draw";
    }

    @Override
    public String submitBody(String prompt) {
        return "{\"prompt\": \"" + prompt + "\"}";
    }

    @Override
    public int acceptedStatus() {
        return 202;
    }

    @Override
    public String jobId(JsonPath answer) {
        return answer.getString("ticket");
    }

    @Override
    public State state(JsonPath answer) {
        String state = answer.getString("state");
        if (state == null) {
            return State.IN_PROGRESS;
        }
        return switch (state) {
            case "done" -> State.COMPLETED;
            case "broken" -> State.FAILED;
            case "stopped" -> State.CANCELLED;
            default -> State.IN_PROGRESS;
        };
    }

    @Override
    public Response poll(String tenantKey, String jobId) {
        return tenant(tenantKey).get(PixelProvider.TICKETS + jobId);
    }

    @Override
    public String pollTemplate() {
        return PixelProvider.TICKETS + "{id}";
    }

    @Override
    public boolean canCancel() {
        return true;
    }

    @Override
    public Response cancel(String tenantKey, String jobId) {
        return tenant(tenantKey).post(PixelProvider.TICKETS + jobId + "/stop");
    }

    @Override
    public String errorType(JsonPath answer) {
        return answer.getString("problem.code");
    }

    @Override
    public String errorMessage(JsonPath answer) {
        return answer.getString("problem.detail");
    }

    @Override
    public void nextJobsComplete(Duration after) {
        behave(Map.of("pending_ms", 0, "running_ms", after.toMillis(), "outcome", "complete"));
    }

    @Override
    public long completedCostMicros() {
        return PixelPoints.toMicros(SimulatedPixel.POINTS);
    }

    @Override
    public void nextJobsFail(Duration after) {
        behave(Map.of("pending_ms", 0, "running_ms", after.toMillis(), "outcome", "fail", "failure_message", "ink ran out"));
    }

    @Override
    public void nextJobsStayPending() {
        behave(Map.of("pending_ms", 120_000, "running_ms", 100, "outcome", "complete"));
    }

    private static void behave(Map<String, Object> behaviour) {
        given().contentType(ContentType.JSON).body(behaviour).put(CONTROL + "/styles/sketch").then().statusCode(200);
    }
}
