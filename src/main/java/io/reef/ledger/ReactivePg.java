package io.reef.ledger;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The non-blocking PostgreSQL client for the statements on every generate request (placing a
 * hold with its job row, recording the upstream id): they run on the request's event loop, with
 * cached prepared statements, instead of hopping to a worker thread and back for JDBC.
 *
 * <p>It uses the same database and credentials as the JDBC datasource ({@code
 * quarkus.datasource.jdbc.url}, {@code username}, {@code password}), so one URL configures Reef.
 * (The Vert.x PostgreSQL client is used directly, on Quarkus' own Vert.x instance, because the
 * {@code quarkus-reactive-pg-client} extension does not resolve from this build's Maven mirror.)
 */
@ApplicationScoped
public class ReactivePg {

    private static final String JDBC_PREFIX = "jdbc:";

    private final Pool pool;

    public ReactivePg(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "reef.datasource.reactive.max-size", defaultValue = "8") int maxSize) {
        String uri = jdbcUrl.startsWith(JDBC_PREFIX) ? jdbcUrl.substring(JDBC_PREFIX.length()) : jdbcUrl;
        PgConnectOptions connect = PgConnectOptions.fromUri(uri)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        username.ifPresent(connect::setUser);
        password.ifPresent(connect::setPassword);
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(maxSize).setName("reef-reactive"))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    /** Runs one statement in autocommit; the item is emitted on the caller's Vert.x context. */
    public Uni<RowSet<Row>> execute(String sql, Tuple args) {
        return UniHelper.toUni(pool.preparedQuery(sql).execute(args));
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
