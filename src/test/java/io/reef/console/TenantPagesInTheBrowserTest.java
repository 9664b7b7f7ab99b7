package io.reef.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.console.view.Format;
import io.reef.simulator.Behaviour;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.Eventually;
import io.reef.support.JobCharges;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's tenant pages in headless Chromium, at 1280x800: a tenant named like a script is
 * created through the form and shown as text (no alert, no console error); a key is issued and
 * shown once (revisiting the page does not show it); a Shark AI generation with that key through
 * the simulator is charged, and the tenant's page carries the charge in its chart's data
 * ({@code data-spent-micros} of today's bar equals the ledger's charge) and in its by-model table;
 * a top-up changes the balance; the key is revoked and the tenant API refuses it (403, "This API key
 * has been revoked"). Then the
 * tenant's page at a 375 px wide window does not scroll sideways. Screenshots:
 * {@code target/screenshots/tenant-*.png}.
 */
@QuarkusTest
class TenantPagesInTheBrowserTest extends InTheBrowser {

    static final String GENERATIONS = "/api/v1/images/generations";
    static final String MODEL = "console-browser-model";

    @Inject
    Simulator simulator;
    @Inject
    JobCharges charges;

    @Test
    void anOperatorRunsATenantFromCreationToRevocation() {
        String name = "<script>alert(1)</script> & Co";
        simulator.behaviour("sharkai", MODEL, Behaviour.builder().pendingMillis(0).runningMillis(100)
                .credit(new BigDecimal("350")).build());
        signIn();

        // create the tenant through the form
        browser.open("/console/tenants");
        assertEquals("Tenants", browser.find("h1").getText());
        browser.assertEveryInputIsLabelled();
        browser.check("tenant-list");
        browser.find("#name").sendKeys(name);
        browser.find("#limit").sendKeys("25");
        browser.find("#markup").clear();
        browser.find("#markup").sendKeys("20");
        browser.find("form.tenant-form button[type=submit]").click();
        assertTrue(browser.path().matches("/console/tenants/[0-9a-f-]{36}"), browser.path());
        String tenantPath = browser.path();
        String id = tenantPath.substring(tenantPath.lastIndexOf('/') + 1);
        assertEquals(name, browser.find("h1.tenant-name").getText());
        assertNoAlert();
        String source = browser.driver().getPageSource();
        assertTrue(source.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), "escaped in the HTML");
        assertFalse(source.contains("<script>alert(1)</script>"));
        browser.assertEveryInputIsLabelled();
        browser.check("tenant-created");

        // issue a key: shown once
        browser.find("#key_name").sendKeys("browser");
        browser.find("form.key-form button[type=submit]").click();
        String key = browser.find("#new-key").getAttribute("value");
        assertTrue(key.length() > 30, key);
        assertTrue(browser.find("#new-key-card").getText().contains("will not be shown again"));
        browser.check("tenant-key-issued");
        browser.open(tenantPath);
        assertEquals(List.of(), browser.findAll("#new-key"));
        assertFalse(browser.driver().getPageSource().contains(key), "revisiting the page does not show the key");
        assertEquals("browser", browser.find("td.key-name").getText());
        browser.check("tenant-key-listed");

        // a generation with that key, charged
        String job = Api.tenant(key).body(Map.of("model", MODEL, "prompt", "a reef at dawn", "async", true))
                .post(GENERATIONS).then().statusCode(202).extract().path("id");
        Eventually.until("the job is charged", Duration.ofSeconds(20), () -> !charges.of(job).isEmpty());
        JobCharges.Charge charge = charges.of(job).get(0);
        assertEquals(1, charges.of(job).size());

        browser.open(tenantPath);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        WebElement bar = browser.find("svg.spend-chart rect.bar[data-day='" + today + "']");
        assertEquals(String.valueOf(charge.priceMicros()), bar.getAttribute("data-spent-micros"));
        assertEquals("1", bar.getAttribute("data-entries"));
        assertEquals(Format.money(charge.priceMicros()), browser.find("tr.today td.spent").getText());
        assertEquals(Format.money(charge.costMicros()), browser.find("tr.today td.cost").getText());
        WebElement row = browser.find("table.by-model tbody tr");
        assertEquals(MODEL, row.findElement(By.cssSelector("td.model")).getText());
        assertEquals("1", row.findElement(By.cssSelector("td.entries")).getText());
        assertEquals(Format.money(charge.priceMicros()), row.findElement(By.cssSelector("td.spent")).getText());
        browser.check("tenant-charged");

        // top up: the balance moves by the amount
        assertEquals(Format.money(-charge.priceMicros()), browser.find("dd.balance-available").getText());
        browser.find("#amount").sendKeys("10");
        browser.find("#note").sendKeys("first invoice");
        browser.find("form.credit-form button[type=submit]").click();
        assertEquals(tenantPath + "#credit", browser.path());
        assertEquals(Format.money(10_000_000 - charge.priceMicros()), browser.find("dd.balance-available").getText());
        assertEquals("$10.00", browser.find("tr.grant td.amount").getText());
        assertEquals("first invoice", browser.find("tr.grant td.note").getText());
        browser.check("tenant-topped-up");

        // revoke the key: the tenant API refuses it
        browser.find("tr.key form.revoke button").click();
        assertEquals(tenantPath + "#keys", browser.path());
        assertEquals("revoked", browser.find("td.key-status").getText());
        assertEquals(List.of(), browser.findAll("tr.key form.revoke"));
        browser.check("tenant-key-revoked");
        Api.tenant(key).body(Map.of("model", MODEL, "prompt", "again")).post(GENERATIONS).then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", equalTo("This API key has been revoked"));
        assertNoAlert();

        // the same page at a phone's width
        browser.resize(375, 800);
        browser.open(tenantPath);
        long scrollWidth = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
        long clientWidth = (Long) browser.driver().executeScript("return document.documentElement.clientWidth");
        long bodyWidth = (Long) browser.driver().executeScript("return document.body.scrollWidth");
        browser.screenshot("tenant-page-phone");
        assertTrue(scrollWidth <= clientWidth && bodyWidth <= clientWidth, "the page does not scroll sideways: "
                + scrollWidth + "/" + bodyWidth + " > " + clientWidth + ", too wide: " + tooWide());
        browser.check("tenant-page-phone");
        Api.admin().get("/reef/admin/v1/tenants/" + id).then().statusCode(200);
    }

    @Test
    void aRefusedFormShowsTheErrorNextToTheFieldWithTheKeyboardOnIt() {
        signIn();
        browser.open("/console/tenants");
        browser.find("#name").sendKeys("Typed " + System.nanoTime());
        browser.find("#limit").sendKeys("lots");
        browser.find("form.tenant-form button[type=submit]").click();
        WebElement field = browser.find("#limit");
        WebElement error = browser.find("#limit-error");
        assertEquals("Quota limit must be an amount in dollars, such as 25 or 12.50.", error.getText());
        assertEquals("true", field.getAttribute("aria-invalid"));
        assertTrue(field.getAttribute("aria-describedby").startsWith("limit-error"));
        assertEquals(field.findElement(By.xpath("..")), error.findElement(By.xpath("..")));
        assertEquals(field.getAttribute("id"), browser.focused().getAttribute("id"), "the keyboard is on the field");
        assertEquals("lots", field.getAttribute("value"));
        browser.checkRefused("tenant-create-refused", 400);
    }

    /** The outermost elements that reach past the window's right edge (outside a scrolling table). */
    private static Object tooWide() {
        return browser.driver().executeScript("""
                var w = document.documentElement.clientWidth, out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var p = e.parentElement;
                  if (e.getBoundingClientRect().right > w + 1 && p.getBoundingClientRect().right <= w + 1) {
                    out.push(e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
                  }
                });
                return out.join('; ');
                """);
    }

    private static void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
    }

    private static void signIn() {
        browser.open("/console/login");
        browser.find("#token").sendKeys(Api.ADMIN_TOKEN);
        browser.find("#token").submit();
        assertEquals("/console/", browser.path());
    }
}
