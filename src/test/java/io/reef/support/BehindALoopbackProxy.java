package io.reef.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app behind a trusted reverse proxy on the loopback address (so a test's {@code Forwarded} /
 * {@code X-Forwarded-*} headers count), with the production login throttle (10 failed logins per
 * address per minute). One profile for every test that needs a trusted proxy: each distinct profile
 * is another application Quarkus builds and starts during the test run.
 */
public class BehindALoopbackProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.trusted-proxies", "127.0.0.0/8,::1/128",
                "reef.console.login-failures.limit", "10", "reef.console.login-failures.window", "1M");
    }
}
