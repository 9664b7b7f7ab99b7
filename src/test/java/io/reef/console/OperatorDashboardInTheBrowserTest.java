package io.reef.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.ReefClock;
import io.reef.console.view.Format;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.UpstreamAccountStates;

import static io.reef.support.Api.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's dashboard, events page and upstream accounts page in headless Chromium: a Shark AI
 * generation run through the simulator just before is in today's spend and in the chart's data
 * (today's bar's {@code data-spent-micros} includes the charge read from the ledger, and equals the
 * day's ledger total), its budget event is among the recent events and on the events page, every
 * account's health is listed (never a key), and the operator drains an account and sets it active
 * again with the page's forms, as the operator API then reports. At 1280x800, and the dashboard at a
 * 375 px phone width without sideways scrolling. Screenshots: {@code target/screenshots/dashboard-*.png}.
 */
@QuarkusTest
class OperatorDashboardInTheBrowserTest extends InTheBrowser {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    ReefClock clock;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
    }

    @AfterEach
    void everyAccountActive() {
        UpstreamAccountStates.allActive();
    }

    @Test
    void theDashboardShowsAGenerationJustMadeAndTheOperatorDrainsAndActivatesAnAccount() {
        // a tenant whose quota a $0.04 generation takes to 50 %: one charge, one budget event
        simulator.behaviour("sharkai", "dash-model", Behaviour.builder().pendingMillis(50).runningMillis(100)
                .credit(new BigDecimal("400")).build());
        String name = "Dashboard Otter " + System.nanoTime();
        String id = Api.createTenant(Map.of("name", name, "quota", Map.of("limit_usd", 0.08, "period", "month")));
        String key = Api.issueKey(id);
        tenant(key).body(Map.of("model", "dash-model", "prompt", "an otter")).post("/api/v1/images/generations").then()
                .statusCode(200);
        Eventually.until("the generation is charged", Duration.ofSeconds(10), () -> db.ledgerEntriesForTenant(id) == 1);
        long charge = ((Number) db.value("SELECT price_micros FROM ledger_entry WHERE tenant_id = CAST(?1 AS uuid)", id))
                .longValue();
        assertEquals(40_000, charge);
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);

        // the operator logs in: the dashboard
        browser.open("/console/login");
        browser.find("#token").sendKeys(Api.ADMIN_TOKEN);
        long before = ledgerToday(today);
        browser.find("#token").submit();
        long after = ledgerToday(today);
        assertEquals("/console/", browser.path());
        assertEquals("Dashboard", browser.find("h1").getText());
        List<WebElement> bars = browser.findAll("svg.spend-chart rect.bar");
        assertEquals(30, bars.size());
        WebElement todayBar = bars.get(bars.size() - 1);
        assertEquals(today.toString(), todayBar.getAttribute("data-day"));
        long barMicros = Long.parseLong(todayBar.getAttribute("data-spent-micros"));
        assertTrue(barMicros >= charge, "today's bar includes the charge: " + barMicros);
        assertTrue(before <= barMicros && barMicros <= after,
                "today's bar is the ledger's total of today: " + before + " <= " + barMicros + " <= " + after);
        assertEquals(Format.money(barMicros), browser.find(".today-spent").getText(), "today's spend, as money");
        assertTrue(browser.find(".month-spent").getText().startsWith("$"));
        assertTrue(browser.find(".jobs-in-flight").getText().matches("\\d+"));
        List<String> eventTenants = browser.findAll("table.recent-events td.tenant-name").stream()
                .map(WebElement::getText).toList();
        assertTrue(eventTenants.contains(name), "the tenant's budget event is among the recent events: " + eventTenants);
        assertTrue(browser.find("table.recent-events td.event-time").getText().endsWith(" UTC"));
        assertEquals(apiAccounts(), browser.findAll("table.account-health tr[data-account]").stream()
                .map(r -> r.getAttribute("data-account")).collect(Collectors.toSet()), "every account's health");
        assertNoSecret();
        browser.check("dashboard");
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.find("table.recent-events"));
        browser.check("dashboard-events-and-accounts"); // the lower half of the page

        // the events page, from the dashboard's link
        browser.find("a[href='/console/events']:not(nav a)").click();
        assertEquals("/console/events", browser.path());
        browser.assertEveryInputIsLabelled();
        assertFalse(browser.findAll("table.events tbody tr").isEmpty());
        browser.check("dashboard-events");
        browser.find("#tenant").sendKeys(id);
        browser.find("#tenant").submit();
        List<WebElement> rows = browser.findAll("table.events tbody tr");
        assertEquals(1, rows.size(), "the tenant's one event");
        assertEquals("tenant.budget.threshold", rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".event-type"))
                .getText());
        String summary = rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".event-summary")).getText();
        assertTrue(summary.contains("threshold: 50%") && summary.contains("spent: $0.04"), summary);
        browser.check("dashboard-events-of-a-tenant");

        // the upstream accounts page: drain the Shark AI default account, then set it active again
        browser.open("/console/upstream-accounts");
        assertEquals(apiAccounts(), browser.findAll("table.accounts tr[data-account]").stream()
                .map(r -> r.getAttribute("data-account")).collect(Collectors.toSet()));
        assertNoSecret();
        browser.check("dashboard-accounts");
        browser.find("tr[data-account='sharkai/default'] form.drain button").click();
        assertEquals("/console/upstream-accounts", browser.path());
        assertEquals("drained", browser.find("tr[data-account='sharkai/default']").getAttribute("data-state"));
        assertEquals("drained", apiState("sharkai", "default"));
        assertTrue(browser.findAll("tr[data-account='sharkai/default'] form.drain").isEmpty(), "no drain for a drained one");
        browser.check("dashboard-account-drained");
        browser.open("/console/");
        browser.check("dashboard-account-drained-health");
        List<WebElement> drained = browser.findAll("table.account-health tr[data-account='sharkai/default'] .state");
        assertEquals(1, drained.size(), browser.driver().getPageSource());
        assertEquals("drained", drained.get(0).getText());
        browser.open("/console/upstream-accounts");
        browser.find("tr[data-account='sharkai/default'] form.activate button").click();
        assertEquals("/console/upstream-accounts", browser.path());
        assertEquals("active", browser.find("tr[data-account='sharkai/default']").getAttribute("data-state"));
        assertEquals("active", apiState("sharkai", "default"));
        browser.check("dashboard-account-active-again");

        // at a phone's width
        browser.resize(375, 812);
        browser.open("/console/");
        long scrollWidth = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
        long clientWidth = (Long) browser.driver().executeScript("return document.documentElement.clientWidth");
        assertTrue(scrollWidth <= clientWidth, "the page does not scroll sideways: " + scrollWidth + " > " + clientWidth);
        browser.check("dashboard-phone");
    }

    /** The ledger's total price of today's entries (UTC), read straight from the table. */
    private long ledgerToday(LocalDate today) {
        return ((Number) db.value(
                "SELECT COALESCE(sum(price_micros), 0) FROM ledger_entry WHERE created_at >= CAST(?1 AS timestamptz) "
                        + "AND created_at < CAST(?2 AS timestamptz)",
                today.atStartOfDay(ZoneOffset.UTC).toString(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toString())).longValue();
    }

    private static Set<String> apiAccounts() {
        List<Map<String, Object>> accounts = Api.admin().get("/reef/admin/v1/upstream-accounts").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return accounts.stream().map(a -> a.get("provider") + "/" + a.get("name")).collect(Collectors.toSet());
    }

    private static String apiState(String provider, String name) {
        return Api.admin().get("/reef/admin/v1/upstream-accounts").then().statusCode(200).extract().jsonPath()
                .getString("find { it.provider == '" + provider + "' && it.name == '" + name + "' }.state");
    }

    private static void assertNoSecret() {
        String source = browser.driver().getPageSource();
        for (String secret : List.of(Api.ADMIN_TOKEN, "sk-test-sharkai-upstream", "sk_live_test_sharkapi_upstream")) {
            assertFalse(source.contains(secret), "a secret on " + browser.path());
        }
    }
}
