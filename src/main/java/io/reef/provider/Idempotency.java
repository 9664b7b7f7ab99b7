package io.reef.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reef.common.ApiException;
import io.reef.common.DatabaseUnavailable;
import io.reef.common.ReefClock;
import io.reef.common.RunToTheEnd;
import io.reef.common.Text;
import io.reef.common.Workers;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * {@code Idempotency-Key} on the generate endpoints, scoped to the tenant. The first request with
 * a key claims it in the database (so concurrent retries on any replica see the claim); a retry
 * with the same body gets the original answer without a second hold or upstream submit; the same
 * key with another body is a 422. A first attempt that fails without creating a job forgets the
 * key so the client can retry it.
 *
 * <p>
 * The claim, the work and storing its answer run to their end even if the client hangs up
 * ({@link RunToTheEnd}): a sync call whose client gave up still stores its images under the key.
 * A retry that finds the first attempt still in progress waits for its answer (a sync call: until
 * the job completes), up to the operation's longest answer time, then gets 409.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    /** A retry looks for the first attempt's answer this often at first (most answers take well under 2 s) ... */
    private static final Duration FIRST_WAIT_STEP = Duration.ofMillis(100);
    private static final int FIRST_WAIT_STEPS = 20;
    /** ... then this often (a sync call can take minutes). */
    private static final Duration WAIT_STEP = Duration.ofSeconds(1);
    /** Retries of a key's bookkeeping while the database is unreachable (backing off to 1 s: at least 30 s). */
    private static final int BOOKKEEPING_ATTEMPTS = 32;

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public Idempotency(IdempotencyStore store, ObjectMapper mapper, ReefClock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Runs a generate of {@code provider} once per key (or always, without a key), to its end. A
     * retry waits for the first attempt's answer up to {@link Provider#longestAnswer()}.
     */
    public Uni<Response> run(TenantPrincipal who, String key, Provider provider, Buffer body,
            Supplier<Uni<Response>> action) {
        return run(who, key, provider.name() + ":generate", provider, body, provider.longestAnswer(), action);
    }

    private Uni<Response> run(TenantPrincipal who, String key, String operation, Provider provider, Buffer body,
            Duration longestAnswer, Supplier<Uni<Response>> action) {
        if (key == null) {
            return RunToTheEnd.of(Uni.createFrom().deferred(action::get));
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("'" + HEADER + "' must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Text.line(key, HEADER, MAX_KEY_LENGTH); // stored: no control characters
        byte[] hash = hash(operation, body);
        // the claim is inside the detached part: a claim whose work never ran would stay "in progress"
        return RunToTheEnd.of(claim(who, key, hash).flatMap(claim -> claim instanceof IdempotencyStore.Claimed
                ? perform(who, key, provider, action)
                : Uni.createFrom().item(() -> earlier(claim))))
                .flatMap(answer -> answer != null ? Uni.createFrom().item(answer)
                        : awaitEarlierAnswer(who, key, hash, provider, longestAnswer, action));
    }

    private Uni<IdempotencyStore.Claim> claim(TenantPrincipal who, String key, byte[] hash) {
        return Workers.run(() -> store.claim(who.tenantId(), key, hash, clock.now()));
    }

    /** This request holds the key: do the work and store its answer under the key. */
    private Uni<Response> perform(TenantPrincipal who, String key, Provider provider, Supplier<Uni<Response>> action) {
        return Uni.createFrom().<Response> deferred(action::get)
                .onItem().call(response -> untilDatabaseIsBack(remember(who, key, response)))
                .onFailure().call(f -> untilDatabaseIsBack(Workers.run(() -> {
                    if (f instanceof JobStillRunningException running) {
                        // the job exists upstream: a retry must not create a second one
                        store.complete(who.tenantId(), key, running.status(),
                                serialize(provider.errorEnvelope().body(running)));
                    } else {
                        store.forget(who.tenantId(), key); // nothing reached the provider
                    }
                    return null;
                })));
    }

    /** What an earlier request with this key did; null while it is still in progress. */
    private static Response earlier(IdempotencyStore.Claim claim) {
        if (claim instanceof IdempotencyStore.Replay replay) {
            return Response.status(replay.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Idempotent-Replayed", "true").entity(replay.body()).build();
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw new ApiException(422, "idempotency_error",
                    "This Idempotency-Key was already used with a different request body");
        }
        return null;
    }

    /**
     * The first attempt is still running (on any replica): wait for the answer it will store. If it
     * failed without creating a job it forgot the key, and this request claims it and runs.
     * (Only the wait stops if this client hangs up; work this request starts runs to its end.)
     */
    private Uni<Response> awaitEarlierAnswer(TenantPrincipal who, String key, byte[] hash, Provider provider,
            Duration longestAnswer, Supplier<Uni<Response>> action) {
        long deadline = System.nanoTime() + longestAnswer.toNanos();
        AtomicInteger looks = new AtomicInteger();
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().voidItem()
                        .onItem().delayIt().by(looks.getAndIncrement() < FIRST_WAIT_STEPS ? FIRST_WAIT_STEP : WAIT_STEP)
                        .flatMap(ignored -> RunToTheEnd.of(claim(who, key, hash)
                                .flatMap(claim -> claim instanceof IdempotencyStore.Claimed
                                        ? perform(who, key, provider, action).map(Optional::of)
                                        : Uni.createFrom().item(() -> Optional.ofNullable(earlier(claim)))))))
                .indefinitely()
                .filter(answer -> answer.isPresent() || System.nanoTime() > deadline)
                .toUni()
                .map(answer -> answer.orElseThrow(() -> new ApiException(409, "idempotency_error",
                        "A request with this Idempotency-Key is still in progress; retry later", 1L)));
    }

    /**
     * The key's bookkeeping after a claim is retried while the database is unreachable (a restart
     * or failover): a key left claimed would answer every retry with 409 until it is purged.
     */
    private static <T> Uni<T> untilDatabaseIsBack(Uni<T> bookkeeping) {
        return bookkeeping.onFailure(DatabaseUnavailable::is).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(BOOKKEEPING_ATTEMPTS);
    }

    private Uni<Void> remember(TenantPrincipal who, String key, Response response) {
        if (response.getStatus() >= 300) {
            return Workers.run(() -> {
                store.forget(who.tenantId(), key);
                return null;
            });
        }
        String body = serialize(response.getEntity());
        return Workers.run(() -> {
            store.complete(who.tenantId(), key, response.getStatus(), body);
            return null;
        });
    }

    private String serialize(Object entity) {
        try {
            return entity instanceof String s ? s : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response for an idempotency key", e);
        }
    }

    /**
     * SHA-256 of the operation, a newline and the body's bytes, fed to the digest one after the
     * other (no concatenated copy of a body of megabytes); the same value the former hash of the
     * string {@code operation + '\n' + body} gave for every UTF-8 body.
     */
    static byte[] hash(String operation, Buffer body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            if (body != null) {
                digest.update(body.getByteBuf().nioBuffer());
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
