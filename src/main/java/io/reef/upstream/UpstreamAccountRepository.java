package io.reef.upstream;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * Every statement on {@code upstream_account} (V8), and the per-account figures of the operator's
 * view. State changes are conditional UPDATEs, so replicas that see the same refusal at once make
 * one transition between them (the one whose UPDATE returns the row).
 */
@ApplicationScoped
public class UpstreamAccountRepository {

    private static final String ENSURE = """
            INSERT INTO upstream_account (provider, name, updated_at) VALUES (:provider, :name, :now)
            ON CONFLICT (provider, name) DO NOTHING
            """;

    private static final String ALL = "SELECT provider, name, state, cool_until, last_error, last_error_at, updated_at FROM upstream_account";

    /** A 429: cools an active (or cooling) account down, never shortening a cool-down already set. */
    private static final String COOL_DOWN = """
            UPDATE upstream_account SET state = 'cooling_down',
              cool_until = CASE WHEN state = 'cooling_down' AND cool_until > :until THEN cool_until ELSE :until END,
              last_error = :error, last_error_at = :now, updated_at = :now
            WHERE provider = :provider AND name = :name AND state IN ('active', 'cooling_down')
            """;

    /** A 401/402/403: out of rotation until an operator says otherwise; returns the row only on the transition. */
    private static final String NEEDS_ATTENTION = """
            UPDATE upstream_account SET state = 'needs_attention', cool_until = NULL,
              last_error = :error, last_error_at = :now, updated_at = :now
            WHERE provider = :provider AND name = :name AND state IN ('active', 'cooling_down')
            RETURNING name
            """;

    /** The same refusal again, or one on an account an operator drained: only its last error is recorded. */
    private static final String NOTE_ERROR = """
            UPDATE upstream_account SET last_error = :error, last_error_at = :now, updated_at = :now
            WHERE provider = :provider AND name = :name
            """;

    private static final String SET_STATE = """
            UPDATE upstream_account SET state = :state, cool_until = NULL, updated_at = :now
            WHERE provider = :provider AND name = :name
            """;

    private static final String IN_FLIGHT = """
            SELECT provider, upstream_account, count(*) FROM job
            WHERE terminal_at IS NULL AND upstream_account IS NOT NULL GROUP BY provider, upstream_account
            """;

    /** The provider's cost (not the tenants' price) of the jobs each account completed since {@code from}. */
    private static final String COST_SINCE = """
            SELECT j.provider, j.upstream_account, sum(l.cost_micros) FROM ledger_entry l JOIN job j ON j.id = l.job_id
            WHERE l.created_at >= :from AND j.upstream_account IS NOT NULL GROUP BY j.provider, j.upstream_account
            """;

    private final EntityManager em;

    public UpstreamAccountRepository(EntityManager em) {
        this.em = em;
    }

    /** An account's state as stored. */
    record Row(String provider, String name, AccountState state, Instant coolUntil, String lastError, Instant lastErrorAt,
            Instant updatedAt) {
    }

    @Transactional
    void ensure(String provider, String name, Instant now) {
        em.createNativeQuery(ENSURE).setParameter("provider", provider).setParameter("name", name)
                .setParameter("now", Sql.at(now)).executeUpdate();
    }

    @Transactional
    List<Row> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ALL).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], AccountState.fromWire((String) r[2]),
                Sql.instant(r[3]), (String) r[4], Sql.instant(r[5]), Sql.instant(r[6]))).toList();
    }

    @Transactional
    void coolDown(String provider, String name, Instant until, String error, Instant now) {
        em.createNativeQuery(COOL_DOWN).setParameter("provider", provider).setParameter("name", name)
                .setParameter("until", Sql.at(until)).setParameter("error", error).setParameter("now", Sql.at(now))
                .executeUpdate();
    }

    /** True if this call moved the account to needs_attention (else: it was already, or drained). */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean needsAttention(String provider, String name, String error, Instant now) {
        boolean moved = !em.createNativeQuery(NEEDS_ATTENTION).setParameter("provider", provider).setParameter("name", name)
                .setParameter("error", error).setParameter("now", Sql.at(now)).getResultList().isEmpty();
        if (!moved) {
            em.createNativeQuery(NOTE_ERROR).setParameter("provider", provider).setParameter("name", name)
                    .setParameter("error", error).setParameter("now", Sql.at(now)).executeUpdate();
        }
        return moved;
    }

    /** An operator's change; false if there is no such account. */
    @Transactional
    boolean setState(String provider, String name, AccountState state, Instant now) {
        return em.createNativeQuery(SET_STATE).setParameter("provider", provider).setParameter("name", name)
                .setParameter("state", state.wire()).setParameter("now", Sql.at(now)).executeUpdate() == 1;
    }

    /** Jobs not yet terminal, by provider and account ("provider/account" keys). */
    @Transactional
    Map<String, Long> inFlight() {
        return sums(em.createNativeQuery(IN_FLIGHT).getResultList());
    }

    /** Provider cost of the completed jobs since {@code from}, by provider and account ("provider/account" keys). */
    @Transactional
    Map<String, Long> costSince(Instant from) {
        return sums(em.createNativeQuery(COST_SINCE).setParameter("from", Sql.at(from)).getResultList());
    }

    private static Map<String, Long> sums(List<?> rows) {
        Map<String, Long> byAccount = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            byAccount.put(r[0] + "/" + r[1], Sql.longValue(r[2]));
        }
        return byAccount;
    }
}
