package io.reef.provider;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Operation;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.NoReconciler;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tenant polling one job in a tight loop costs the reseller's upstream account one poll per
 * reuse window (the production default, 1 s, here), and never delays what the provider says for
 * longer than that. The reconciler is off so that only tenant polls reach the simulator.
 */
@QuarkusTest
@TestProfile(PollsOfOneJobShareUpstreamCallsTest.OneSecondReuse.class)
class PollsOfOneJobShareUpstreamCallsTest {

    static final Duration REUSE_WINDOW = Duration.ofSeconds(1);

    public static class OneSecondReuse extends NoReconciler {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.cache.caffeine.\"poll-answers\".expire-after-write", "1S");
            return config;
        }
    }

    @Inject
    Simulator simulator;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void concurrentPollsOfOneJobShareOneUpstreamCall() {
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "a shark")).post("/v1/generate")
                .then().statusCode(202).extract().path("job_id");
        // the upstream answer takes 1 s, so all 20 polls arrive while the first call is in flight
        simulator.injectDelay("sharkapi", Operation.POLL, Duration.ofSeconds(1), 1);
        long before = simulator.polls("sharkapi");

        List<String> answers = Concurrently.run(20, i -> tenant(t.key()).get("/v1/jobs/" + id)
                .then().statusCode(200).extract().<String> path("job_id"));

        assertEquals(20, answers.stream().filter(id::equals).count());
        assertEquals(1, simulator.polls("sharkapi") - before, "upstream polls for 20 tenant polls");
    }

    @Test
    void anAnswerIsReusedOnlyWithinTheWindowSoCompletionShowsPromptly() throws InterruptedException {
        var t = Api.newTenant("10", "month");
        String id = tenant(t.key()).body(Map.of("mode", "1k", "prompt", "a shark")).post("/v1/generate")
                .then().statusCode(202).extract().path("job_id");
        tenant(t.key()).get("/v1/jobs/" + id).then().statusCode(200);
        long afterFirst = simulator.polls("sharkapi");
        tenant(t.key()).get("/v1/jobs/" + id).then().statusCode(200).body("job_id", org.hamcrest.Matchers.equalTo(id));
        assertEquals(afterFirst, simulator.polls("sharkapi"), "a poll within the window is answered by Reef");

        simulator.finishNow("sharkapi", simulator.lastTaskId("sharkapi"));
        Thread.sleep(REUSE_WINDOW.plusMillis(300).toMillis());

        String status = tenant(t.key()).get("/v1/jobs/" + id).then().statusCode(200).extract().path("status");
        assertEquals(afterFirst + 1, simulator.polls("sharkapi"), "a poll after the window asks upstream again");
        assertEquals("complete", status);
    }
}
