package io.reef.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The reactive client reaches the same database as the JDBC URL, with only the settings both understand. */
class ReactivePgConnectOptionsTest {

    @Test
    void hostPortAndDatabaseComeFromTheJdbcUrl() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db.internal:6543/reef");
        assertEquals("db.internal", options.getHost());
        assertEquals(6543, options.getPort());
        assertEquals("reef", options.getDatabase());
        assertEquals(SslMode.DISABLE, options.getSslMode());
    }

    @Test
    void sslmodeIsKeptAndPgjdbcOnlyParametersAreDropped() {
        PgConnectOptions options = ReactivePg.connectOptions(
                "jdbc:postgresql://db:5432/reef?ApplicationName=reef&sslmode=require&currentSchema=public");
        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertTrue(options.isTrustAll(), "require encrypts without verifying, as in libpq");
        assertFalse(options.getProperties().containsKey("ApplicationName"));
        assertFalse(options.getProperties().containsKey("currentSchema"));
    }

    @Test
    void verifyFullKeepsVerifyingTheServer() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db:5432/reef?sslmode=verify-full");
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertFalse(options.isTrustAll());
    }
}
