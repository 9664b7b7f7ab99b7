package io.reef.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tenant API keys: {@code reef_} + 32 random bytes (base64url). Keys have 256 bits of entropy,
 * so a plain SHA-256 is the right storage hash (no salt/stretching needed) and lets Reef look a
 * key up by its hash with a unique index.
 */
public final class KeySecrets {

    public static final String PREFIX = "reef_";
    private static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
