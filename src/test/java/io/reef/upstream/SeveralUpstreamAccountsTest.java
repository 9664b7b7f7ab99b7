package io.reef.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.Management;
import io.reef.support.TwoSharkAiAccounts;
import io.reef.support.UpstreamAccountStates;
import io.reef.support.Webhooks;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Shark AI accounts of the reseller, "blue" (weight 3) and "green" (weight 1), and no single
 * key: new jobs are spread by weight over the healthy accounts, a refusing account gives way to
 * the other, and every job stays on the account that created it.
 */
@QuarkusTest
@TestProfile(TwoSharkAiAccounts.class)
class SeveralUpstreamAccountsTest {

    static final String BLUE = TwoSharkAiAccounts.BLUE;
    static final String GREEN = TwoSharkAiAccounts.GREEN;
    static final String PATH = "/api/v1/images/generations";
    static final String ACCOUNTS = "/reef/admin/v1/upstream-accounts";

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeEach
    void reset() {
        simulator.reset();
        UpstreamAccountStates.allActive();
    }

    @AfterEach
    void leaveThemActive() {
        UpstreamAccountStates.allActive();
    }

    @Test
    void whenOneAccountAnswers402EveryRequestIsAcceptedOnTheOtherAndOneAlertIsRaised() {
        db.update("DELETE FROM event_delivery WHERE event_seq IN (SELECT seq FROM event WHERE type = ?1)",
                "upstream.account.alert");
        db.update("DELETE FROM event WHERE type = ?1", "upstream.account.alert");
        simulator.injectFault("sharkai", Operation.SUBMIT, 402, 1_000, BLUE);
        var t = Api.newTenant("100", "month");

        for (int i = 0; i < 20; i++) {
            String job = submit(t.key());
            assertEquals("green", accountOf(job), "every job lands on the account that takes jobs");
        }
        assertEquals(1, simulator.submits("sharkai", BLUE), "blue was tried once, then left out of rotation");
        assertEquals(20, simulator.submits("sharkai", GREEN));
        JsonPath blue = account("blue");
        assertEquals("needs_attention", blue.getString("state"));
        assertTrue(blue.getString("last_error").contains("402"), blue.prettify());
        assertEquals("active", account("green").getString("state"));
        Eventually.until("one alert event", Duration.ofSeconds(5),
                () -> Webhooks.events("upstream.account.alert", null).getList("$").size() == 1);
        JsonPath event = Webhooks.events("upstream.account.alert", null);
        assertEquals("blue", event.getString("[0].data.account"));
        assertEquals(402, event.getInt("[0].data.status"));
        assertEquals("sharkai", event.getString("[0].data.provider"));
    }

