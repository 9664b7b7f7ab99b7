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
import io.vertx.pgclient.SslMode;
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
        PgConnectOptions connect = connectOptions(jdbcUrl)
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

    /**
     * Host, port and database from the JDBC URL ({@code jdbc:postgresql://host:5432/db?...}). Of
     * its query parameters only {@code sslmode} means the same to both clients, so only it is
     * kept (require/prefer/allow encrypt without verifying the server, as in libpq); pgjdbc-only
     * ones such as {@code ApplicationName} would be sent to the server as unknown settings.
     */
    static PgConnectOptions connectOptions(String jdbcUrl) {
        String uri = jdbcUrl.startsWith(JDBC_PREFIX) ? jdbcUrl.substring(JDBC_PREFIX.length()) : jdbcUrl;
        int query = uri.indexOf('?');
        PgConnectOptions options = PgConnectOptions.fromUri(query < 0 ? uri : uri.substring(0, query));
        if (query >= 0) {
            for (String parameter : uri.substring(query + 1).split("&")) {
                String[] pair = parameter.split("=", 2);
                if (pair.length == 2 && pair[0].equalsIgnoreCase("sslmode")) {
                    SslMode mode = SslMode.of(pair[1]);
                    options.setSslMode(mode);
                    options.setTrustAll(mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW);
                }
            }
        }
        return options;
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
