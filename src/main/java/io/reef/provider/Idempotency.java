package io.reef.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reef.common.ApiException;
import io.reef.common.ErrorBody;
import io.reef.common.ReefClock;
import io.reef.common.Text;
import io.reef.common.Workers;
import io.reef.tenant.TenantPrincipal;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} on the generate endpoints, scoped to the tenant. The first request with
 * a key claims it in the database (so concurrent retries on any replica see the claim); a retry
 * with the same body gets the original answer without a second hold or upstream submit; the same
 * key with another body is a 422. A first attempt that fails without creating a job releases the
 * key so the client can retry it.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    private static final int MAX_WAIT_STEPS = 100;

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final ReefClock clock;

    public Idempotency(IdempotencyStore store, ObjectMapper mapper, ReefClock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<Response> run(TenantPrincipal who, String key, String operation, String body,
            Supplier<Uni<Response>> action) {
        if (key == null) {
            return Uni.createFrom().<Response>deferred(action::get);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("'" + HEADER + "' must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Text.line(key, HEADER, MAX_KEY_LENGTH); // stored: no control characters
        byte[] hash = hash(operation + '\n' + (body == null ? "" : body));
        return Workers.run(() -> store.claim(who.tenantId(), key, hash, clock.now()))
                .flatMap(claim -> answer(who, key, hash, claim, action, 0));
    }

    private Uni<Response> answer(TenantPrincipal who, String key, byte[] hash, IdempotencyStore.Claim claim,
            Supplier<Uni<Response>> action, int waited) {
        if (claim instanceof IdempotencyStore.Claimed) {
            return Uni.createFrom().<Response>deferred(action::get)
                    .onItem().call(response -> remember(who, key, response))
                    .onFailure().call(f -> Workers.run(() -> {
                        if (f instanceof JobStillRunningException running) {
                            // the job exists upstream: a retry must not create a second one
                            store.complete(who.tenantId(), key, running.status(), serialize(ErrorBody.of(running)));
                        } else {
                            store.release(who.tenantId(), key); // nothing reached the provider
                        }
                        return null;
                    }));
        }
        if (claim instanceof IdempotencyStore.Replay replay) {
            return Uni.createFrom().item(Response.status(replay.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Idempotent-Replayed", "true").entity(replay.body()).build());
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw new ApiException(422, "idempotency_error",
                    "This Idempotency-Key was already used with a different request body");
        }
        if (waited >= MAX_WAIT_STEPS) {
            throw new ApiException(409, "idempotency_error",
                    "A request with this Idempotency-Key is still in progress; retry later", 1L);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(WAIT_STEP)
                .flatMap(ignored -> Workers.run(() -> store.claim(who.tenantId(), key, hash, clock.now())))
                .flatMap(next -> answer(who, key, hash, next, action, waited + 1));
    }

    private Uni<Void> remember(TenantPrincipal who, String key, Response response) {
        if (response.getStatus() >= 300) {
            return Workers.run(() -> {
                store.release(who.tenantId(), key);
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

    private static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
