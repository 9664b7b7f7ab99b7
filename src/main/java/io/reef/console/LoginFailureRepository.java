package io.reef.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.reef.common.Sql;

/**
 * Every statement on {@code console_login_failure} (V9): an address's failed logins in the window
 * its first failure opened.
 */
@ApplicationScoped
public class LoginFailureRepository {

    private static final String OPEN_WINDOW = """
            SELECT window_start, failures FROM console_login_failure WHERE address = :address AND window_start > :since
            """;

    /** One statement, so concurrent failures on any number of replicas all count; a closed window starts over. */
    private static final String ADD = """
            INSERT INTO console_login_failure (address, window_start, failures) VALUES (:address, :now, 1)
            ON CONFLICT (address) DO UPDATE SET
              window_start = CASE WHEN console_login_failure.window_start > :since
                                  THEN console_login_failure.window_start ELSE :now END,
              failures = CASE WHEN console_login_failure.window_start > :since
                              THEN console_login_failure.failures + 1 ELSE 1 END
            """;

    private static final String PURGE = "DELETE FROM console_login_failure WHERE window_start <= :since";

    private final EntityManager em;

    public LoginFailureRepository(EntityManager em) {
        this.em = em;
    }

    /** The address's window that opened after {@code since} (still open), if any. */
    record Window(Instant start, int failures) {
    }

    @Transactional
    Optional<Window> openWindow(String address, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(OPEN_WINDOW).setParameter("address", address)
                .setParameter("since", Sql.at(since)).getResultList();
        return rows.stream().findFirst().map(r -> new Window(Sql.instant(r[0]), ((Number) r[1]).intValue()));
    }

    /** One more failure: in the open window (opened after {@code since}), else in a new one from {@code now}. */
    @Transactional
    void add(String address, Instant now, Instant since) {
        em.createNativeQuery(ADD).setParameter("address", address).setParameter("now", Sql.at(now))
                .setParameter("since", Sql.at(since)).executeUpdate();
    }

    /** Drops the windows that closed. */
    @Transactional
    int purgeClosed(Instant since) {
        return em.createNativeQuery(PURGE).setParameter("since", Sql.at(since)).executeUpdate();
    }
}
