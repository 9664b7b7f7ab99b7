package io.reef.console;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.reef.common.ReefClock;

/**
 * Server-side sessions shared by every replica (ADR 0024): started at login, found by the hash of
 * the cookie's secret, ended at logout (the row is deleted, so the old cookie no longer works
 * anywhere) or at expiry.
 */
@ApplicationScoped
public class Sessions {

    private final SessionRepository repository;
    private final ConsoleConfig config;
    private final ReefClock clock;

    public Sessions(SessionRepository repository, ConsoleConfig config, ReefClock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    /** A new session and the secret its cookie carries (the only copy: only its hash is stored). */
    public record Started(String secret, Session session) {
    }

    public Started startOperator() {
        return start(Audience.OPERATOR, null, null);
    }

    public Started startTenant(UUID tenantId, UUID apiKeyId) {
        return start(Audience.TENANT, tenantId, apiKeyId);
    }

    private Started start(Audience audience, UUID tenantId, UUID apiKeyId) {
        String secret = SessionSecrets.generate();
        Instant now = clock.now();
        Instant expires = now.plus(config.sessionTtl());
        repository.insert(SessionSecrets.hash(secret), audience, tenantId, apiKeyId, now, expires);
        return new Started(secret, new Session(audience, tenantId, SessionSecrets.csrfToken(secret), expires));
    }

    /** The live session of this audience whose cookie carries this secret. */
    public Optional<Session> find(Audience audience, String secret) {
        if (!SessionSecrets.wellFormed(secret)) {
            return Optional.empty();
        }
        return repository.find(SessionSecrets.hash(secret), audience, clock.now())
                .map(r -> new Session(r.audience(), r.tenantId(), SessionSecrets.csrfToken(secret), r.expiresAt()));
    }

    public void end(String secret) {
        if (SessionSecrets.wellFormed(secret)) {
            repository.delete(SessionSecrets.hash(secret));
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        repository.purgeExpired(clock.now());
    }
}
