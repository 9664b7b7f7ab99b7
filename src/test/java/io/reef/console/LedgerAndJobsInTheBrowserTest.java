package io.reef.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.common.Money;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Browser;
import io.reef.support.Db;
import io.reef.support.Eventually;
import io.reef.support.JobCharges;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's jobs and ledger pages in headless Chromium: a Shark AI generation made through
 * the simulator with a tenant's key shows in the jobs list (status and charge), on its own page,
 * and in the ledger filtered (by the form, with the keyboard) to that tenant, its price there
 * equal to the job's charge and to the ledger's; the page's CSV export carries the filter and holds
 * the job's row; a bad day is shown in words next to its field; and the ledger reads at a phone's
 * width. No page logs a console error. Screenshots: {@code target/screenshots/console-ledger-*.png},
 * {@code console-jobs-*.png}.
 */
@QuarkusTest
class LedgerAndJobsInTheBrowserTest extends InTheBrowser {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @BeforeEach
    void freshSimulator() {
        simulator.reset();
    }

    @Test
    void aGenerationShowsInTheJobsListItsPageAndTheFilteredLedgerAndItsCsv() {
        simulator.behaviour("sharkai", "openai/gpt-image-2",
                Behaviour.builder().pendingMillis(50).runningMillis(100).credit(new BigDecimal("400")).build());
        String name = "Kelp & <Co> " + System.nanoTime();
        String tenantId = Api.createTenant(Map.of("name", name, "markup_percent", 25,
                "quota", Map.of("limit_usd", 10, "period", "month")));
        String key = Api.issueKey(tenantId);
        Api.tenant(key).body(Map.of("model", "openai/gpt-image-2", "prompt", "A kelp forest at dawn", "n", 1))
                .post("/api/v1/images/generations").then().statusCode(200);
        Eventually.until("the job is charged", Duration.ofSeconds(10), () -> db.ledgerEntriesForTenant(tenantId) == 1);
        String job = db.jobIdsForTenant(tenantId).get(0);
        long price = charges.of(job).get(0).priceMicros();
        assertTrue(price > 0);

        signIn();
        browser.open("/console/jobs");
        browser.assertEveryInputIsLabelled();
        browser.find("#tenant").sendKeys(tenantId);
        new Select(browser.find("#status")).selectByValue("completed");
        browser.find("#tenant").submit();
        assertTrue(browser.path().startsWith("/console/jobs?tenant=" + tenantId), browser.path());
        WebElement row = browser.find("tr[data-job-id='" + job + "']");
        assertEquals("completed", row.findElement(org.openqa.selenium.By.cssSelector("td.status")).getText());
        WebElement charge = row.findElement(org.openqa.selenium.By.cssSelector("td.charge"));
        assertEquals(Long.toString(price), charge.getAttribute("data-micros"));
        assertEquals(money(price), charge.getText());
        assertEquals(name, row.findElement(org.openqa.selenium.By.cssSelector("td.tenant-name")).getText());
        assertEquals(name, browser.find("span.filtered-tenant").getText());
        browser.check("console-jobs-filtered");

        row.findElement(org.openqa.selenium.By.cssSelector("td.job a")).click();
        assertEquals("/console/jobs/" + job, browser.path());
        assertEquals(job, browser.find("h1 .job-id").getText());
        assertEquals(Long.toString(price), browser.find("dd.charge").getAttribute("data-micros"));
        assertEquals("completed", browser.find("dd.status").getText());
        assertTrue(browser.find("dd.ledger-entry").getText().contains("(charge) at "));
        assertFalse(browser.driver().getPageSource().contains(key), "no key on the page");
        browser.check("console-jobs-detail");

        browser.open("/console/ledger");
        browser.assertEveryInputIsLabelled();
        browser.find("#tenant").sendKeys(tenantId);
        browser.find("#tenant").submit();
        List<WebElement> rows = browser.findAll("table.ledger tbody tr");
        assertEquals(1, rows.size());
        assertEquals(job, rows.get(0).getAttribute("data-job-id"));
        WebElement priceCell = rows.get(0).findElement(org.openqa.selenium.By.cssSelector("td.price"));
        assertEquals(Long.toString(price), priceCell.getAttribute("data-micros"), "the job's charge is the ledger's price");
        assertEquals(money(price), priceCell.getText());
        assertTrue(rows.get(0).findElement(org.openqa.selenium.By.cssSelector("td.time")).getText().endsWith(" UTC"));
        browser.check("console-ledger-filtered");

        String href = browser.find("a.export").getAttribute("href");
        assertEquals(Browser.BASE + "/console/ledger.csv?tenant=" + tenantId, href);
        String session = browser.driver().manage().getCookieNamed("reef_console").getValue();
        String csv = given().cookie("reef_console", session).urlEncodingEnabled(false)
                .get(href.substring(Browser.BASE.length())).then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].contains("," + tenantId + ","), lines[1]);
        assertTrue(lines[1].contains("," + job + ",sharkai,openai/gpt-image-2,"), lines[1]);
        assertTrue(lines[1].contains("," + Money.microsToUsd(price).toPlainString() + ","), lines[1]);
    }

    @Test
    void aBadDayIsShownInWordsNextToItsFieldAndTheLedgerReadsAtAPhonesWidth() {
        signIn();
        browser.open("/console/ledger");
        browser.find("#from").sendKeys("2026-02-30");
        browser.find("#from").submit();
        WebElement field = browser.find("#from");
        WebElement error = browser.find("#from-error");
        assertEquals("Enter a day as YYYY-MM-DD (a UTC date), for example 2026-12-01.", error.getText());
        assertEquals("true", field.getAttribute("aria-invalid"));
        assertTrue(field.getAttribute("aria-describedby").contains("from-error"));
        assertEquals(field.findElement(org.openqa.selenium.By.xpath("..")),
                error.findElement(org.openqa.selenium.By.xpath("..")));
        assertEquals("2026-02-30", field.getAttribute("value"), "what was typed, to correct it");
        assertEquals(field.getAttribute("id"), browser.focused().getAttribute("id"), "the keyboard is on the field");
        // the page itself is answered 400 (a refused filter), which Chromium logs; nothing else may be
        browser.checkRefused("console-ledger-bad-day", 400);

        browser.resize(375, 800);
        browser.open("/console/ledger");
        assertNotNull(browser.find("a.export"));
        long scrollWidth = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
        long clientWidth = (Long) browser.driver().executeScript("return document.documentElement.clientWidth");
        assertTrue(scrollWidth <= clientWidth, "the page does not scroll sideways: " + scrollWidth + " > " + clientWidth);
        browser.check("console-ledger-phone");
        browser.open("/console/jobs");
        scrollWidth = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
        assertTrue(scrollWidth <= clientWidth, "the jobs page does not scroll sideways: " + scrollWidth);
        browser.check("console-jobs-phone");
    }

    private static String money(long micros) {
        return io.reef.console.view.Format.money(micros);
    }

    private static void signIn() {
        browser.open("/console/login");
        browser.find("#token").sendKeys(Api.ADMIN_TOKEN);
        browser.find("#token").submit();
        assertEquals("/console/", browser.path());
    }
}
