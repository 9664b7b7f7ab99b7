package io.reef.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.job.JobFinalizer;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.reef.provider.JobFlow;
import io.reef.provider.JobStillRunningException;
import io.reef.support.Api;
import io.reef.support.Concurrently;
import io.reef.support.Db;
import io.reef.support.LedgerDb;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hold's own commit skips the WAL flush wait for its transaction only; the upstream id's
 * synchronous commit, which comes before the tenant's answer, makes both durable. So the relaxed
 * setting must never outlive the hold statement on a pooled connection, and the upstream-id write
 * must fail loudly rather than land on the wrong row or on none.
 */
@QuarkusTest
class HoldCommitWaitsForTheNextSynchronousCommitTest {

    @Inject
    ReactivePg pg;

    @Inject
    JobFinalizer finalizer;

    @Inject
    JobFlow jobs;

    @Inject
    Db db;

    @Inject
    LedgerDb ledger;

    /** The reactive pool's size (reef.datasource.reactive.max-size, default). */
    static final int POOL_SIZE = 8;

    @Test
    void everyPooledConnectionStaysSynchronousAfterPlacingHolds() {
        // The embedded test database runs with synchronous_commit off server-wide (for speed), so
        // first make every pooled session synchronous, as a production server's are.
        onEveryPooledConnection("set_config('synchronous_commit', 'on', false)");
        try {
            var t = Api.newTenant("100", "month");
            List<Integer> statuses = Concurrently.run(20, i -> tenant(t.key())
                    .body(Map.of("mode", "1k", "prompt", "shark " + i)).post("/v1/generate").statusCode());
            assertEquals(20, statuses.stream().filter(s -> s == 202).count(), "all 20 generates accepted: " + statuses);
            assertEquals(20, db.jobsForTenant(t.id()));

            for (Row row : onEveryPooledConnection("current_setting('synchronous_commit')")) {
                assertEquals("on", row.getString(1), "synchronous_commit of backend " + row.getInteger(0));
            }
        } finally {
            onEveryPooledConnection("set_config('synchronous_commit', (SELECT reset_val FROM pg_settings "
                    + "WHERE name = 'synchronous_commit'), false)");
        }
    }

    /** Evaluates an expression once on each pooled connection: (backend pid, value) per connection. */
    private List<Row> onEveryPooledConnection(String expression) {
        // As many concurrent sleeping statements as the pool has connections: each takes its own.
        List<Row> rows = Concurrently.run(POOL_SIZE, i -> pg.execute(
                "SELECT pg_backend_pid(), " + expression + " FROM pg_sleep(0.3)", Tuple.tuple())
                .await().atMost(Duration.ofSeconds(10)).iterator().next());
        Set<Integer> backends = new HashSet<>();
        rows.forEach(row -> backends.add(row.getInteger(0)));
        assertEquals(POOL_SIZE, backends.size(), "one statement per pooled connection");
        return rows;
    }

    @Test
    void anUpstreamIdForAJobRowThatIsNotThereFailsTheWrite() {
        String publicId = submittedJob();
        JobView lost = lostJobSharingTheRowIdOf(publicId);

        assertThrows(IllegalStateException.class, () -> finalizer
                .recordUpstreamId(lost, "upstream-of-another-request", "default", JobStatus.PENDING, Instant.now())
                .await().atMost(Duration.ofSeconds(10)));
        String own = db.upstreamIdOf(publicId);
        assertTrue(own != null && !own.equals("upstream-of-another-request"), "the existing job keeps its own upstream id");
    }

    @Test
    void anUpstreamIdThatCannotBeRecordedAnswers503AndLandsOnNoOtherJob() {
        String publicId = submittedJob();
        JobView lost = lostJobSharingTheRowIdOf(publicId);

        // retried for about 3 s, then the operator alert and a 503 that tells the tenant not to resubmit
        JobStillRunningException failure = assertThrows(JobStillRunningException.class, () -> jobs
                .submitted(lost, "upstream-of-a-lost-row", "default", Observation.of(JobStatus.PENDING), Instant.now(), null)
                .await().atMost(Duration.ofSeconds(20)));
        assertEquals(503, failure.status());
        assertTrue(failure.getMessage().contains("do not resubmit"), failure.getMessage());
        assertNotEquals("upstream-of-a-lost-row", db.upstreamIdOf(publicId), "no other job took that upstream id");
    }

    @Test
    void anUpstreamIdWithTheProvidersOwnEstimateThatCannotBeRecordedAnswers503AndLandsOnNoOtherJob() {
        String publicId = submittedJob();
        long holdBefore = ledger.holdMicros(publicId);
        JobView lost = lostJobSharingTheRowIdOf(publicId);

        // the path that also re-sizes the hold to the provider's estimate: the same retries, alert and 503
        JobStillRunningException failure = assertThrows(JobStillRunningException.class, () -> jobs
                .submitted(lost, "upstream-with-an-estimate", "default", Observation.of(JobStatus.PENDING), Instant.now(),
                        50_000L)
                .await().atMost(Duration.ofSeconds(20)));
        assertEquals(503, failure.status());
        assertTrue(failure.getMessage().contains("do not resubmit"), failure.getMessage());
        assertNotEquals("upstream-with-an-estimate", db.upstreamIdOf(publicId), "no other job took that upstream id");
        assertEquals(holdBefore, ledger.holdMicros(publicId), "nor had its hold re-sized");
    }

    private static String submittedJob() {
        var t = Api.newTenant("100", "month");
        return tenant(t.key()).body(Map.of("mode", "1k", "prompt", "a shark")).post("/v1/generate")
                .then().statusCode(202).extract().path("job_id");
    }

    /**
     * A job whose row was lost in a database crash while its numeric id was handed out again:
     * the same row id as an existing job, another public id.
     */
    private JobView lostJobSharingTheRowIdOf(String publicId) {
        return new JobView(db.jobRowId(publicId), "job_lost_in_a_crash", UUID.randomUUID(), "sharkapi", "1k", null, null,
                JobStatus.SUBMITTING, 0, 1, null, null, 600, null, Instant.now(), null);
    }
}
