package io.reef.ledger;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reactive client reaches the same database, as the same user, as the JDBC URL says. */
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
    void credentialsInTheUrlAreKept() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db:5432/reef?user=reef&password=s3cret");
        assertEquals("reef", options.getUser());
        assertEquals("s3cret", options.getPassword());
    }

    @Test
    void sslmodeRequireEncryptsWithoutVerifyingAsLibpqDoes() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db:5432/reef?sslmode=require");
        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertTrue(options.isTrustAll());
    }

    @Test
    void verifyFullNeverTrustsAnyServer() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db:5432/reef?sslmode=verify-full");
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertFalse(options.isTrustAll());
    }

    @Test
    void currentSchemaBecomesTheSearchPath() {
        PgConnectOptions options = ReactivePg.connectOptions("jdbc:postgresql://db:5432/reef?currentSchema=billing");
        assertEquals("billing", options.getProperties().get("search_path"));
    }
}
