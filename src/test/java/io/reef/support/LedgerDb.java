package io.reef.support;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Direct reads (and deliberate bad writes) of job holds and ledger entries. */
@ApplicationScoped
public class LedgerDb {

    private final EntityManager em;

    public LedgerDb(EntityManager em) {
        this.em = em;
    }

    public String holdState(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT hold_state FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult());
    }

    /** The kinds of the job's ledger entries, oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> ledgerKinds(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery(
                "SELECT l.kind FROM ledger_entry l JOIN job j ON j.id = l.job_id WHERE j.public_id = :p ORDER BY l.id")
                .setParameter("p", publicId).getResultList());
    }

    /** Sets a job's hold state behind Reef's back (to prove the database refuses it). */
    public void forceHoldState(String publicId, String holdState) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE job SET hold_state = :s WHERE public_id = :p")
                .setParameter("s", holdState).setParameter("p", publicId).executeUpdate());
    }

    public long holdMicros(String publicId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT hold_micros FROM job WHERE public_id = :p").setParameter("p", publicId).getSingleResult())
                .longValue());
    }
}
