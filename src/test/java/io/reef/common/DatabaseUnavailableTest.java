package io.reef.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way "PostgreSQL cannot be reached" surfaces through JDBC (pgjdbc, Agroal, Hibernate,
 * Narayana) and the Vert.x client is recognised, however wrapped; an SQL error the server
 * answered, or a provider's refused connection, is not.
 */
class DatabaseUnavailableTest {

    private static SQLException sql(String state) {
        return new SQLException("boom", state);
    }

    @Test
    void connectionSqlStatesAndServerShutdownsAreUnavailable() {
        for (String state : new String[] { "08001", "08003", "08006", "08004", "57P01", "57P02", "57P03" }) {
            assertTrue(DatabaseUnavailable.is(sql(state)), state);
        }
        assertTrue(DatabaseUnavailable.is(new SQLTransientConnectionException("refused", "08001")));
    }

    @Test
    void agroalsAcquisitionTimeoutIsUnavailable() {
        assertTrue(DatabaseUnavailable.is(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(DatabaseUnavailable.is(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void wrappersOfHibernateJpaAndTheTransactionManagerAreSeenThrough() {
        SQLException refused = sql("08001");
        assertTrue(DatabaseUnavailable.is(new JDBCConnectionException("Unable to acquire JDBC Connection", refused)));
        assertTrue(DatabaseUnavailable.is(new PersistenceException(new JDBCConnectionException("x", refused))));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.initCause(sql("08006"));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(rollback)));
        RuntimeException suppressing = new IllegalStateException("rollback failed");
        suppressing.addSuppressed(sql("57P01"));
        assertTrue(DatabaseUnavailable.is(suppressing));
        assertTrue(DatabaseUnavailable.is(new CompositeException(new IllegalStateException("other"),
                new PersistenceException(sql("08006")))));
    }

    @Test
    void theReactiveClientsConnectionFailuresAreUnavailable() {
        assertTrue(DatabaseUnavailable.is(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null)));
        assertTrue(DatabaseUnavailable.is(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE));
        for (Throwable failure : new Throwable[] { new ConnectException("Connection refused"),
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
                new VertxException("Pending requests failed to be sent due to connection has been closed."),
                new TimeoutException("Timeout") }) {
            Throwable seen = DatabaseUnavailable.fromReactiveClient(failure);
            assertTrue(DatabaseUnavailable.is(seen), failure.toString());
            assertSame(failure, seen.getCause(), "the original failure is kept for the log");
        }
    }

    @Test
    void errorsTheServerAnsweredAndOtherFailuresAreNot() {
        PgException uniqueViolation = new PgException("duplicate key", "ERROR", "23505", null);
        assertFalse(DatabaseUnavailable.is(uniqueViolation));
        assertSame(uniqueViolation, DatabaseUnavailable.fromReactiveClient(uniqueViolation));
        assertFalse(DatabaseUnavailable.is(sql("23505")));
        assertFalse(DatabaseUnavailable.is(sql(null)));
        assertFalse(DatabaseUnavailable.is(new PersistenceException(sql("40001"))));
        // an upstream provider's refused connection is not the database's
        assertFalse(DatabaseUnavailable.is(new ConnectException("Connection refused")));
        IllegalArgumentException bug = new IllegalArgumentException("bad tuple");
        assertSame(bug, DatabaseUnavailable.fromReactiveClient(bug));
        assertFalse(DatabaseUnavailable.is(bug));
    }

    @Test
    void theAnswerIsA503WithRetryAfterInTheEnvelope() {
        ApiException error = DatabaseUnavailable.error();
        assertEquals(503, error.status());
        assertEquals("api_error", error.type());
        assertTrue(error.retryAfterSeconds() >= 1);
    }
}
