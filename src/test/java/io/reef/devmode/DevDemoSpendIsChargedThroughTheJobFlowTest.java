package io.reef.devmode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.Sql;
import io.reef.support.Api;
import io.reef.support.Eventually;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev-mode demo spend is real: the configured generations go through Reef's tenant API like a
 * client's, every one becomes a job and each completed one exactly one ledger entry, which the
 * tenant's spend counter shows.
 */
@QuarkusTest
class DevDemoSpendIsChargedThroughTheJobFlowTest {

    @Inject
    DevDemoConfig demo;

    @Inject
    EntityManager em;

    @Test
    void everyDemoGenerationBecomesAJobAndEachCompletedOneIsChargedOnce() {
        Api.TestTenant tenant = Api.newTenant("50", "day");

        DemoSpend.send("http://localhost:8081", tenant.key(), demo);

        long expected = (long) demo.rounds() * demo.requests().size();
        UUID id = UUID.fromString(tenant.id());
        Eventually.until("every demo job terminal", Duration.ofSeconds(60),
                () -> count("SELECT count(*) FROM job WHERE tenant_id = :t AND terminal_at IS NOT NULL", id) == expected);
        assertEquals(expected, count("SELECT count(*) FROM job WHERE tenant_id = :t", id));
        long completed = count("SELECT count(*) FROM job WHERE tenant_id = :t AND status = 'completed'", id);
        assertTrue(completed > 0, "some demo generations complete");
        assertEquals(completed, count("SELECT count(*) FROM ledger_entry WHERE tenant_id = :t", id));
        long charged = count("SELECT COALESCE(sum(price_micros), 0) FROM ledger_entry WHERE tenant_id = :t", id);
        BigDecimal spent = Api.admin().get("/reef/admin/v1/tenants/" + id).then().statusCode(200).extract()
                .jsonPath().getObject("quota.spent_usd", BigDecimal.class);
        assertEquals(0, spent.compareTo(BigDecimal.valueOf(charged, 6)), "spend counter equals the ledger");
    }

    private long count(String sql, UUID tenant) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Sql.longValue(em.createNativeQuery(sql).setParameter("t", tenant).getSingleResult()));
    }
}
