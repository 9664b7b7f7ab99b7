package io.reef.ledger;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Management;
import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both statement endpoints are in the OpenAPI document, with their three representations and the month parameter. */
@QuarkusTest
class StatementEndpointsAreInTheOpenApiDocumentTest {

    @Test
    void bothStatementsAreDocumentedWithJsonCsvAndHtml() {
        JsonPath doc = Management.management().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/reef/admin/v1/tenants/{id}/statement", "/reef/v1/me/statement")) {
            Map<String, Object> get = doc.getMap("paths.'" + path + "'.get");
            assertTrue(get != null, path + " is documented");
            Map<String, Object> content = doc.getMap("paths.'" + path + "'.get.responses.'200'.content");
            assertEquals(java.util.Set.of("application/json", "text/csv", "text/html"), content.keySet(), path);
            assertTrue(doc.getList("paths.'" + path + "'.get.parameters.name").contains("month"), path);
            assertTrue(doc.getString("paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema.'$ref'")
                    .endsWith("/Statement"), path);
        }
    }
}
