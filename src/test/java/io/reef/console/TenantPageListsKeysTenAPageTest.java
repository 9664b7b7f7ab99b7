package io.reef.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's page lists its keys ten a page, oldest first, reading only the page from the database:
 * following the Next links visits every key exactly once, in the admin API's order, and Previous
 * comes back.
 */
@QuarkusTest
class TenantPageListsKeysTenAPageTest {

    private static final Pattern KEY_ROW = Pattern.compile("<tr class=\"key\" data-key-id=\"([0-9a-f-]{36})\">");

    @Test
    void theNextLinksVisitEveryKeyOnceOldestFirstAndPreviousComesBack() {
        WebSessions.Signed operator = WebSessions.operator();
        String id = Api.createTenant("Many keys " + System.nanoTime(), "10", "month");
        for (int i = 0; i < 23; i++) {
            Api.issueKey(id, Map.of("name", "k" + i));
        }
        List<String> inApiOrder = Api.admin().get("/reef/admin/v1/tenants/" + id + "/keys").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertEquals(23, inApiOrder.size());

        List<String> seen = new ArrayList<>();
        String page1 = page(operator, id, 1);
        List<String> first = rows(page1);
        assertEquals(10, first.size());
        assertFalse(page1.contains("rel=\"prev\" href=\"/console/tenants/" + id + "?keys="), "no Previous on page 1");
        assertTrue(page1.contains("href=\"/console/tenants/" + id + "?keys=2#keys\""), "Next on page 1");
        seen.addAll(first);

        String page2 = page(operator, id, 2);
        seen.addAll(rows(page2));
        assertTrue(page2.contains("href=\"/console/tenants/" + id + "?keys=1#keys\""), "Previous on page 2");
        assertTrue(page2.contains("href=\"/console/tenants/" + id + "?keys=3#keys\""), "Next on page 2");

        String page3 = page(operator, id, 3);
        List<String> last = rows(page3);
        assertEquals(3, last.size());
        assertFalse(page3.contains("?keys=4#keys"), "no Next on the last page");
        seen.addAll(last);

        assertEquals(inApiOrder, seen, "every key once, oldest first");
        assertEquals(first, rows(page(operator, id, 1)), "Previous comes back to the same keys");
        assertEquals(List.of(), rows(page(operator, id, 4)), "a page past the end is empty");
    }

    private static String page(WebSessions.Signed operator, String tenantId, int number) {
        return operator.get().get("/console/tenants/" + tenantId + "?keys=" + number).then().statusCode(200).extract()
                .asString();
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = KEY_ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
