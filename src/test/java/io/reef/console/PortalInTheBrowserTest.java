package io.reef.console;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.console.view.Format;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Browser;
import io.reef.support.Db;
import io.reef.support.JobCharges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenants' portal in headless Chromium: a tenant logs in with its key and sees its own name
 * and quota, never another tenant's; after a generation it sees its own charge in its quota, in its
 * chart's data, in its jobs and in this month's statement, and another tenant's job is the 404 page;
 * a wrong key is shown next to the field; no console errors, and the pages fit a 375 px phone.
 * Screenshots: {@code target/screenshots/portal-*.png}.
 */
@QuarkusTest
class PortalInTheBrowserTest extends InTheBrowser {

    @Inject
    Simulator simulator;
    @Inject
    Db db;
    @Inject
    JobCharges charges;

    @Test
    void aTenantSeesItsOwnNameAndQuotaAndNotAnothers() {
        String mine = "Otter Studio " + System.nanoTime();
        String theirs = "Heron Labs " + System.nanoTime();
        String id = Api.createTenant(Map.of("name", mine, "quota", Map.of("limit_usd", 25, "period", "month")));
        String key = Api.issueKey(id);
        Api.issueKey(Api.createTenant(Map.of("name", theirs, "quota", Map.of("limit_usd", 50, "period", "month"))));

        browser.open("/portal/");
        assertEquals("/portal/login", browser.path());
        browser.assertEveryInputIsLabelled();
        browser.check("portal-login");
        browser.find("#key").sendKeys(key);
        browser.find("#key").submit();
        assertEquals("/portal/", browser.path());
        assertEquals(mine, browser.find("h1.tenant-name").getText());
        assertEquals("$25.00", browser.find(".quota-limit").getText());
        assertEquals("$0.00", browser.find(".quota-spent").getText());
        String text = browser.find("body").getText();
        assertFalse(text.contains(theirs), text);
        assertFalse(browser.driver().getPageSource().contains(key), "the key is never rendered");
        browser.check("portal-home");

        browser.resize(390, 844);
        browser.open("/portal/");
        browser.check("portal-home-phone");

        browser.find("form.logout button").click();
        assertEquals("/portal/login", browser.path());
        browser.open("/portal/");
        assertEquals("/portal/login", browser.path());
        browser.check("portal-logged-out");
    }

