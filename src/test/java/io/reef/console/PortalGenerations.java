package io.reef.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.JobCharges;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Shark AI generation through the simulator, with a tenant key, waited for until the ledger charged it. */
final class PortalGenerations {

    static final String PATH = "/api/v1/images/generations";

    private PortalGenerations() {
    }

    /** A charged job of its own model; its public id and the ledger's charge. */
    record Charged(String jobId, String model, JobCharges.Charge charge) {
    }

    /**
     * Runs one synchronous generation of a fresh model costing {@code credit} Shark AI credit
     * (1 USD = 10,000 credit) and waits until its one ledger entry is written.
     */
    static Charged run(Simulator simulator, Db db, JobCharges charges, Api.TestTenant tenant, String modelPrefix,
            String credit) {
        String model = modelPrefix + "-" + System.nanoTime();
        simulator.behaviour("sharkai", model,
                Behaviour.builder().pendingMillis(0).runningMillis(50).credit(new BigDecimal(credit)).build());
        List<String> before = db.jobIdsForTenant(tenant.id());
        Api.tenant(tenant.key()).body(Map.of("model", model, "prompt", "an otter")).post(PATH).then().statusCode(200);
        List<String> after = db.jobIdsForTenant(tenant.id());
        assertEquals(before.size() + 1, after.size(), "one new job");
        String jobId = after.get(after.size() - 1);
        Eventually.until("the job is charged", Duration.ofSeconds(10), () -> charges.of(jobId).size() == 1);
        return new Charged(jobId, model, charges.of(jobId).get(0));
    }
}
