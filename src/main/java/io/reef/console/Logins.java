package io.reef.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ReefClock;
import io.reef.tenant.AdminConfig;
import io.reef.tenant.ApiKeyService;
import io.reef.tenant.KeySecrets;
import io.reef.tenant.TenantPrincipal;
import io.reef.tenant.TenantStatus;

/**
 * A login attempt: the throttle first (an address that used up its failures is refused whatever
 * it presents), then the credential (the operator token, compared in constant time, or a tenant
 * key, read fresh from the database: a key revoked a moment ago does not log in). A wrong
 * credential counts against the address; an empty field does not (it is no guess), nor does a
 * successful login. The credential itself is never logged, stored or echoed.
 */
@ApplicationScoped
public class Logins {

    /** What came of an attempt. */
    public sealed interface Outcome {
    }

    public record SignedIn(Sessions.Started started) implements Outcome {
    }

    /** Refused, with the words to show next to the field. */
    public record Refused(String message) implements Outcome {
    }

    public record Throttled(Duration retryAfter) implements Outcome {
    }

    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final ApiKeyService keys;
    private final ReefClock clock;
    private final byte[] operatorToken;

    public Logins(LoginThrottle throttle, Sessions sessions, ApiKeyService keys, ReefClock clock, AdminConfig admin) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.keys = keys;
        this.clock = clock;
        this.operatorToken = admin.token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    public Outcome operator(String address, String token) {
        Optional<Duration> wait = throttle.refusal(address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        if (token == null || token.isBlank()) {
            return new Refused("Enter the operator token.");
        }
        if (operatorToken == null || !MessageDigest.isEqual(operatorToken, token.strip().getBytes(StandardCharsets.UTF_8))) {
            throttle.failed(address);
            return new Refused("That is not the operator token.");
        }
        return new SignedIn(sessions.startOperator());
    }

    public Outcome tenant(String address, String key) {
        Optional<Duration> wait = throttle.refusal(address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        if (key == null || key.isBlank()) {
            return new Refused("Enter your API key.");
        }
        String presented = key.strip();
        Optional<TenantPrincipal> found = presented.startsWith(KeySecrets.PREFIX) && presented.length() <= 256
                ? keys.principalFor(HexFormat.of().formatHex(KeySecrets.hash(presented)))
                : Optional.empty();
        Optional<String> refusal = found.isEmpty() ? Optional.of("That is not a valid API key.") : why(found.get());
        if (refusal.isPresent()) {
            throttle.failed(address);
            return new Refused(refusal.get());
        }
        return new SignedIn(sessions.startTenant(found.get().tenantId(), found.get().keyId()));
    }

    private Optional<String> why(TenantPrincipal p) {
        if (p.keyRevoked()) {
            return Optional.of("This API key has been revoked.");
        }
        if (p.keyExpired(clock.now())) {
            return Optional.of("This API key has expired.");
        }
        if (p.tenantStatus() != TenantStatus.ACTIVE) {
            return Optional.of("This account is suspended.");
        }
        return Optional.empty();
    }
}
