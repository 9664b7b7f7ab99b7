package io.reef.support;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads the billing counters and the rows they must equal, straight from the database. */
@ApplicationScoped
public class BillingDb {

    private final EntityManager em;

    public BillingDb(EntityManager em) {
        this.em = em;
    }

    /** A tenant's or key's counters next to what its job and ledger rows say they must be. */
    public record Counters(long heldMicros, long activeJobs, long spentMicros, long sumOpenHolds, long openJobs,
            long sumCharges) {
        public boolean consistent() {
            return heldMicros == sumOpenHolds && activeJobs == openJobs && spentMicros == sumCharges;
        }
    }

    /** The tenant's held, open jobs and lifetime spend, and the sums of its open holds and ledger entries. */
    public Counters tenant(String tenantId) {
        return counters("SELECT held_micros, active_jobs, lifetime_spent_micros, "
                + "(SELECT COALESCE(sum(hold_micros), 0) FROM job WHERE tenant_id = t.id AND hold_state = 'open'), "
                + "(SELECT count(*) FROM job WHERE tenant_id = t.id AND hold_state = 'open'), "
                + "(SELECT COALESCE(sum(price_micros), 0) FROM ledger_entry WHERE tenant_id = t.id) "
                + "FROM tenant t WHERE t.id = :id", tenantId);
    }

    /** The key's held, open jobs and period spend (a total budget or none: all its charges), and the sums. */
    public Counters key(String keyId) {
        return counters("SELECT held_micros, active_jobs, spent_micros, "
                + "(SELECT COALESCE(sum(hold_micros), 0) FROM job WHERE api_key_id = k.id AND hold_state = 'open'), "
                + "(SELECT count(*) FROM job WHERE api_key_id = k.id AND hold_state = 'open'), "
                + "(SELECT COALESCE(sum(l.price_micros), 0) FROM ledger_entry l JOIN job j ON j.id = l.job_id "
                + "  WHERE j.api_key_id = k.id) "
                + "FROM api_key k WHERE k.id = :id", keyId);
    }

    public long grantedMicros(String tenantId) {
        return single("SELECT granted_micros FROM tenant WHERE id = :id", tenantId);
    }

    public long sumOfCreditEntries(String tenantId) {
        return single("SELECT COALESCE(sum(amount_micros), 0) FROM credit_entry WHERE tenant_id = :id", tenantId);
    }

    public long creditEntries(String tenantId) {
        return single("SELECT count(*) FROM credit_entry WHERE tenant_id = :id", tenantId);
    }

    /** The sum of the holds of every job the key placed (admitted), whatever became of them. */
    public long jobsOfKey(String keyId) {
        return single("SELECT count(*) FROM job WHERE api_key_id = :id", keyId);
    }

    private long single(String sql, String id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("id", UUID.fromString(id)).getSingleResult()).longValue());
    }

    private Counters counters(String sql, String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery(sql).setParameter("id", UUID.fromString(id)).getSingleResult();
            List<Long> v = java.util.Arrays.stream(r).map(o -> ((Number) o).longValue()).toList();
            return new Counters(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5));
        });
    }
}
