package io.reef.common;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Management;

import static io.reef.support.Api.tenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Metrics carry every tenant's money: health, metrics and the OpenAPI document live on the
 * management interface only; the tenant-facing port has nothing under /q/.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/",
            "/q/dev-ui", "/q/anything" })
    void theTenantPortHasNothingUnderQ(String path) {
        given().get(path).then().statusCode(404).body("error.type", equalTo("not_found_error"));
    }

    @Test
    void theManagementPortServesHealthMetricsWithTenantMoneyOpenApiAndSwaggerUi() {
        var t = Api.newTenant("10", "month");
        tenant(t.key()).body(Map.of("model", "m", "prompt", "p")).post("/api/v1/images/generations").then().statusCode(200);

        Management.management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.management().get("/q/health").then().statusCode(200);
        Management.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("reef_charges_total{provider=\"sharkai\",tenant=\"" + t.id() + "\"}"));
        Management.management().get("/q/openapi").then().statusCode(200).body(containsString("/reef/admin/v1/tenants"));
        Management.management().get("/q/swagger-ui/").then().statusCode(200);
    }
}
