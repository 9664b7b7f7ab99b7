package io.reef.support;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Direct reads of Reef's tables, to prove ledger facts the API summarises. */
@ApplicationScoped
public class Db {

    private final EntityManager em;

    public Db(EntityManager em) {
        this.em = em;
    }

    /** Ledger entries of the job with this public id. */
    public long ledgerEntriesForJob(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM ledger_entry l JOIN job j ON j.id = l.job_id WHERE j.public_id = :p")
                .setParameter("p", publicId).getSingleResult()).longValue());
    }

    public long ledgerEntriesForTenant(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM ledger_entry WHERE tenant_id = :t")
                .setParameter("t", UUID.fromString(tenantId)).getSingleResult()).longValue());
    }

    public long jobsForTenant(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM job WHERE tenant_id = :t")
                .setParameter("t", UUID.fromString(tenantId)).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public java.util.List<String> jobIdsForTenant(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> (java.util.List<String>) em.createNativeQuery(
                "SELECT public_id FROM job WHERE tenant_id = :t ORDER BY id")
                .setParameter("t", UUID.fromString(tenantId)).getResultList());
    }

    /** The provider's ids of the tenant's jobs that have one (their submission was answered). */
    @SuppressWarnings("unchecked")
    public java.util.List<String> upstreamIdsForTenant(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> (java.util.List<String>) em.createNativeQuery(
                "SELECT upstream_id FROM job WHERE tenant_id = :t AND upstream_id IS NOT NULL ORDER BY id")
                .setParameter("t", UUID.fromString(tenantId)).getResultList());
    }

    /** Jobs of the tenant not yet in a terminal state. */
    public long openJobs(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM job WHERE tenant_id = :t AND status IN ('submitting', 'pending', 'running')")
                .setParameter("t", UUID.fromString(tenantId)).getSingleResult()).longValue());
    }

    public long distinctChargedJobs(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(DISTINCT job_id) FROM ledger_entry WHERE tenant_id = :t")
                .setParameter("t", UUID.fromString(tenantId)).getSingleResult()).longValue());
    }

    /**
     * Seeds one completed job and its ledger entry at a given time (for reports over several days).
     * The job is attributed to the tenant's first key.
     */
    public void seedCharge(String tenantId, String provider, String model, long costMicros, long priceMicros,
            java.time.Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            Object jobId = em.createNativeQuery("INSERT INTO job (public_id, tenant_id, api_key_id, provider, model, "
                    + "upstream_id, status, hold_micros, hold_state, markup_bp, expected_cost_micros, cost_micros, "
                    + "price_micros, timeout_seconds, created_at, updated_at, terminal_at) "
                    + "SELECT :pub, :t, (SELECT id FROM api_key WHERE tenant_id = :t ORDER BY created_at LIMIT 1), "
                    + ":provider, :model, :up, 'completed', :price, 'posted', 0, :cost, :cost, :price, 300, :at, :at, :at "
                    + "RETURNING id")
                    .setParameter("pub", "seed_" + UUID.randomUUID()).setParameter("t", UUID.fromString(tenantId))
                    .setParameter("provider", provider).setParameter("model", model)
                    .setParameter("up", "up_" + UUID.randomUUID()).setParameter("price", priceMicros)
                    .setParameter("cost", costMicros).setParameter("at", at.atOffset(java.time.ZoneOffset.UTC))
                    .getSingleResult();
            em.createNativeQuery("INSERT INTO ledger_entry (job_id, tenant_id, provider, model, cost_micros, "
                    + "price_micros, created_at) VALUES (:job, :t, :provider, :model, :cost, :price, :at)")
                    .setParameter("job", ((Number) jobId).longValue()).setParameter("t", UUID.fromString(tenantId))
                    .setParameter("provider", provider).setParameter("model", model).setParameter("cost", costMicros)
                    .setParameter("price", priceMicros).setParameter("at", at.atOffset(java.time.ZoneOffset.UTC))
                    .executeUpdate();
        });
    }

    public String upstreamId(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT upstream_id FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }

    public String jobStatus(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }

    /** The numeric row id of the job with this public id. */
    public long jobRowId(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT id FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult()).longValue());
    }

    /** The provider's id recorded for the job with this public id (null if none). */
    public String upstreamIdOf(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT upstream_id FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }

    /** Runs one statement with positional parameters ?1, ?2 ... (to set up state no API sets yet); returns rows changed. */
    public int update(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    /** A single value read with positional parameters ?1, ?2 ... */
    public Object value(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getSingleResult();
        });
    }
}
