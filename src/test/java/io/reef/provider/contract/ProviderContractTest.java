package io.reef.provider.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.provider.contract.ProviderDriver.State;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.HangingUpClient;
import io.reef.support.JobCharges;
import io.reef.support.LedgerDb;
import io.reef.support.Management;
import io.reef.support.NoReconciler;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every provider keeps through Reef, run once per {@link ProviderDriver} found on the
 * test class path (see {@link ProviderDrivers}): a provider is one package, and joins this suite by
 * adding its driver there. Each test resets the simulator first. The reconciler is off, so every
 * upstream call counted is one a test caused (jobs other tests left open are not polled behind
 * their back); the test profile's short poll intervals keep the suite fast.
 */
@QuarkusTest
@TestProfile(NoReconciler.class)
class ProviderContractTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final int MARKUP_BP = 5_000; // 50 %

    @Inject
    Db db;
    @Inject
    LedgerDb ledger;
    @Inject
    JobCharges charges;

    static Stream<ProviderDriver> drivers() {
        return ProviderDrivers.all().stream();
    }

    /** Upstream answers on submit and the status the tenant gets for each. */
    static Stream<Arguments> upstreamErrors() {
        return ProviderDrivers.all().stream().flatMap(d -> Stream.of(
                Arguments.of(d, 503, 503), Arguments.of(d, 500, 502), Arguments.of(d, 429, 503),
                Arguments.of(d, 401, 503)));
    }

    @AfterEach
    void resetTheSimulator() {
        ProviderDrivers.all().forEach(ProviderDriver::resetSimulator);
    }

    // ---------------------------------------------------------------- admission and 402

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void aTenantWhoseQuotaCannotCoverTheHoldGets402InTheProvidersEnvelopeAndNoJob(ProviderDriver p) {
        p.resetSimulator();
        var t = Api.newTenant("0.000001", "total");
        long submits = p.upstreamSubmits();

        JsonPath answer = p.submit(t.key(), "too dear").then().statusCode(402).extract().jsonPath();

        assertEnvelope(p, answer);
        assertEquals(0, db.jobsForTenant(t.id()), "no job row");
        assertEquals(submits, p.upstreamSubmits(), "no upstream call");
        assertNothingHeldOrSpent(t);
    }

    // ---------------------------------------------------------------- one charge under concurrent polls

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void concurrentPollsOfAJobThatCompletesChargeItOnceAtTheProvidersCostTimesTheMarkup(ProviderDriver p) {
        p.resetSimulator();
        p.nextJobsComplete(Duration.ofMillis(600));
        var t = markedUpTenant();
        String id = accepted(p, t, "race");

        List<State> seen = Concurrently.run(12, i -> {
            long deadline = System.nanoTime() + WAIT.toNanos();
            State state = State.IN_PROGRESS;
            while (state == State.IN_PROGRESS && System.nanoTime() < deadline) {
                state = p.state(p.poll(t.key(), id).then().statusCode(200).extract().jsonPath());
            }
            return state;
        });

        assertTrue(seen.stream().allMatch(s -> s == State.COMPLETED), seen.toString());
        List<JobCharges.Charge> charged = charges.of(id);
        assertEquals(1, charged.size(), "exactly one ledger entry");
        assertEquals(p.completedCostMicros(), charged.get(0).costMicros(), "the provider's cost");
        assertEquals(p.completedCostMicros() * (10_000 + MARKUP_BP) / 10_000, charged.get(0).priceMicros(),
                "cost x (1 + markup)");
        assertEquals("posted", ledger.holdState(id));
        assertEquals(1, db.ledgerEntriesForTenant(t.id()));
    }

    // ---------------------------------------------------------------- failed -> voided

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void aJobTheProviderFailsIsChargedNothingAndItsHoldIsVoided(ProviderDriver p) {
        p.resetSimulator();
        p.nextJobsFail(Duration.ofMillis(200));
        var t = Api.newTenant("10", "month");
        String id = accepted(p, t, "doomed");

        awaitState(p, t.key(), id, State.FAILED);

        assertEquals(0, db.ledgerEntriesForJob(id));
        assertEquals("voided", ledger.holdState(id));
        assertNothingHeldOrSpent(t);
    }

    // ---------------------------------------------------------------- cancel

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void aCancelledJobIsChargedNothingAndItsHoldIsVoided(ProviderDriver p) {
        assumeTrue(p.canCancel(), p.name() + " has no cancel");
        p.resetSimulator();
        p.nextJobsStayPending();
        var t = Api.newTenant("10", "month");
        String id = accepted(p, t, "never mind");

        Response cancelled = p.cancel(t.key(), id);
        assertEquals(200, cancelled.statusCode(), cancelled.asString());

        assertEquals(1, p.upstreamCancels(), "the cancel reached the provider");
        assertEquals(State.CANCELLED, p.state(p.poll(t.key(), id).then().statusCode(200).extract().jsonPath()));
        assertEquals(0, db.ledgerEntriesForJob(id));
        assertEquals("voided", ledger.holdState(id));
        assertNothingHeldOrSpent(t);
    }

    // ---------------------------------------------------------------- upstream errors mapped

    @ParameterizedTest(name = "{0}: upstream {1} -> {2}")
    @MethodSource("upstreamErrors")
    void anUpstreamErrorOnSubmitIsTheMappedStatusInTheProvidersEnvelopeAndVoidsTheHold(ProviderDriver p,
            int upstream, int mapped) {
        p.resetSimulator();
        p.nextSubmitAnswers(upstream);
        var t = Api.newTenant("10", "month");

        JsonPath answer = p.submit(t.key(), "unlucky").then().statusCode(mapped).extract().jsonPath();

        assertEnvelope(p, answer);
        assertEquals(1, p.upstreamSubmits(), "the submit reached the provider once");
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
        for (String job : db.jobIdsForTenant(t.id())) {
            assertEquals("voided", ledger.holdState(job), "the hold of " + job);
        }
        assertNothingHeldOrSpent(t);
    }

    // ---------------------------------------------------------------- a cross-tenant poll -> 404

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void anotherTenantPollingAJobGets404InTheProvidersEnvelope(ProviderDriver p) {
        p.resetSimulator();
        p.nextJobsStayPending();
        var owner = Api.newTenant("10", "month");
        var other = Api.newTenant("10", "month");
        String id = accepted(p, owner, "mine");
        long polls = p.upstreamPolls();

        JsonPath answer = p.poll(other.key(), id).then().statusCode(404).extract().jsonPath();

        assertEnvelope(p, answer);
        assertEquals(polls, p.upstreamPolls(), "the stranger's poll never reached the provider");
        assertEquals(id, p.jobId(p.poll(owner.key(), id).then().statusCode(200).extract().jsonPath()),
                "the owner still sees it");
    }

    // ---------------------------------------------------------------- metrics by route, not by id

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void pollsAnsweredBeforeTheResourceAreCountedUnderThePathTemplateNotTheJobId(ProviderDriver p) {
        String probed = "probe" + UUID.randomUUID().toString().replace("-", "");
        p.poll("sk-reef-not-a-key", probed).then().statusCode(401); // the pre-matching auth filter answers
        var t = Api.newTenant("10", "month");
        p.poll(t.key(), "unknown" + probed).then().statusCode(404); // the resource answers

        String metrics = Management.metrics();
        assertFalse(metrics.contains(probed), "no series is named after a path's id");
        String template = "uri=\"" + p.pollTemplate() + "\"";
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("status=\"401\"") && l.contains(template)), "the 401 is counted under " + template);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("status=\"404\"") && l.contains(template)), "the 404 is counted under " + template);
    }

    // ---------------------------------------------------------------- a client hang-up

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void aJobWhoseClientHungUpMidSubmitIsRecordedAndChargedOnceWhenItCompletes(ProviderDriver p) {
        p.resetSimulator();
        p.nextJobsComplete(Duration.ofMillis(100));
        p.nextSubmitAnswersAfter(Duration.ofMillis(1_500));
        var t = markedUpTenant();

        HangingUpClient.postAndHangUp(p.submitPath(), t.key(), Map.of(), p.submitBody("left early"),
                Duration.ofMillis(400));

        Eventually.until("the job and its upstream id are recorded", WAIT, () -> db.jobIdsForTenant(t.id()).size() == 1
                && db.upstreamId(db.jobIdsForTenant(t.id()).get(0)) != null);
        String id = db.jobIdsForTenant(t.id()).get(0);
        awaitState(p, t.key(), id, State.COMPLETED); // the tenant comes back and polls it (no reconciler here)
        assertEquals(1, db.ledgerEntriesForJob(id));
        assertEquals("completed", db.jobStatus(id));
        assertEquals(p.completedCostMicros() * (10_000 + MARKUP_BP) / 10_000, charges.of(id).get(0).priceMicros());
        assertEquals(1, p.upstreamSubmits(), "one submit upstream");
        assertEquals(1, db.jobsForTenant(t.id()), "one job");
    }

    // ---------------------------------------------------------------- a finished job answered locally

    @ParameterizedTest(name = "{0}")
    @MethodSource("drivers")
    void aFinishedJobIsAnsweredByReefWithoutCallingTheProvider(ProviderDriver p) throws InterruptedException {
        p.resetSimulator();
        p.nextJobsComplete(Duration.ofMillis(100));
        var t = Api.newTenant("10", "month");
        String id = accepted(p, t, "done soon");
        awaitState(p, t.key(), id, State.COMPLETED);
        String first = p.poll(t.key(), id).then().statusCode(200).extract().asString();
        long polls = p.upstreamPolls();

        for (int i = 0; i < 3; i++) {
            Thread.sleep(250); // past the test profile's 200 ms poll-answer reuse: each poll is asked anew
            assertEquals(first, p.poll(t.key(), id).then().statusCode(200).extract().asString());
        }

        assertEquals(polls, p.upstreamPolls(), "no poll of a finished job reached the provider");
        assertEquals(1, db.ledgerEntriesForJob(id));
    }

    // ---------------------------------------------------------------- helpers

    private static Api.TestTenant markedUpTenant() {
        String id = Api.createTenant(Map.of("name", "contract-" + System.nanoTime(),
                "quota", Map.of("limit_usd", 10, "period", "month"), "markup_percent", MARKUP_BP / 100));
        return new Api.TestTenant(id, Api.issueKey(id));
    }

    /** Submits as the tenant; asserts the provider's accepted status and answers Reef's job id. */
    private static String accepted(ProviderDriver p, Api.TestTenant t, String prompt) {
        JsonPath answer = p.submit(t.key(), prompt).then().statusCode(p.acceptedStatus()).extract().jsonPath();
        String id = p.jobId(answer);
        assertNotNull(id, "a job id in " + answer.prettify());
        return id;
    }

    private static void awaitState(ProviderDriver p, String key, String id, State wanted) {
        Eventually.until("the job is " + wanted, WAIT,
                () -> p.state(p.poll(key, id).then().statusCode(200).extract().jsonPath()) == wanted);
    }

    private static void assertEnvelope(ProviderDriver p, JsonPath answer) {
        String type = p.errorType(answer);
        String message = p.errorMessage(answer);
        assertTrue(type != null && !type.isBlank(), "an error type in " + answer.prettify());
        assertTrue(message != null && !message.isBlank(), "an error message in " + answer.prettify());
        assertFalse(message.contains("Bearer"), "no credentials in the message");
    }

    private static void assertNothingHeldOrSpent(Api.TestTenant t) {
        JsonPath me = Api.tenant(t.key()).get("/reef/v1/me").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal(me.getString("quota.held_usd")).signum(), "held");
        assertEquals(0, new BigDecimal(me.getString("quota.spent_usd")).signum(), "spent");
    }
}
