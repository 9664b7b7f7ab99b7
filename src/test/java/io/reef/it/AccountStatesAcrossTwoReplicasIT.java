package io.reef.it;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.AppProcess;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.TwoSharkAiAccounts;
import io.reef.support.UpstreamAccountStates;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two replicas with the same two Shark AI accounts share the accounts' states: an account that
 * needs attention on one replica is out of rotation on the other within a few seconds (the
 * replicas read the states back every second here, every 2 s by default), and an operator's
 * re-activation on either is followed by both.
 */
@QuarkusTest
@TestProfile(TwoSharkAiAccounts.class)
class AccountStatesAcrossTwoReplicasIT {

    static final int SECOND = 8082;
    static AppProcess second;

    @Inject
    Simulator simulator;
    @Inject
    Db db;

    @BeforeAll
    static void startSecondReplica() {
        second = AppProcess.start(SECOND, new TwoSharkAiAccounts().getConfigOverrides());
    }

    @AfterAll
    static void stopSecondReplica() {
        second.close();
    }

    @AfterEach
    void leaveThemActive() {
        UpstreamAccountStates.allActive();
    }

    @Test
    void anAccountThatNeedsAttentionOnOneReplicaIsOutOfRotationOnTheOtherWithinSeconds() {
        simulator.reset();
        UpstreamAccountStates.allActive();
        var t = Api.newTenant("100", "month");
        simulator.injectFault("sharkai", Operation.SUBMIT, 402, 1_000, TwoSharkAiAccounts.BLUE);
        while (simulator.submits("sharkai", TwoSharkAiAccounts.BLUE) == 0) {
            submit(t.key(), 8081); // on this replica, until blue met its 402
        }
        Eventually.until("the other replica sees blue needs attention", Duration.ofSeconds(5),
                () -> "needs_attention".equals(state(SECOND, "blue")));
        for (int i = 0; i < 20; i++) {
            submit(t.key(), SECOND);
        }
        assertEquals(1, simulator.submits("sharkai", TwoSharkAiAccounts.BLUE),
                "the other replica sent nothing to blue");
        assertEquals(0L, ((Number) db.value("SELECT count(*) FROM job WHERE tenant_id = CAST(?1 AS uuid) "
                + "AND upstream_account = 'blue'", t.id())).longValue());

        // the operator tops blue up and re-activates it on the second replica: the first follows
        simulator.reset();
        admin().port(SECOND).body(Map.of("state", "active")).patch("/reef/admin/v1/upstream-accounts/sharkai/blue")
                .then().statusCode(200);
        Eventually.until("this replica routes to blue again", Duration.ofSeconds(10), () -> {
            submit(t.key(), 8081);
            return simulator.submits("sharkai", TwoSharkAiAccounts.BLUE) > 0;
        });
        assertEquals("active", state(8081, "blue"));
    }

    private static void submit(String key, int port) {
        tenant(key).port(port).body(Map.of("model", "m", "prompt", "p", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202);
    }

    private static String state(int port, String name) {
        JsonPath all = admin().port(port).get("/reef/admin/v1/upstream-accounts").then().statusCode(200).extract().jsonPath();
        return all.<Map<String, Object>> getList("$").stream()
                .filter(a -> "sharkai".equals(a.get("provider")) && name.equals(a.get("name")))
                .map(a -> (String) a.get("state")).findFirst().orElse(null);
    }
}
