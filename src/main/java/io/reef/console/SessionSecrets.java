package io.reef.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session's secret (the cookie value: 32 random bytes, base64url), the hash it is stored and
 * looked up by (SHA-256, like API keys: 256 bits of entropy need no salt or stretching), and the
 * session's CSRF token, derived from the secret (HMAC-SHA256), so it is bound to the session,
 * needs no storage, and reveals nothing about the secret.
 */
final class SessionSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CSRF_LABEL = "reef console csrf v1".getBytes(StandardCharsets.UTF_8);

    private SessionSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String csrfToken(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a presented token with the expected one (null: never equal). */
    static boolean matches(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A plausible secret: what {@link #generate()} makes (bounds what is hashed and looked up). */
    static boolean wellFormed(String secret) {
        return secret != null && secret.length() == 43 && secret.chars().allMatch(
                c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
