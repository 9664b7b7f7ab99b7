package io.reef.upstream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each account has guards of its own: its submit rate limit refuses a submit beyond it without
 * making the call (so the job can move on to another account), and one account's open circuit
 * breaker leaves another account of the same provider alone.
 */
@QuarkusTest
class AccountGuardsTest {

    @Inject
    UpstreamAccountsConfig config;

    @Test
    void aSubmitBeyondTheAccountsRateLimitIsRefusedWithoutBeingSent() {
        UpstreamAccount limited = new UpstreamAccount("p", new AccountConfig("limited", "k", 1, 2), config);
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertEquals("ok", limited.guarded(UpstreamOperation.SUBMIT, () -> {
                sent.incrementAndGet();
                return Uni.createFrom().item("ok");
            }).await().atMost(Duration.ofSeconds(5)));
        }
        RuntimeException refused = assertThrows(RuntimeException.class, () -> limited.guarded(UpstreamOperation.SUBMIT, () -> {
            sent.incrementAndGet();
            return Uni.createFrom().item("ok");
        }).await().atMost(Duration.ofSeconds(5)));
        assertTrue(refused instanceof RateLimitException || refused.getCause() instanceof RateLimitException,
                refused.toString());
        assertEquals(2, sent.get(), "the third submit within the second was never made");
    }

    @Test
    void oneAccountsOpenCircuitBreakerDoesNotStopAnotherAccountOfTheSameProvider() {
        UpstreamAccount failing = new UpstreamAccount("p", new AccountConfig("failing", "k1", 1, null), config);
        UpstreamAccount healthy = new UpstreamAccount("p", new AccountConfig("healthy", "k2", 1, null), config);
        for (int i = 0; i < config.circuitBreakerVolume(); i++) {
            assertThrows(RuntimeException.class, () -> failing.guarded(UpstreamOperation.SUBMIT,
                    () -> Uni.createFrom().<String> failure(new java.io.IOException("broken pipe")))
                    .await().atMost(Duration.ofSeconds(5)));
        }
        RuntimeException open = assertThrows(RuntimeException.class, () -> failing.guarded(UpstreamOperation.SUBMIT,
                () -> Uni.createFrom().item("never")).await().atMost(Duration.ofSeconds(5)));
        assertTrue(open.getClass().getSimpleName().contains("CircuitBreakerOpen"), open.toString());
        assertEquals("ok", healthy.guarded(UpstreamOperation.SUBMIT, () -> Uni.createFrom().item("ok"))
                .await().atMost(Duration.ofSeconds(5)));
    }

    @Test
    void accountConfigurationIsCheckedAndTheSingleKeyIsTheDefaultAccount() {
        assertThrows(IllegalArgumentException.class, () -> new AccountConfig("Bad Name", "k", 1, null));
        assertThrows(IllegalArgumentException.class, () -> new AccountConfig("ok", "k", 0, null));
        assertThrows(IllegalArgumentException.class, () -> new AccountConfig("ok", "k", 1, 0));
        assertEquals(java.util.List.of("default"), AccountConfig.of("p", java.util.Optional.of("k"), java.util.Map.of())
                .stream().map(AccountConfig::name).toList());
        assertTrue(new AccountConfig("ok", "secret-key", 1, null).toString().indexOf("secret-key") < 0, "never the key");
    }
}
