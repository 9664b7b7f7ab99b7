package io.reef.provider;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With no trusted proxy configured (the default), a client's X-Forwarded-* or Forwarded headers
 * never become the host, scheme, port or prefix of the URLs Reef hands out, nor of the answer
 * replayed for the same Idempotency-Key.
 */
@QuarkusTest
class ForwardedHeadersFromClientsAreIgnoredTest {

    static final String OWN_BASE = "http://localhost:8081";

    static Stream<Arguments> forgedHeaders() {
        return Stream.of(
                Arguments.of(Map.of("X-Forwarded-Host", "evil.example")),
                Arguments.of(
                        Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "8443")),
                Arguments.of(Map.of("X-Forwarded-Prefix", "/evil")),
                Arguments.of(Map.of("Forwarded", "host=evil.example")),
                Arguments.of(Map.of("Forwarded", "for=203.0.113.7;proto=https;host=\"evil.example:444\"")));
    }

    @ParameterizedTest
    @MethodSource("forgedHeaders")
    void sharkAiPollingAndCancelUrlsKeepReefsOwnHost(Map<String, String> headers) {
        var t = Api.newTenant("10", "month");
        String key = "fwd-" + System.nanoTime();
        JsonPath accepted = tenant(t.key()).headers(headers).header("Idempotency-Key", key)
                .body(Map.of("model", "m1", "prompt", "otter", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202).extract().jsonPath();
        String id = accepted.getString("id");
        assertEquals(OWN_BASE + "/api/v1/images/generations/" + id, accepted.getString("polling_url"));
        assertEquals(OWN_BASE + "/api/v1/images/generations/" + id + "/cancel", accepted.getString("cancel_url"));

        JsonPath replayed = tenant(t.key()).header("Idempotency-Key", key)
                .body(Map.of("model", "m1", "prompt", "otter", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202).extract().jsonPath();
        assertEquals(id, replayed.getString("id"));
        assertEquals(OWN_BASE + "/api/v1/images/generations/" + id, replayed.getString("polling_url"));
    }

    @ParameterizedTest
    @MethodSource("forgedHeaders")
    void sharkApiPollUrlKeepsReefsOwnHost(Map<String, String> headers) {
        var t = Api.newTenant("10", "month");
        JsonPath accepted = tenant(t.key()).headers(headers).body(Map.of("mode", "1k", "prompt", "shark"))
                .post("/v1/generate").then().statusCode(202).extract().jsonPath();
        assertEquals(OWN_BASE + "/v1/jobs/" + accepted.getString("job_id"), accepted.getString("poll_url"));
    }
}
