package io.reef.tenant;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.runtime.LaunchMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator-token rule, decided on the launch mode and the active profiles. */
class AdminTokenRuleTest {

    static final String REAL = "3b8e0f6a2d9c4e71a5f0b7c2d8e6a1f4";

    @ParameterizedTest
    @ValueSource(strings = { "s3cr3t-tok", "0123456789012345678901234567890", "CHANGE-ME-example-admin-token",
            "dev-admin-token",
            "changeme", "   ", "an-example-token-that-is-long-enough-1234", "PLEASE-CHANGE-ME-0123456789abcdef0123" })
    void thePackagedAppRefusesWeakOrExampleTokens(String token) {
        Optional<String> why = AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("prod"), Optional.of(token));
        assertTrue(why.isPresent(), token);
        if (!token.isBlank()) {
            assertFalse(why.get().contains(token), "the reason must not contain the token");
        }
    }

    @Test
    void aRealTokenStartsWhateverTheNonDevProfile() {
        assertEquals(Optional.empty(), AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("prod"), Optional.of(REAL)));
        assertEquals(Optional.empty(), AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("test"), Optional.of(REAL)));
        assertEquals(Optional.empty(), AdminTokenRule.refusal(LaunchMode.TEST, List.of("test"), Optional.of(REAL)));
    }

    @Test
    void aMissingTokenIsRefusedOutsideDevMode() {
        assertTrue(AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("prod"), Optional.empty()).orElseThrow()
                .contains("is not set"));
    }

    @Test
    void thePackagedAppRefusesTheDevProfileEvenWithARealToken() {
        assertTrue(AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("dev"), Optional.of(REAL)).orElseThrow()
                .contains("'dev' configuration profile"));
        assertTrue(AdminTokenRule.refusal(LaunchMode.NORMAL, List.of("staging", "dev"), Optional.of(REAL)).isPresent());
    }

    @Test
    void devModeKeepsItsConvenientDevToken() {
        assertEquals(Optional.empty(),
                AdminTokenRule.refusal(LaunchMode.DEVELOPMENT, List.of("dev"), Optional.of("dev-admin-token")));
    }
}
