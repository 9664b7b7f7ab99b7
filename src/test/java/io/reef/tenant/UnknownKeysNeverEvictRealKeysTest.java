package io.reef.tenant;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reef.support.Api;
import io.reef.support.Concurrently;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unknown API keys are never cached beside real ones: a flood of random keys, many more than the
 * key cache holds, leaves every real key cached (and working) and none of the random ones there.
 */
@QuarkusTest
@TestProfile(UnknownKeysNeverEvictRealKeysTest.SmallKeyCache.class)
class UnknownKeysNeverEvictRealKeysTest {

    static final int KEY_CACHE_SIZE = 20;
    static final int FLOOD = 400;

    /** A key cache of 20 entries that outlives the test, so only eviction could drop a key. */
    public static class SmallKeyCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cache.caffeine.\"api-keys\".maximum-size", Integer.toString(KEY_CACHE_SIZE),
                    "quarkus.cache.caffeine.\"api-keys\".expire-after-write", "10M",
                    "reef.reconciler.enabled", "false");
        }
    }

    @Inject
    @CacheName(TenantAuthenticator.KNOWN_KEYS)
    Cache knownKeys;

    @Test
    void aFloodOfUnknownKeysLeavesRealKeysCachedAndNoUnknownOne() {
        List<String> realKeys = List.of(newKey(), newKey(), newKey());
        realKeys.forEach(key -> tenant(key).get("/reef/v1/me").then().statusCode(200));
        Set<Object> cached = knownKeys.as(CaffeineCache.class).keySet();
        realKeys.forEach(key -> assertTrue(cached.contains(hash(key)), "a real key is cached once used"));

        List<String> unknown = IntStream.range(0, FLOOD).mapToObj(i -> KeySecrets.generate()).toList();
        Concurrently.onThreads(8, FLOOD, i -> tenant(unknown.get(i)).get("/reef/v1/me").then().statusCode(401));

        Set<Object> after = knownKeys.as(CaffeineCache.class).keySet();
        assertEquals(0, unknown.stream().filter(key -> after.contains(hash(key))).count(),
                "no unknown key is in the api-keys cache");
        realKeys.forEach(key -> assertTrue(after.contains(hash(key)), "a flood of unknown keys evicted a real key"));
        realKeys.forEach(key -> tenant(key).get("/reef/v1/me").then().statusCode(200));
    }

    private static String newKey() {
        return Api.newTenant("10", "month").key();
    }

    private static String hash(String key) {
        return HexFormat.of().formatHex(KeySecrets.hash(key));
    }
}
