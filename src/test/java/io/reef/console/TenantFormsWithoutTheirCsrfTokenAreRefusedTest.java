package io.reef.console;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.restassured.specification.RequestSpecification;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every form of the tenant pages that changes something (create, edit, suspend, resume, issue a key,
 * revoke a key, top up) is refused with 403 when its CSRF token is missing or is not the session's,
 * and nothing changes: no tenant, no setting, no key, no revocation, no credit.
 */
@QuarkusTest
class TenantFormsWithoutTheirCsrfTokenAreRefusedTest {

    @Test
    void everyTenantFormIsRefusedWithoutItsTokenAndChangesNothing() {
        WebSessions.Signed operator = WebSessions.operator();
        String name = "No token " + System.nanoTime();
        var t = Api.newTenant("10", "month");
        String keyId = Api.admin().get("/reef/admin/v1/tenants/" + t.id() + "/keys").then().extract().path("[0].id");
        String tenantBefore = Api.admin().get("/reef/admin/v1/tenants/" + t.id()).asString();
        String keysBefore = Api.admin().get("/reef/admin/v1/tenants/" + t.id() + "/keys").asString();

        Map<String, Map<String, String>> forms = Map.of(
                "/console/tenants", Map.of("name", name, "limit", "10", "period", "month"),
                "/console/tenants/" + t.id(), Map.of("name", name, "limit", "99", "period", "day"),
                "/console/tenants/" + t.id() + "/suspend", Map.of(),
                "/console/tenants/" + t.id() + "/resume", Map.of(),
                "/console/tenants/" + t.id() + "/keys", Map.of("key_name", "sneaky"),
                "/console/tenants/" + t.id() + "/keys/" + keyId + "/revoke", Map.of(),
                "/console/tenants/" + t.id() + "/credits", Map.of("amount", "50", "reference", "csrf-test"));
        forms.forEach((path, fields) -> {
            for (String token : new String[] { null, "", "not-the-token", WebSessions.operator().csrf() }) {
                RequestSpecification post = operator.post();
                if (token != null) {
                    post.formParam("csrf", token);
                }
                fields.forEach(post::formParam);
                post.post(path).then().statusCode(403).body(containsString("Nothing was changed"));
            }
        });

        assertEquals(tenantBefore, Api.admin().get("/reef/admin/v1/tenants/" + t.id()).asString());
        assertEquals(keysBefore, Api.admin().get("/reef/admin/v1/tenants/" + t.id() + "/keys").asString());
        assertEquals(0, Api.admin().get("/reef/admin/v1/tenants/" + t.id() + "/credits").then().extract()
                .jsonPath().getList("credits").size());
        Api.tenant(t.key()).get("/reef/v1/me").then().statusCode(200);
        assertEquals(0, Api.admin().queryParam("limit", 1000).get("/reef/admin/v1/tenants").then().extract().jsonPath()
                .getList("findAll { it.name == '" + name + "' }").size());
    }
}
