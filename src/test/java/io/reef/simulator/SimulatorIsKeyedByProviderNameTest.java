package io.reef.simulator;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator core knows each simulated provider by its name only: the providers are discovered
 * (not listed in the core), a name no provider has is an error in the Java API and a 404 on every
 * control route (never another provider's state), and each provider's behaviours are set under
 * its own path segment.
 */
@QuarkusTest
class SimulatorIsKeyedByProviderNameTest {

    @Inject
    Simulator simulator;

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void theProvidersAreDiscoveredByName() {
        // every simulated provider on the class path (a test-scope provider joins them), in name order
        List<String> names = List.copyOf(simulator.names());
        assertTrue(names.containsAll(List.of("sharkai", "sharkapi")), names.toString());
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals("models", simulator.behaviourKeys("sharkai"));
        assertEquals("modes", simulator.behaviourKeys("sharkapi"));
    }

    @Test
    void anUnknownNameIsAnErrorInTheJavaApiNeverAnotherProvidersState() {
        for (String name : new String[] { "sharkaix", "SHARKAI", "other", "" }) {
            assertThrows(IllegalArgumentException.class, () -> simulator.submits(name), name);
            assertThrows(IllegalArgumentException.class, () -> simulator.status(name, "task_1"), name);
            assertThrows(IllegalArgumentException.class, () -> simulator.billed(name), name);
            assertThrows(IllegalArgumentException.class, () -> simulator.behaviour(name, "m", Behaviour.defaults()), name);
            assertThrows(IllegalArgumentException.class,
                    () -> simulator.injectDelay(name, Operation.POLL, Duration.ofMillis(1), 1), name);
        }
        assertThrows(IllegalArgumentException.class, () -> simulator.submits(null));
        assertEquals(0, simulator.pendingDelays("sharkai", Operation.POLL));
        assertEquals(0, simulator.pendingDelays("sharkapi", Operation.POLL));
    }

    @Test
    void anUnknownNameIs404OnEveryControlRoute() {
        List<String> names = List.copyOf(simulator.names());
        String notFound = "Unknown provider 'other' (" + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1) + ")";
        control().body("{}").put("/sim/control/other/default")
                .then().statusCode(404).body("error.message", equalTo(notFound));
        control().body("{}").put("/sim/control/other/models/m")
                .then().statusCode(404).body("error.message", equalTo(notFound));
        control().body("{\"operation\":\"poll\",\"status\":503}").post("/sim/control/other/faults")
                .then().statusCode(404).body("error.message", equalTo(notFound));
        control().get("/sim/control/other/tasks/task_1")
                .then().statusCode(404).body("error.message", equalTo(notFound));
        control().post("/sim/control/other/tasks/task_1/finish")
                .then().statusCode(404).body("error.message", equalTo(notFound));
        control().body("{\"expected\":\"Bearer x\"}").post("/sim/control/other/authorization/check")
                .then().statusCode(404).body("error.type", equalTo("not_found_error"));
        assertEquals(0, simulator.pendingFaults("sharkai", Operation.POLL));
        assertEquals(0, simulator.pendingFaults("sharkapi", Operation.POLL));
    }

    @Test
    void eachProvidersBehavioursAreSetUnderItsOwnSegment() {
        control().body("{\"outcome\":\"fail\",\"pending_ms\":0}").put("/sim/control/sharkai/models/vendor/model-1")
                .then().statusCode(200).body("outcome", equalTo("fail")).body("pending_ms", equalTo(0))
                .body("running_ms", equalTo(300)).body("credit", equalTo(400));
        assertEquals(Outcome.FAIL, simulator.behaviourFor("sharkai", "vendor/model-1").outcome());
        assertEquals(Outcome.COMPLETE, simulator.behaviourFor("sharkapi", "vendor/model-1").outcome());

        control().body("{\"estimated_cost\":\"$0.05\"}").put("/sim/control/sharkapi/modes/2k")
                .then().statusCode(200).body("estimated_cost", equalTo("$0.05"));
        assertEquals("$0.05", simulator.behaviourFor("sharkapi", "2k").estimatedCost());

        control().body("{\"outcome\":\"moderate\"}").put("/sim/control/sharkapi/default")
                .then().statusCode(200).body("outcome", equalTo("moderate"));
        assertEquals(Outcome.MODERATE, simulator.defaultBehaviour("sharkapi").outcome());
        assertEquals(Outcome.COMPLETE, simulator.defaultBehaviour("sharkai").outcome());

        control().body("{}").put("/sim/control/sharkapi/models/2k").then().statusCode(404);
        control().body("{}").put("/sim/control/sharkai/modes/m").then().statusCode(404);
        assertEquals(null, simulator.behaviourFor("sharkai", "m").estimatedCost());
    }

    @Test
    void faultsTasksAndStatsAreKeptPerProvider() {
        control().body("{\"operation\":\"submit\",\"status\":503,\"count\":2}").post("/sim/control/sharkapi/faults")
                .then().statusCode(204);
        assertEquals(2, simulator.pendingFaults("sharkapi", Operation.SUBMIT));
        assertEquals(0, simulator.pendingFaults("sharkai", Operation.SUBMIT));

        // pending for a minute: the status read below must not race the default 200 ms
        simulator.behaviour("sharkai", "slow-m", Behaviour.builder().pendingMillis(60_000).build());
        String jobId = given().header("Authorization", "Bearer k").contentType(ContentType.JSON)
                .body("{\"model\":\"slow-m\",\"prompt\":\"p\",\"async\":true}")
                .post("/sim/sharkai/api/v1/images/generations")
                .then().statusCode(202).extract().path("id");
        control().get("/sim/control/sharkai/tasks/" + jobId)
                .then().statusCode(200).body("id", equalTo(jobId)).body("status", equalTo("pending"));
        control().get("/sim/control/SharkAI/tasks/" + jobId) // the {provider} routes ignore case, as ever
                .then().statusCode(200).body("id", equalTo(jobId));
        control().get("/sim/control/sharkapi/tasks/" + jobId).then().statusCode(404);
        assertTrue(simulator.status("sharkapi", jobId).isEmpty());

        control().get("/sim/control/stats").then().statusCode(200)
                .body("sharkai.submits", equalTo(1)).body("sharkai.tasks", equalTo(1))
                .body("sharkai.last_task_id", equalTo(jobId)).body("sharkai.last_submit_body", notNullValue())
                .body("sharkapi.submits", equalTo(0)).body("sharkapi.pending_faults.submit", equalTo(2));
    }

    private static io.restassured.specification.RequestSpecification control() {
        return given().contentType(ContentType.JSON);
    }
}
