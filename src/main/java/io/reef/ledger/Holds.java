package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ReefMetrics;
import io.reef.event.BalanceEvents;
import io.smallrye.mutiny.Uni;

/**
 * A job's hold, in the ledger's words: it is placed at admission, then posted (the job completed:
 * its charge) or voided (every other end); a job that completes after its hold was voided gets a
 * late charge instead. This is the only code that moves a tenant's held amount, open-job count and
 * period spend after admission (the placement itself is the admission's one statement,
 * {@code JobRepository.insertWithHold}); every move is one SQL statement on the tenant row, so it
 * is atomic across any number of replicas.
 *
 * <p>
 * Invariant kept by these statements: {@code tenant.held_micros} is the sum of open holds and
 * {@code tenant.active_jobs} their count; a job keeps its concurrency slot exactly as long as
 * its hold is open. Callers pass a hold that is open (the job row, locked, says so).
 */
@ApplicationScoped
public class Holds {

    private final LedgerRepository ledger;
    private final ReefMetrics metrics;
    private final BalanceEvents balanceEvents;

    public Holds(LedgerRepository ledger, ReefMetrics metrics, BalanceEvents balanceEvents) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.balanceEvents = balanceEvents;
    }

    /** A hold was placed (counted for the operator). */
    public void placed(UUID tenantId, long holdMicros) {
        metrics.holdPlaced(tenantId.toString(), holdMicros);
    }

    /** Why a hold was not placed: the same terms as the placing statement, read back. */
    public Uni<HoldDecision> refusal(UUID tenantId, long holdMicros, Instant now) {
        return ledger.admissionTerms(tenantId, holdMicros, now).map(terms -> {
            HoldDecision decision = decide(terms, now);
            metrics.admissionRejected(tenantId.toString(), decision.outcome().name().toLowerCase());
            return decision;
        });
    }

    /**
     * Posts the job's open hold as its charge: one ledger entry per job, ever; the hold and its slot
     * come off the tenant and the price goes on its period spend. Returns false if the job was
     * already charged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean post(LedgerEntry charge, long holdMicros, Instant now) {
        return record(charge, LedgerKind.CHARGE, holdMicros, 1, now);
    }

    /**
     * Charges a job whose hold was already voided (it expired, then completed): its one ledger
     * entry and the price on the period spend, the hold left alone. Returns false if the job was
     * already charged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean chargeLate(LedgerEntry charge, Instant now) {
        return record(charge, LedgerKind.LATE_CHARGE, 0, 0, now);
    }

    /** Voids a job's open hold (failed, cancelled, moderated, expired, rejected upstream): hold and slot come off. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void voidHold(UUID tenantId, long holdMicros, Instant now) {
        ledger.moveCounters(tenantId, holdMicros, 1, 0, now);
        metrics.holdVoided(tenantId.toString(), holdMicros);
    }

    /**
     * Re-sizes an open hold to a better estimate (the job is already admitted: no quota check).
     * Returns the tenant's period spend + open holds after the change and its limit, or null if
     * nothing changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Exposure resize(UUID tenantId, long oldHoldMicros, long newHoldMicros, Instant now) {
        return newHoldMicros == oldHoldMicros ? null : ledger.resizeHold(tenantId, newHoldMicros - oldHoldMicros, now);
    }

    /** A tenant's period spend plus open holds, against its quota limit. */
    public record Exposure(long spentAndHeldMicros, long limitMicros) {
        public boolean overLimit() {
            return spentAndHeldMicros > limitMicros;
        }
    }

    private boolean record(LedgerEntry charge, LedgerKind kind, long holdOffMicros, int slotsOff, Instant now) {
        if (!ledger.insertEntry(charge, kind, now)) {
            return false;
        }
        ledger.moveCounters(charge.tenantId(), holdOffMicros, slotsOff, charge.priceMicros(), now);
        // budget thresholds and low balance, decided and written in this transaction (the outbox)
        balanceEvents.afterCharge(charge.tenantId(), now);
        metrics.charged(charge.tenantId().toString(), charge.provider(), charge.costMicros(), charge.priceMicros());
        return true;
    }

    private static HoldDecision decide(LedgerRepository.AdmissionTerms t, Instant now) {
        if (t == null) {
            return new HoldDecision(HoldDecision.Outcome.TENANT_MISSING, null);
        }
        if (!"active".equals(t.status())) {
            return new HoldDecision(HoldDecision.Outcome.SUSPENDED, null);
        }
        if (t.maxConcurrentJobs() != null && t.activeJobs() >= t.maxConcurrentJobs()) {
            return new HoldDecision(HoldDecision.Outcome.CONCURRENCY_LIMIT, 1L);
        }
        if (t.requestsPerMinute() != null && t.requestsThisMinute() >= t.requestsPerMinute()) {
            long secondsIntoMinute = now.getEpochSecond() % 60;
            return new HoldDecision(HoldDecision.Outcome.RATE_LIMIT, 60 - secondsIntoMinute);
        }
        if (t.spentAndHeldWithHoldMicros() > t.limitMicros()) {
            return new HoldDecision(HoldDecision.Outcome.QUOTA_EXHAUSTED, null);
        }
        // Capacity was freed between the two statements: report it as contention, retry at once.
        return new HoldDecision(HoldDecision.Outcome.CONCURRENCY_LIMIT, 1L);
    }
}
