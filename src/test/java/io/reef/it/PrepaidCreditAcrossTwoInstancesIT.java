package io.reef.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.BillingDb;
import io.reef.support.Concurrently;
import io.reef.support.Eventually;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepaid credit on two replicas (this test's instance on 8081, the packaged app on 8082) sharing
 * one PostgreSQL: concurrent requests never spend more than the unexpired credit, a top-up
 * arriving while the tenant spends is never lost, and a grant stops counting at its expiry.
 */
@QuarkusTest
class PrepaidCreditAcrossTwoInstancesIT {

    static final String SHARKAPI = "/v1/generate";

    static AppProcess second;

    @Inject
    Simulator simulator;
    @Inject
    BillingDb billing;

    @BeforeAll
    static void startSecondInstance() {
        second = AppProcess.start(8082, Map.of());
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void twoHundredConcurrentRequestsAgainstOneDollarOfCreditAdmitExactlyOneDollar() {
        simulator.behaviour("sharkapi", "2k", Behaviour.builder().pendingMillis(3_000).runningMillis(200).build());
        var t = Api.newPrepaidTenant("1.00"); // $0.02 per 2k job: exactly 50 fit; the quota ($1000) does not bind
        List<io.restassured.response.Response> responses = Concurrently.run(200, i -> tenant(t.key())
                .port(i % 2 == 0 ? 8081 : 8082).body(Map.of("mode", "2k", "prompt", "p" + i)).post(SHARKAPI));
        assertEquals(50, responses.stream().filter(r -> r.statusCode() == 202).count());
        assertEquals(150, responses.stream().filter(r -> r.statusCode() == 402).count());
        responses.stream().filter(r -> r.statusCode() == 402).forEach(r -> {
            assertEquals("insufficient_quota", r.jsonPath().getString("error.type"));
            assertTrue(r.jsonPath().getString("error.message").contains("prepaid balance"));
        });
        assertEquals(50, simulator.submits("sharkapi"));
        JsonPath me = tenant(t.key()).port(8082).get("/reef/v1/me").then().extract().jsonPath();
        assertEquals(new BigDecimal("1.00"), usd(me, "balance.held_usd").add(usd(me, "balance.spent_usd")));
        assertEquals(0, usd(me, "balance.available_usd").signum());

        Eventually.until("all 50 jobs are charged", Duration.ofSeconds(30), () -> billing.tenant(t.id()).openJobs() == 0);
        tenant(t.key()).get("/reef/v1/me").then().body("balance.spent_usd", equalTo(1))
                .body("balance.held_usd", equalTo(0)).body("balance.available_usd", equalTo(0));
        assertTrue(billing.tenant(t.id()).consistent(), billing.tenant(t.id()).toString());
    }

    @Test
    void aTopUpWhileTheTenantSpendsIsNeverLostAndAvailableNeverGoesBelowZero() throws Exception {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(0).runningMillis(100).build());
        var t = Api.newPrepaidTenant("0.20"); // $0.01 per 1k job, charged exactly its hold
        int topUps = 10; // $0.10 each, alternating replicas, while 8 clients spend on both
        AtomicBoolean spending = new AtomicBoolean(true);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger admittedAfterLastTopUp = new AtomicInteger();
        AtomicBoolean allToppedUp = new AtomicBoolean(false);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int c = 0; c < 8; c++) {
                int client = c;
                pool.submit(() -> {
                    int i = 0;
                    while (spending.get()) {
                        int status = tenant(t.key()).port(client % 2 == 0 ? 8081 : 8082)
                                .body(Map.of("mode", "1k", "prompt", "c" + client + "-" + i++)).post(SHARKAPI)
                                .statusCode();
                        if (status == 202) {
                            admitted.incrementAndGet();
                            if (allToppedUp.get()) {
                                admittedAfterLastTopUp.incrementAndGet();
                            }
                        } else if (status != 402) {
                            problems.add("status " + status);
                        }
                    }
                });
            }
            Future<?> observer = pool.submit(() -> {
                int i = 0;
                while (spending.get()) {
                    JsonPath me = tenant(t.key()).port(i++ % 2 == 0 ? 8081 : 8082).get("/reef/v1/me")
                            .then().extract().jsonPath();
                    BigDecimal available = usd(me, "balance.available_usd");
                    if (available.signum() < 0) {
                        problems.add("available " + available + " in " + me.prettify());
                    }
                }
            });
            for (int i = 0; i < topUps; i++) {
                Thread.sleep(200);
                admin().port(i % 2 == 0 ? 8082 : 8081)
                        .body(Map.of("amount_usd", new BigDecimal("0.10"), "reference", "top-up-" + i))
                        .post("/reef/admin/v1/tenants/" + t.id() + "/credits").then().statusCode(201);
            }
            allToppedUp.set(true);
            Eventually.until("the last top-up is spent", Duration.ofSeconds(30),
                    () -> admitted.get() == 120 || !problems.isEmpty());
            Thread.sleep(500); // spenders keep asking: nothing more may be admitted
            spending.set(false);
            observer.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(120, admitted.get()); // $0.20 + 10 x $0.10, one cent at a time: every top-up was spent
        assertTrue(admittedAfterLastTopUp.get() > 0 || admitted.get() == 120);
        assertEquals(1_200_000, billing.grantedMicros(t.id()));
        assertEquals(billing.sumOfCreditEntries(t.id()), billing.grantedMicros(t.id()));
        Eventually.until("every job is charged", Duration.ofSeconds(30), () -> billing.tenant(t.id()).openJobs() == 0);
        assertTrue(billing.tenant(t.id()).consistent(), billing.tenant(t.id()).toString());
        tenant(t.key()).port(8082).get("/reef/v1/me").then().body("balance.granted_usd", equalTo(1.2f))
                .body("balance.spent_usd", equalTo(1.2f)).body("balance.available_usd", equalTo(0));
    }

    @Test
    void aGrantStopsCountingAtItsExpiryOnBothReplicas() {
        simulator.behaviour("sharkapi", "1k", Behaviour.builder().pendingMillis(30_000).build());
        var t = Api.newPrepaidTenant("0.01");
        Instant expiry = Instant.now().plusSeconds(3);
        admin().body(Map.of("amount_usd", new BigDecimal("0.05"), "reference", "short", "expires_at", expiry.toString()))
                .post("/reef/admin/v1/tenants/" + t.id() + "/credits").then().statusCode(201);
        tenant(t.key()).port(8082).body(Map.of("mode", "1k", "prompt", "a")).post(SHARKAPI).then().statusCode(202);
        tenant(t.key()).port(8081).body(Map.of("mode", "1k", "prompt", "b")).post(SHARKAPI).then().statusCode(202);
        Eventually.until("the grant has expired", Duration.ofSeconds(10), () -> Instant.now().isAfter(expiry));
        // $0.01 unexpired, $0.02 held: nothing more fits on either replica, and available shows the shortfall
        for (int port : new int[] { 8081, 8082 }) {
            tenant(t.key()).port(port).body(Map.of("mode", "1k", "prompt", "c")).post(SHARKAPI).then().statusCode(402)
                    .body("error.message", containsString("prepaid balance"));
            tenant(t.key()).port(port).get("/reef/v1/me").then().body("balance.granted_usd", equalTo(0.01f))
                    .body("balance.available_usd", equalTo(-0.01f));
        }
        assertEquals(2, simulator.submits("sharkapi"));
    }

    private static BigDecimal usd(JsonPath json, String path) {
        return new BigDecimal(json.getString(path)).setScale(2);
    }
}
