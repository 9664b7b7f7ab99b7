package io.reef.common;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * The one place that decides whether a failure means "PostgreSQL cannot be reached right now"
 * (a restart, a failover, a dead pooled connection), which the tenant gets as 503 with {@code
 * Retry-After} instead of a 500: it is transient, nothing was decided, and a retry a few seconds
 * later succeeds once the database is back. Both database clients fail that way:
 * <ul>
 * <li>JDBC (Agroal, Hibernate, Narayana): an {@link SQLException} with SQLState class {@code 08}
 * (connection exception: refused, broken, closed), {@code 57P01} (admin shutdown), {@code 57P02}
 * (crash shutdown) or {@code 57P03} (cannot connect now: starting up or shutting down), or
 * Agroal's acquisition timeout; wrapped by Hibernate ({@code JDBCConnectionException}), by
 * jakarta.persistence exceptions or by the transaction manager's rollback exceptions;</li>
 * <li>the Vert.x PostgreSQL client ({@code ledger/ReactivePg}): a {@code PgException} with those
 * SQLStates, a {@link ClosedConnectionException}, or a connection-level failure (refused, reset,
 * closed, no connection in time), which ReactivePg turns into a {@link Failure} with
 * {@link #fromReactiveClient}.</li>
 * </ul>
 * The whole cause chain (and Mutiny's composite and suppressed failures) is searched, so a
 * wrapped failure is recognised wherever it surfaces.
 */
public final class DatabaseUnavailable {

    /** What the tenant is told to wait: PostgreSQL restarts or fails over in seconds. */
    public static final long RETRY_AFTER_SECONDS = 2;
    static final String MESSAGE = "The gateway's database is unavailable; retry shortly";
    private static final int MAX_SEARCHED = 64;

    private DatabaseUnavailable() {
    }

    /** Whether this failure, or anything it wraps, says the database cannot be reached now. */
    public static boolean is(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        push(todo, failure);
        while (!todo.isEmpty() && seen.size() < MAX_SEARCHED) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (saysUnavailable(t)) {
                return true;
            }
            push(todo, t.getCause());
            if (t instanceof CompositeException composite) {
                composite.getCauses().forEach(c -> push(todo, c));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                push(todo, suppressed);
            }
        }
        return false;
    }

    private static void push(Deque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.add(t);
        }
    }

    /** The tenant's answer: 503, {@code Retry-After}, the providers' envelope. */
    public static ApiException error() {
        return new ApiException(503, "api_error", MESSAGE, RETRY_AFTER_SECONDS);
    }

    /**
     * A failure of the reactive client as Reef sees it: connection-level failures become a
     * {@link Failure} (so {@link #is} recognises them: a refused connection is a plain {@code
     * ConnectException}, which must not be confused with an upstream provider's); anything else
     * (an SQL error such as a constraint violation) is left as it is.
     */
    public static Throwable fromReactiveClient(Throwable failure) {
        if (failure instanceof Failure) {
            return failure;
        }
        if (failure instanceof DatabaseException db) { // the server answered
            return unavailableState(db.getSqlState()) ? new Failure(db) : db;
        }
        if (failure instanceof ClosedConnectionException || failure instanceof IOException
                || failure instanceof TimeoutException || mentionsConnection(failure)) {
            return new Failure(failure);
        }
        return failure;
    }

    private static boolean saysUnavailable(Throwable t) {
        if (t instanceof Failure || t instanceof ClosedConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            return unavailableState(sql.getSQLState()) || isAcquisitionTimeout(sql);
        }
        if (t instanceof DatabaseException db) {
            return unavailableState(db.getSqlState());
        }
        return false;
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08")
                || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }

    /** Agroal: "Sorry, acquisition timeout!" (no SQLState), e.g. every connection is being re-created. */
    private static boolean isAcquisitionTimeout(SQLException e) {
        String message = e.getMessage();
        return e.getSQLState() == null && message != null
                && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    /** Vert.x: "Connection is not active now", "Pending requests failed ... connection has been closed". */
    private static boolean mentionsConnection(Throwable t) {
        String message = t.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connection");
    }

    /** A connection-level failure of the reactive PostgreSQL client (cause kept for the log). */
    public static final class Failure extends RuntimeException {

        Failure(Throwable cause) {
            super("PostgreSQL unreachable: " + cause, cause, false, false);
        }
    }
}
