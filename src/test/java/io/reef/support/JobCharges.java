package io.reef.support;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The ledger's charges of one job: what the provider cost and what the tenant paid, in micro-dollars. */
@ApplicationScoped
public class JobCharges {

    private final EntityManager em;

    public JobCharges(EntityManager em) {
        this.em = em;
    }

    public record Charge(long costMicros, long priceMicros) {
    }

    /** The job's ledger entries, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Charge> of(String publicId) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT l.cost_micros, l.price_micros FROM ledger_entry l JOIN job j ON j.id = l.job_id "
                        + "WHERE j.public_id = :p ORDER BY l.id")
                .setParameter("p", publicId).getResultList());
        return rows.stream().map(r -> new Charge(((Number) r[0]).longValue(), ((Number) r[1]).longValue())).toList();
    }
}
