package io.reef.support;

import java.util.List;
import java.util.Map;

import static io.reef.support.Api.admin;

/**
 * Puts every upstream account back to {@code active} through the operator API: a test that made an
 * account refuse (401/402/403 take it out of rotation until an operator acts, a 429 cools it down)
 * leaves the accounts as it found them for the tests after it.
 */
public final class UpstreamAccountStates {

    private UpstreamAccountStates() {
    }

    public static void allActive() {
        List<Map<String, Object>> accounts = admin().get("/reef/admin/v1/upstream-accounts").then().statusCode(200)
                .extract().jsonPath().getList("$");
        for (Map<String, Object> account : accounts) {
            if (!"active".equals(account.get("state"))) {
                admin().body(Map.of("state", "active"))
                        .patch("/reef/admin/v1/upstream-accounts/" + account.get("provider") + "/" + account.get("name"))
                        .then().statusCode(200);
            }
        }
    }
}
