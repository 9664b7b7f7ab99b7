package io.reef.ledger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.reef.common.DatabaseUnavailable;
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
 * <p>
 * It uses the same database and credentials as the JDBC datasource ({@code
 * quarkus.datasource.jdbc.url}, {@code username}, {@code password}), so one URL configures Reef.
 * (The Vert.x PostgreSQL client is used directly, on Quarkus' own Vert.x instance, because the
 * {@code quarkus-reactive-pg-client} extension does not resolve from this build's Maven mirror.)
 */
@ApplicationScoped
public class ReactivePg {

    private static final String JDBC_PREFIX = "jdbc:";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Pool pool;

    public ReactivePg(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "reef.datasource.reactive.max-size", defaultValue = "8") int maxSize) {
        PgConnectOptions connect = connectOptions(jdbcUrl)
                .setCachePreparedStatements(true)
                .setTcpKeepAlive(true)
                // a server that is down or failing over fails a request in seconds, not 60 s;
                // a closed connection is evicted and the next request opens a new one
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        username.ifPresent(connect::setUser);
        password.ifPresent(connect::setPassword);
        // The wait for a connection stays at the default 30 s, like the JDBC pool's acquisition
        // timeout: a burst of admissions (10,000 sync requests in 10 s) queues for the few
        // connections, and a 10 s limit turned a quarter of them into errors in the benchmark.
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(maxSize).setName("reef-reactive")
                        .setIdleTimeout(5).setIdleTimeoutUnit(TimeUnit.MINUTES)
                        .setMaxLifetime(30).setMaxLifetimeUnit(TimeUnit.MINUTES))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    /**
     * The JDBC URL without its {@code jdbc:} prefix, read by the Vert.x client: host, port,
     * database, {@code user}, {@code password} and {@code sslmode} mean the same to both clients.
     * {@code sslmode=require|prefer|allow} encrypt without verifying the server, as in libpq (the
     * Vert.x client would otherwise refuse to connect); pgjdbc's {@code currentSchema} becomes
     * the session's {@code search_path}, so both clients see the same tables. verify-ca/verify-full
     * need trust options this derivation does not carry: see the README.
     */
    static PgConnectOptions connectOptions(String jdbcUrl) {
        String uri = jdbcUrl.startsWith(JDBC_PREFIX) ? jdbcUrl.substring(JDBC_PREFIX.length()) : jdbcUrl;
        PgConnectOptions options = PgConnectOptions.fromUri(uri);
        SslMode mode = options.getSslMode();
        options.setTrustAll(mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW);
        int query = uri.indexOf('?');
        if (query >= 0) {
            for (String parameter : uri.substring(query + 1).split("&")) {
                String[] pair = parameter.split("=", 2);
                if (pair.length == 2 && pair[0].equals("currentSchema")) {
                    options.addProperty("search_path", pair[1]);
                }
            }
        }
        return options;
    }

    /** A wrong URL or credentials fail start-up, not the first generate. */
    void probe(@Observes StartupEvent started) {
        execute("SELECT count(*) FROM tenant WHERE false", Tuple.tuple())
                .await().atMost(Duration.ofSeconds(30));
    }

    /**
     * Runs one statement in autocommit when subscribed (each subscription runs it again, so a
     * retry re-executes); the item is emitted on the caller's Vert.x context. A failure to reach
     * the server is a {@link DatabaseUnavailable.Failure} (503 for the tenant).
     */
    public Uni<RowSet<Row>> execute(String sql, Tuple args) {
        return Uni.createFrom().<RowSet<Row>> deferred(() -> UniHelper.toUni(pool.preparedQuery(sql).execute(args)))
                .onFailure().transform(DatabaseUnavailable::fromReactiveClient);
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
