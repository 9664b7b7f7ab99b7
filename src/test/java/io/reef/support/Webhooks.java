package io.reef.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

import static io.reef.support.Api.admin;
import static io.reef.support.Api.tenant;

/** Operator calls for webhooks and events, and a tenant's small SharkAPI jobs that cause events. */
public final class Webhooks {

    private Webhooks() {
    }

    /** A registered webhook: its id and the secret shown once. */
    public record Registered(String id, String secret) {
    }

    public static Registered register(String url, String... eventTypes) {
        JsonPath json = admin().body(Map.of("url", url, "events", List.of(eventTypes))).post("/reef/admin/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
        return new Registered(json.getString("id"), json.getString("secret"));
    }

    public static void delete(Registered webhook) {
        admin().delete("/reef/admin/v1/webhooks/" + webhook.id()).then().statusCode(200);
    }

    /** The events of one type for one tenant, newest first, as the operator lists them. */
    public static JsonPath events(String type, String tenantId) {
        var request = admin().queryParam("type", type).queryParam("limit", 1000);
        if (tenantId != null) {
            request = request.queryParam("tenant", tenantId);
        }
        return request.get("/reef/admin/v1/events").then().statusCode(200).extract().jsonPath();
    }

    /** Submits one $0.01 SharkAPI job (1k) on {@code port} and waits until the ledger has {@code chargesAfter} entries. */
    public static void chargeOneCent(Api.TestTenant t, int port, Db db, long chargesAfter) {
        tenant(t.key()).port(port).body(Map.of("mode", "1k", "prompt", "p")).post("/v1/generate").then().statusCode(202);
        Eventually.until("the tenant's job is charged", Duration.ofSeconds(20),
                () -> db.ledgerEntriesForTenant(t.id()) >= chargesAfter);
    }
}
