package io.reef.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's tenant list ({@code /console/tenants}) is paged (20 a page, oldest first): following the "Next page" links
 * from page 1 shows every tenant exactly once, and no page holds more than 20; a page number that
 * is not a number is page 1.
 */
@QuarkusTest
class ConsoleTenantListIsPagedTest {

    private static final Pattern NAME = Pattern
            .compile("<td class=\"tenant-name\"><a href=\"/console/tenants/([0-9a-f-]{36})\">([^<]*)</a></td>");
    private static final Pattern NEXT = Pattern.compile("<a rel=\"next\" href=\"/console/tenants\\?page=(\\d+)\">");

    @Test
    void followingTheNextLinksShowsEveryTenantOnce() {
        String run = "paged-" + System.nanoTime() + "-";
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Api.createTenant(run + i, "10", "month");
            created.add(run + i);
        }
        WebSessions.Signed s = WebSessions.operator();
        List<String> seen = new ArrayList<>();
        List<String> seenIds = new ArrayList<>(); // names need not be unique (other tests reuse some)
        int pages = 0;
        String next = "1";
        while (next != null) {
            String html = s.get().get("/console/tenants?page=" + next).then().statusCode(200).extract().asString();
            pages++;
            Matcher names = NAME.matcher(html);
            int rows = 0;
            while (names.find()) {
                rows++;
                seenIds.add(names.group(1));
                seen.add(names.group(2));
            }
            assertTrue(rows <= TenantPagesResource.PAGE_SIZE, rows + " rows on page " + next);
            Matcher link = NEXT.matcher(html);
            String following = link.find() ? link.group(1) : null;
            assertTrue(following == null || rows == TenantPagesResource.PAGE_SIZE, "a next page after a short page");
            next = following;
        }
        assertTrue(pages >= 2, "25 tenants make at least two pages");
        assertEquals(created, seen.stream().filter(n -> n.startsWith(run)).collect(java.util.stream.Collectors.toSet()));
        assertEquals(seenIds.size(), new HashSet<>(seenIds).size(), "no tenant on two pages");

        String first = s.get().get("/console/tenants?page=1").asString();
        assertEquals(first.replaceAll("name=\"csrf\" value=\"[^\"]+\"", ""),
                s.get().get("/console/tenants?page=nonsense").asString().replaceAll("name=\"csrf\" value=\"[^\"]+\"", ""));
    }
}
