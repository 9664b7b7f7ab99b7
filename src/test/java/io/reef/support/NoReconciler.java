package io.reef.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app with its background reconciler off: only what a test does reaches the simulator. */
public class NoReconciler implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reef.reconciler.enabled", "false");
    }
}
