package io.reef.provider.contract;

import java.time.Duration;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;

/**
 * One provider's API as the contract suite sees it: how a tenant submits, polls and cancels
 * through Reef, how the provider's answers and error envelope read, and how to make the
 * provider's simulator behave. Each provider's test package holds one implementation with a
 * public no-arg constructor; {@link ProviderDrivers} discovers them, so a new provider joins the
 * suite from its own package only.
 *
 * <p>
 * To join, a provider's test package {@code io.reef.provider.<name>} holds one public,
 * non-abstract class implementing this interface with a public no-arg constructor. It talks to
 * Reef's HTTP API and to its own simulator's HTTP control API only (no injection: drivers are
 * plain objects), and names no other provider. A provider without a cancel answers
 * {@code canCancel() == false}; the cancel contract is then skipped as an assumption.
 */
public interface ProviderDriver {

    /** Where a job is, in words common to every provider. */
    enum State {
        IN_PROGRESS,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    /** The provider's name (for test names and messages). */
    String name();

    // ---------------------------------------------------------------- the tenant's side (Reef's API)

    /** Reef's path of the provider's submit. */
    String submitPath();

    /** A valid JSON body for a submit that is answered at once with a job id (asynchronous). */
    String submitBody(String prompt);

    /** Submits {@link #submitBody} as the tenant. */
    default Response submit(String tenantKey, String prompt) {
        return tenant(tenantKey).body(submitBody(prompt)).post(submitPath());
    }

    /** The status of an accepted asynchronous submit. */
    int acceptedStatus();

    /** Reef's job id in a submit or poll answer. */
    String jobId(JsonPath answer);

    /** The job's state in a poll (or submit/cancel) answer. */
    State state(JsonPath answer);

    /** Polls the job as the tenant. */
    Response poll(String tenantKey, String jobId);

    /** The poll path as a template, as the HTTP metrics' {@code uri} tag names it, e.g. {@code /v1/jobs/{id}}. */
    String pollTemplate();

    /** Whether the provider can cancel a job (a capability: not every provider has a cancel). */
    boolean canCancel();

    /** Cancels the job as the tenant; only when {@link #canCancel()}. */
    default Response cancel(String tenantKey, String jobId) {
        throw new UnsupportedOperationException(name() + " has no cancel");
    }

    /** The {@code type} of the provider's error envelope in an error answer (null if absent). */
    String errorType(JsonPath answer);

    /** The {@code message} of the provider's error envelope in an error answer (null if absent). */
    String errorMessage(JsonPath answer);

    // ---------------------------------------------------------------- the provider's simulator

    /** Forgets the simulator's tasks, behaviours, faults and counters (all providers': the simulator is one). */
    default void resetSimulator() {
        given().post("/sim/control/reset").then().statusCode(204);
        io.reef.support.UpstreamAccountStates.allActive(); // a refusal in an earlier test took the account out
    }

    /** Jobs submitted from now on complete {@code after} their submit, at {@link #completedCostMicros()}. */
    void nextJobsComplete(Duration after);

    /** The provider's cost of a job completed per {@link #nextJobsComplete}, in micro-dollars. */
    long completedCostMicros();

    /** Jobs submitted from now on fail at the provider {@code after} their submit. */
    void nextJobsFail(Duration after);

    /** Jobs submitted from now on stay pending (cancellable) for longer than any test waits. */
    void nextJobsStayPending();

    /** The provider answers the next submit with this HTTP error status. */
    default void nextSubmitAnswers(int status) {
        fault(Map.of("operation", "submit", "status", status, "count", 1));
    }

    /** The provider creates the next job at once but answers its submit only after {@code delay}. */
    default void nextSubmitAnswersAfter(Duration delay) {
        fault(Map.of("operation", "submit", "delay_ms", delay.toMillis(), "count", 1));
    }

    /** Submits, polls and cancels that reached the provider since the last reset. */
    default long upstreamSubmits() {
        return simulatorCount("submits");
    }

    default long upstreamPolls() {
        return simulatorCount("polls");
    }

    default long upstreamCancels() {
        return simulatorCount("cancels");
    }

    /** Injects a fault into this provider's simulator ({@code POST /sim/control/<name>/faults}). */
    private void fault(Map<String, Object> fault) {
        given().contentType(ContentType.JSON).body(fault).post("/sim/control/" + name() + "/faults").then().statusCode(204);
    }

    /** One of this provider's counters in {@code GET /sim/control/stats}. */
    private long simulatorCount(String counter) {
        return given().get("/sim/control/stats").then().statusCode(200).extract().jsonPath().getLong(name() + "." + counter);
    }
}
