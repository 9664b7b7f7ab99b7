package io.reef.provider;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.support.Api;
import io.reef.support.BehindALoopbackProxy;
import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An operator who names the proxy in quarkus.http.proxy.trusted-proxies (here: the test's own
 * loopback client) gets its X-Forwarded-* and Forwarded headers honoured in the URLs Reef hands out.
 */
@QuarkusTest
@TestProfile(BehindALoopbackProxy.class)
class ForwardedHeadersFromTrustedProxyTest {

    @Test
    void sharkAiUrlsFollowTheTrustedProxysXForwardedHeaders() {
        var t = Api.newTenant("10", "month");
        JsonPath accepted = tenant(t.key()).header("X-Forwarded-Host", "reef.example.com").header("X-Forwarded-Proto", "https")
                .body(Map.of("model", "m1", "prompt", "otter", "async", true))
                .post("/api/v1/images/generations").then().statusCode(202).extract().jsonPath();
        String id = accepted.getString("id");
        assertEquals("https://reef.example.com/api/v1/images/generations/" + id, accepted.getString("polling_url"));
        assertEquals("https://reef.example.com/api/v1/images/generations/" + id + "/cancel", accepted.getString("cancel_url"));
    }

    @Test
    void sharkApiPollUrlFollowsTheTrustedProxysForwardedHeader() {
        var t = Api.newTenant("10", "month");
        JsonPath accepted = tenant(t.key()).header("Forwarded", "for=203.0.113.7;proto=https;host=reef.example.com")
                .body(Map.of("mode", "1k", "prompt", "shark"))
                .post("/v1/generate").then().statusCode(202).extract().jsonPath();
        assertEquals("https://reef.example.com/v1/jobs/" + accepted.getString("job_id"), accepted.getString("poll_url"));
    }
}
