package io.reef.tenant;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.LaunchMode;

/**
 * Whether Reef may start with the operator token and profile it was given. Dev mode
 * ({@code ./mvnw quarkus:dev}) keeps its convenient dev token; anything else (the packaged app
 * whatever its profile, and the test suite) needs a real token, and the packaged app never runs
 * with the dev profile (it would enable the built-in simulator and point providers at it).
 * The reasons never contain the token.
 */
final class AdminTokenRule {

    static final int MIN_LENGTH = 32;

    /** Tokens shipped in this repository's examples and the usual placeholders (lower case). */
    private static final Set<String> KNOWN_EXAMPLES = Set.of(
            "change-me-example-admin-token", "dev-admin-token", "test-admin-token",
            "changeme", "change-me", "admin", "secret", "password", "token");
    /** A token containing one of these is a placeholder someone forgot to replace. */
    private static final List<String> PLACEHOLDER_MARKS = List.of(
            "change-me", "changeme", "change_me", "example", "placeholder", "replace-me", "replaceme");

    private static final String KEY = "REEF_ADMIN_TOKEN (reef.admin.token)";

    private AdminTokenRule() {
    }

    /** Why Reef must refuse to start, or empty when it may start. */
    static Optional<String> refusal(LaunchMode mode, List<String> profiles, Optional<String> token) {
        if (mode == LaunchMode.DEVELOPMENT) {
            return Optional.empty();
        }
        if (mode == LaunchMode.NORMAL && profiles.contains("dev")) {
            return Optional.of("the 'dev' configuration profile is active in the packaged application "
                    + "(QUARKUS_PROFILE / quarkus.profile): it enables the built-in simulator and the dev operator token; "
                    + "Reef refuses to start. Dev mode is ./mvnw quarkus:dev.");
        }
        String value = token.map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.of(KEY + " is not set: Reef refuses to start without an operator token outside dev mode.");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (KNOWN_EXAMPLES.contains(lower) || PLACEHOLDER_MARKS.stream().anyMatch(lower::contains)) {
            return Optional.of(KEY + " is an example or placeholder value: Reef refuses to start with it; "
                    + "generate a real one, e.g. openssl rand -hex 32.");
        }
        if (value.length() < MIN_LENGTH) {
            return Optional.of(KEY + " is shorter than " + MIN_LENGTH + " characters: Reef refuses to start with it; "
                    + "generate a real one, e.g. openssl rand -hex 32.");
        }
        return Optional.empty();
    }
}