    @Test
    void whenEveryAccountRefusesTheTenantGets503WithRetryAfterTheHoldIsVoidedAndNothingIsCharged() {
        simulator.injectFault("sharkai", Operation.SUBMIT, 402, 1_000, BLUE);
        simulator.injectFault("sharkai", Operation.SUBMIT, 429, 1_000, GREEN);
        var t = Api.newTenant("100", "month");

        var answer = tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(503).body("error.type", equalTo("upstream_unavailable")).extract();
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "retry when green's cool-down (5 s) ends: " + retryAfter);
        assertEquals(1, simulator.submits("sharkai", BLUE));
        assertEquals(1, simulator.submits("sharkai", GREEN));
        assertEquals("voided", db.value("SELECT hold_state FROM job WHERE tenant_id = CAST(?1 AS uuid)", t.id()));
        assertEquals(0, db.ledgerEntriesForTenant(t.id()));
        admin().get("/reef/admin/v1/tenants/" + t.id()).then().statusCode(200)
                .body("quota.held_usd", equalTo(0)).body("quota.spent_usd", equalTo(0));
        // and while both are out, the next request is refused without reaching the provider
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p", "async", true)).post(PATH).then().statusCode(503);
        assertEquals(2, simulator.submits("sharkai", BLUE) + simulator.submits("sharkai", GREEN));
    }

    @Test
    void a429CoolsTheAccountDownForItsRetryAfterThenItTakesJobsAgain() throws InterruptedException {
        simulator.injectFault("sharkai", Operation.SUBMIT, 429, 1, BLUE); // the simulator's Retry-After: 5 s
        var t = Api.newTenant("100", "month");
        while (simulator.submits("sharkai", BLUE) == 0) {
            submit(t.key()); // until blue met its 429 (the request itself moved on to green)
        }
        long refusedAt = System.nanoTime();
        assertEquals("cooling_down", account("blue").getString("state"));
        while (System.nanoTime() - refusedAt < Duration.ofSeconds(3).toNanos()) {
            assertEquals("green", accountOf(submit(t.key())), "blue is cooling down");
        }
        assertEquals(1, simulator.submits("sharkai", BLUE));
        Thread.sleep(Math.max(0, Duration.ofMillis(5_500).toMillis() - (System.nanoTime() - refusedAt) / 1_000_000));
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 20 && !after.contains("blue"); i++) {
            after.add(accountOf(submit(t.key())));
        }
        assertTrue(after.contains("blue"), "blue takes jobs again once its cool-down is over: " + after);
        assertEquals("active", account("blue").getString("state"));
    }

    @Test
    void newJobsAreSpreadByWeightThreeToOneWithinTenPoints() {
        var t = Api.newTenant("1000", "month");
        int n = 300;
        Concurrently.onThreads(8, n, i -> submit(t.key()));
        long blue = simulator.submits("sharkai", BLUE);
        long green = simulator.submits("sharkai", GREEN);
        assertEquals(n, blue + green);
        // expected 75 %; one standard deviation over 300 draws is 2.5 points, so +-10 points is 4 of them
        assertTrue(blue >= 195 && blue <= 255, "blue took " + blue + " of " + n + " (expected about 225)");
        assertEquals(blue, ((Number) db.value("SELECT count(*) FROM job WHERE tenant_id = CAST(?1 AS uuid) "
                + "AND upstream_account = 'blue'", t.id())).longValue(), "each job records its account");
    }

    @Test
    void pollsAndCancelsGoToTheAccountThatCreatedTheJob() {
        simulator.behaviour("sharkai", "slow", Behaviour.builder().pendingMillis(60_000).build());
        var t = Api.newTenant("100", "month");
        String onBlue = null;
        String onGreen = null;
        while (onBlue == null || onGreen == null) {
            String job = submit(t.key(), "slow");
            if (accountOf(job).equals("blue")) {
                onBlue = onBlue == null ? job : onBlue;
            } else {
                onGreen = onGreen == null ? job : onGreen;
            }
        }
        long bluePolls = simulator.polls("sharkai", BLUE);
        long greenPolls = simulator.polls("sharkai", GREEN);
        // the simulator, like the provider, answers 404 to a poll of one account's job with another's key
        tenant(t.key()).get(PATH + "/" + onBlue).then().statusCode(200).body("status", equalTo("pending"));
        tenant(t.key()).get(PATH + "/" + onGreen).then().statusCode(200).body("status", equalTo("pending"));
        assertTrue(simulator.polls("sharkai", BLUE) > bluePolls);
        assertTrue(simulator.polls("sharkai", GREEN) > greenPolls);

        tenant(t.key()).post(PATH + "/" + onGreen + "/cancel").then().statusCode(200);
        assertEquals(1, simulator.cancels("sharkai", GREEN));
        assertEquals(0, simulator.cancels("sharkai", BLUE));
        assertEquals("cancelled", db.jobStatus(onGreen));
    }

    @Test
    void aDrainedAccountTakesNoNewJobsButItsJobsAreStillPolledAndCharged() {
        simulator.behaviour("sharkai", "two-seconds", Behaviour.builder().pendingMillis(2_000).runningMillis(0).build());
        var t = Api.newTenant("100", "month");
        String onBlue;
        do {
            onBlue = submit(t.key(), "two-seconds");
        } while (!accountOf(onBlue).equals("blue"));
        admin().body(Map.of("state", "drained")).patch(ACCOUNTS + "/sharkai/blue").then().statusCode(200)
                .body("state", equalTo("drained")).body("name", equalTo("blue"));
        long blueSubmits = simulator.submits("sharkai", BLUE);

        for (int i = 0; i < 15; i++) {
            assertEquals("green", accountOf(submit(t.key())), "a drained account takes no new jobs");
        }
        assertEquals(blueSubmits, simulator.submits("sharkai", BLUE));
        String job = onBlue;
        Eventually.until("the drained account's job is charged", Duration.ofSeconds(15),
                () -> db.ledgerEntriesForJob(job) == 1);
        assertEquals("completed", db.jobStatus(job));
        assertTrue(simulator.polls("sharkai", BLUE) > 0, "polled on its own account");
        assertEquals("drained", account("blue").getString("state"), "still drained");
    }

    @Test
    void aPollRefusedWith401TakesTheAccountOutOfRotationAndTheTenantSees503() {
        simulator.behaviour("sharkai", "slow", Behaviour.builder().pendingMillis(60_000).build());
        var t = Api.newTenant("100", "month");
        String onGreen;
        do {
            onGreen = submit(t.key(), "slow");
        } while (!accountOf(onGreen).equals("green"));
        simulator.injectFault("sharkai", Operation.POLL, 401, 1_000, GREEN); // its key was revoked meanwhile

        tenant(t.key()).get(PATH + "/" + onGreen).then().statusCode(503).body("error.type", equalTo("upstream_unavailable"));
        assertEquals("needs_attention", account("green").getString("state"));
        long greenSubmits = simulator.submits("sharkai", GREEN);
        for (int i = 0; i < 10; i++) {
            assertEquals("blue", accountOf(submit(t.key())), "green takes no new jobs");
        }
        assertEquals(greenSubmits, simulator.submits("sharkai", GREEN));
    }

    @Test
    void theOperatorSeesEachAccountsStateJobsInFlightAndCostTodayButNeverAKey() {
        simulator.behaviour("sharkai", "slow", Behaviour.builder().pendingMillis(60_000).build());
        var t = Api.newTenant("100", "month");
        String job;
        do {
            job = submit(t.key(), "slow");
        } while (!accountOf(job).equals("green"));
        String body = admin().get(ACCOUNTS).then().statusCode(200).extract().asString();
        assertFalse(body.contains(BLUE) || body.contains(GREEN), "never a key: " + body);
        JsonPath green = account("green");
        assertEquals("sharkai", green.getString("provider"));
        assertEquals(1, green.getInt("weight"));
        assertEquals(3, account("blue").getInt("weight"));
        assertTrue(green.getInt("jobs_in_flight") >= 1, green.prettify());
        assertNotNull(green.get("cost_today_usd"));

        admin().body(Map.of("state", "needs_attention")).patch(ACCOUNTS + "/sharkai/green").then().statusCode(400)
                .body("error.message", containsString("active"));
        admin().body(Map.of("state", "drained", "weight", 5)).patch(ACCOUNTS + "/sharkai/green").then().statusCode(400);
        admin().body("[]").patch(ACCOUNTS + "/sharkai/green").then().statusCode(400);
        admin().body(Map.of("state", "drained")).patch(ACCOUNTS + "/sharkai/no-such").then().statusCode(404);
        admin().body(Map.of("state", "drained")).patch(ACCOUNTS + "/nowhere/green").then().statusCode(404);
        tenant(t.key()).get(ACCOUNTS).then().statusCode(401);
        assertEquals("active", account("green").getString("state"), "a refused change changes nothing");
    }

    @Test
    void theOperatorsUsageGroupedByAccountMatchesTheJobsEachAccountCompletedAndTenantsCannotAskForIt() {
        var t = Api.newTenant("100", "month");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(submit(t.key()));
        }
        Eventually.until("all are charged", Duration.ofSeconds(20), () -> db.ledgerEntriesForTenant(t.id()) == jobs.size());
        long onBlue = jobs.stream().filter(j -> accountOf(j).equals("blue")).count();

        JsonPath usage = admin().queryParam("group_by", "account").get("/reef/admin/v1/tenants/" + t.id() + "/usage")
                .then().statusCode(200).body("group_by", equalTo("account")).extract().jsonPath();
        Map<String, Integer> byAccount = new java.util.HashMap<>();
        for (Map<String, Object> row : usage.<Map<String, Object>> getList("rows")) {
            assertEquals("sharkai", row.get("provider"));
            byAccount.put((String) row.get("key"), (Integer) row.get("jobs"));
        }
        assertEquals(onBlue, (long) byAccount.getOrDefault("blue", 0));
        assertEquals(jobs.size() - onBlue, (long) byAccount.getOrDefault("green", 0));
        admin().queryParam("group_by", "account").get("/reef/admin/v1/usage").then().statusCode(200)
                .body("rows.key", org.hamcrest.Matchers.hasItem(onBlue > 0 ? "blue" : "green"));
        tenant(t.key()).queryParam("group_by", "account").get("/reef/v1/me/usage").then().statusCode(400);
        Management.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("account=\"green\"")).body(not(containsString(GREEN)));
    }

    private String submit(String key) {
        return submit(key, "m");
    }

    private String submit(String key, String model) {
        return tenant(key).body(Map.of("model", model, "prompt", "p", "async", true)).post(PATH)
                .then().statusCode(202).extract().path("id");
    }

    private String accountOf(String job) {
        return (String) db.value("SELECT upstream_account FROM job WHERE public_id = ?1", job);
    }

    private static JsonPath account(String name) {
        JsonPath all = admin().get(ACCOUNTS).then().statusCode(200).extract().jsonPath();
        Map<String, Object> found = all.<Map<String, Object>> getList("$").stream()
                .filter(a -> "sharkai".equals(a.get("provider")) && name.equals(a.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no account " + name + " in " + all.prettify()));
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(found).toString());
    }
}
