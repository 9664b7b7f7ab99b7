package io.reef.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two Shark AI accounts of the reseller and no single key: "blue" (weight 3) and "green"
 * (weight 1). The simulator tells them apart by their keys.
 */
public class TwoSharkAiAccounts implements QuarkusTestProfile {

    public static final String BLUE = "sk-blue-upstream-key";
    public static final String GREEN = "sk-green-upstream-key";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reef.providers.sharkai.api-key", "",
                "reef.providers.sharkai.accounts.blue.api-key", BLUE,
                "reef.providers.sharkai.accounts.blue.weight", "3",
                "reef.providers.sharkai.accounts.green.api-key", GREEN);
    }
}
