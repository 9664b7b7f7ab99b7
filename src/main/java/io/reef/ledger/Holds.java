package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ReefMetrics;
import io.reef.event.BalanceEvents;

/**
 * A job's hold, in the ledger's words: it is placed at admission, then posted (the job completed:
 * its charge) or voided (every other end); a job that completes after its hold was voided gets a
 * late charge instead. This is the only code that moves a tenant's and a key's held amount,
 * open-job count, period spend and (tenant) lifetime spend after admission (the placement itself is
 * the admission's one statement, {@code JobRepository.insertWithHold}); every move is one SQL
 * statement on the tenant and key rows, so it is atomic across any number of replicas.
 *
 * <p>
 * Invariant kept by these statements: {@code tenant.held_micros} and {@code api_key.held_micros}
 * are the sums of the tenant's and the key's open holds and {@code active_jobs} their counts; a job
 * keeps its concurrency slots exactly as long as its hold is open. Callers pass a hold that is open
 * (the job row, locked, says so).
 *
 * <p>
 * No deadlock: every statement that locks a tenant row and a key row locks the tenant row first,
 * then the key row, and a job row before either. The admission ({@code reef_admit}) updates the
 * tenant row, then the key row, each by a conditional UPDATE, and writes the new job row last; a post, void or late charge runs
 * in the transaction
 * that has locked the job row ({@code JobFinalizer}), then calls {@code reef_move_counters}, which
 * updates the tenant row, then the key row; a re-size ({@code reef_resize_hold}) likewise. All three
 * are SQL functions (V5, V7), so the order is fixed in one place and costs one round trip; the
 * settlement function also decides the balance alerts due, in the same round trip.
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

    /**
     * Why a hold was not placed, as the placing statement named it (its {@code refusal}), with when
     * to retry a rate or concurrency limit; counted for the operator.
     */
    public HoldDecision refusal(UUID tenantId, String refusal, Instant now) {
        HoldDecision decision = decide(HoldDecision.Outcome.fromWire(refusal), now);
        metrics.admissionRejected(tenantId.toString(), decision.outcome().name().toLowerCase());
        return decision;
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
    public void voidHold(UUID tenantId, UUID apiKeyId, long holdMicros, Instant now) {
        // a void can only raise the balance: it re-arms a low-balance alert, it never fires one
        balanceEvents.write(tenantId, ledger.moveCounters(tenantId, apiKeyId, holdMicros, 1, 0, now), now);
        metrics.holdVoided(tenantId.toString(), holdMicros);
    }

    /**
     * Re-sizes an open hold (on the tenant and its key) to a better estimate (the job is already
     * admitted: no quota or balance check). Returns the tenant's period spend + open holds after
     * the change and its limit, and for a prepaid tenant its lifetime spend + open holds and its
     * unexpired credit; null if nothing changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Exposure resize(UUID tenantId, UUID apiKeyId, long oldHoldMicros, long newHoldMicros, Instant now) {
        return newHoldMicros == oldHoldMicros
                ? null
                : ledger.resizeHold(tenantId, apiKeyId, newHoldMicros - oldHoldMicros, now);
    }

    /**
     * A tenant's period spend plus open holds, against its quota limit; for a prepaid tenant also
     * its lifetime spend plus open holds against its unexpired credit ({@code creditMicros} null:
     * postpaid).
     */
    public record Exposure(long spentAndHeldMicros, long limitMicros, long lifetimeAndHeldMicros, Long creditMicros) {
        public boolean overLimit() {
            return spentAndHeldMicros > limitMicros;
        }

        public boolean overBalance() {
            return creditMicros != null && lifetimeAndHeldMicros > creditMicros;
        }
    }

    private boolean record(LedgerEntry charge, LedgerKind kind, long holdOffMicros, int slotsOff, Instant now) {
        if (!ledger.insertEntry(charge, kind, now)) {
            return false;
        }
        // budget thresholds and low balance: decided with the move (one round trip under the tenant
        // row's lock), written in this transaction (the outbox)
        balanceEvents.write(charge.tenantId(), ledger.moveCounters(charge.tenantId(), charge.apiKeyId(), holdOffMicros,
                slotsOff, charge.priceMicros(), now), now);
        metrics.charged(charge.tenantId().toString(), charge.provider(), charge.costMicros(), charge.priceMicros());
        return true;
    }

    private static HoldDecision decide(HoldDecision.Outcome outcome, Instant now) {
        Long retryAfter = switch (outcome) {
            case CONCURRENCY_LIMIT, KEY_CONCURRENCY_LIMIT -> 1L;
            case RATE_LIMIT, KEY_RATE_LIMIT -> 60 - now.getEpochSecond() % 60;
            default -> null;
        };
        return new HoldDecision(outcome, retryAfter);
    }
}
