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

    public String upstreamId(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT upstream_id FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }

    public String jobStatus(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }
}