    @Test
    void aTenantSeesItsOwnChargeInItsQuotaChartJobsAndStatementButNotAnothersJob() {
        String mine = "Kelp & Co " + System.nanoTime();
        String id = Api.createTenant(Map.of("name", mine, "markup_percent", 50,
                "quota", Map.of("limit_usd", 25, "period", "month")));
        Api.TestTenant tenant = new Api.TestTenant(id, Api.issueKey(id));
        Api.TestTenant other = Api.newTenant("10", "month");
        PortalGenerations.Charged theirs = PortalGenerations.run(simulator, db, charges, other, "portal-heron", "900");
        PortalGenerations.Charged job = PortalGenerations.run(simulator, db, charges, tenant, "portal-otter", "1234");
        long price = job.charge().priceMicros();
        String charged = Format.money(price);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        browser.open("/portal/login");
        browser.find("#key").sendKeys(tenant.key());
        browser.find("#key").submit();
        assertEquals("/portal/", browser.path());
        assertEquals(mine, browser.find("h1.tenant-name").getText());
        assertEquals(charged, browser.find(".quota-spent").getText(), "spent is the ledger's charge");
        assertEquals("$25.00", browser.find(".quota-limit").getText());
        assertEquals(Format.money(25_000_000 - price), browser.find(".quota-remaining").getText());
        var bar = browser.find("svg.spend-chart rect.bar[data-day='" + today + "']");
        assertEquals(Long.toString(price), bar.getAttribute("data-spent-micros"), "today's bar is the charge");
        assertEquals("1", bar.getAttribute("data-entries"));
        assertEquals(Long.toString(price), browser.find("svg.spend-chart").getAttribute("data-total-micros"));
        String home = browser.find("body").getText();
        assertFalse(home.contains(Format.money(job.charge().costMicros())), "no upstream cost in the portal");
        assertFalse(home.toLowerCase(java.util.Locale.ROOT).contains("margin"), home);
        browser.check("portal-account");

        browser.find("nav a[href='/portal/jobs']").click();
        assertEquals("/portal/jobs", browser.path());
        browser.assertEveryInputIsLabelled();
        assertEquals(1, browser.findAll("tr[data-job-id]").size());
        String row = "tr[data-job-id='" + job.jobId() + "'] ";
        assertEquals("completed", browser.find(row + ".status").getText());
        assertEquals(job.model(), browser.find(row + ".model").getText());
        assertEquals(charged, browser.find(row + ".charge").getText());
        browser.check("portal-jobs");

        new org.openqa.selenium.support.ui.Select(browser.find("#status")).selectByValue("in-flight");
        browser.find("#status").submit();
        assertEquals("/portal/jobs?status=in-flight", browser.path());
        assertEquals(0, browser.findAll("tr[data-job-id]").size());
        browser.check("portal-jobs-in-flight");

        browser.open("/portal/jobs");
        browser.find(row + ".job-id a").click();
        assertEquals("/portal/jobs/" + job.jobId(), browser.path());
        assertEquals("completed", browser.find(".status").getText());
        assertEquals(job.model(), browser.find("dd.model").getText());
        assertEquals(charged, browser.find("dd.charge").getText());
        assertTrue(browser.find("dd.finished").getText().endsWith(" UTC"), browser.find("dd.finished").getText());
        browser.check("portal-job");

        browser.open("/portal/jobs/" + theirs.jobId());
        assertEquals("Job not found", browser.find("h1").getText());
        String notFound = browser.driver().getPageSource();
        assertFalse(notFound.contains(theirs.model()), "nothing of the other tenant's job");
        assertFalse(notFound.contains(theirs.jobId()), "not even its id");
        browser.screenshot("portal-other-tenants-job");
        assertEquals(List.of(Browser.BASE + "/portal/jobs/" + theirs.jobId()
                + " - Failed to load resource: the server responded with a status of 404 (Not Found)"),
                browser.consoleErrors(), "the page's own 404 status is the only console message");

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        browser.find("nav a[href='/portal/statements']").click();
        assertEquals("/portal/statements", browser.path());
        browser.check("portal-statements");
        browser.find("tr[data-month='" + month + "'] a[href='/portal/statements/" + month + "']").click();
        assertEquals("/portal/statements/" + month, browser.path());
        assertEquals(job.model(), browser.find("table.charges td.model").getText());
        assertEquals(charged, browser.find("table.charges td.price").getText());
        assertEquals(charged, browser.find("dd.total-charges").getText());
        assertEquals("/portal/statements/" + month + ".csv",
                browser.find("a.download-csv").getAttribute("href").substring(Browser.BASE.length()));
        browser.check("portal-statement");

        browser.find("a.printable").click();
        assertEquals("/portal/statements/" + month + "/print", browser.path());
        assertTrue(browser.find("body").getText().contains(job.model()));
        browser.check("portal-statement-printable");

        browser.resize(375, 812);
        for (String[] page : new String[][] { { "/portal/", "portal-account-375" }, { "/portal/jobs", "portal-jobs-375" },
                { "/portal/statements/" + month, "portal-statement-375" } }) {
            browser.open(page[0]);
            Object overflow = browser.driver()
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0L, ((Number) overflow).longValue(), "no horizontal scrolling of " + page[0] + " at 375 px");
            browser.check(page[1]);
        }
    }

    @Test
    void aWrongKeyIsShownInWordsNextToTheField() {
        browser.open("/portal/login");
        browser.find("#key").sendKeys("reef_not-a-key");
        browser.find("#key").submit();
        assertEquals("That is not a valid API key.", browser.find("#key-error").getText());
        assertEquals("key-error", browser.find("#key").getAttribute("aria-describedby"));
        assertTrue(browser.find("#key-error").isDisplayed());
        browser.check("portal-login-wrong-key");
    }
}
