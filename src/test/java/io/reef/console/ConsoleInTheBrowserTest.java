package io.reef.console;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Db;
import io.reef.support.Webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's console in headless Chromium: the front page leads to both logins, the operator
 * logs in and out (and the old cookie no longer works), a wrong token is shown in words next to
 * the field, a tenant named {@code <script>alert(1)</script>} is text (on the dashboard's recent events
 * and the events page), every input has a label,
 * and no page logs a console error. Screenshots: {@code target/screenshots/console-*.png}.
 */
@QuarkusTest
class ConsoleInTheBrowserTest extends InTheBrowser {

    @Inject
    Db db;

    @Test
    void theOperatorLogsInAndCreatesATenantWithTheKeyboardAlone() {
        browser.open("/console/login");
        // the token field has the focus: type and press Enter, no pointer
        WebElement focused = browser.focused();
        assertEquals("token", focused.getAttribute("id"));
        focused.sendKeys(Api.ADMIN_TOKEN, Keys.ENTER);
        assertEquals("/console/", browser.path());

        browser.open("/console/tenants");
        String name = "Keyboard " + System.nanoTime();
        browser.find("#name").sendKeys(name, Keys.TAB);
        // Tab moved on to the next field of the form, in reading order
        assertEquals("limit", browser.focused().getAttribute("id"));
        browser.focused().sendKeys("12.50", Keys.ENTER);
        assertTrue(browser.path().startsWith("/console/tenants/"), browser.path());
        assertEquals(name, browser.find("h1.tenant-name").getText());
        browser.check("console-keyboard-tenant-created");
    }

    @Test
    void theFrontPageLinksToTheConsoleAndThePortal() {
        browser.open("/");
        browser.check("front-page");
        browser.find("a[href='/console/']").click();
        assertEquals("/console/login", browser.path());
        browser.open("/");
        browser.find("a[href='/portal/']").click();
        assertEquals("/portal/login", browser.path());
        browser.check("front-page-to-portal-login");
    }

    @Test
    void theOperatorLogsInAndOutAndTheOldCookieNoLongerWorks() {
        browser.open("/console/");
        assertEquals("/console/login", browser.path());
        browser.assertEveryInputIsLabelled();
        browser.check("console-login");
        browser.find("#token").sendKeys(Api.ADMIN_TOKEN);
        browser.find("form.login button[type=submit]").click();
        assertEquals("/console/", browser.path());
        assertEquals("Dashboard", browser.find("h1").getText());
        Cookie session = browser.driver().manage().getCookieNamed("reef_console");
        assertNotNull(session);
        assertTrue(session.isHttpOnly());
        assertEquals("/console", session.getPath());
        assertEquals("Strict", session.getSameSite());
        browser.check("console-home");

        browser.find("form.logout button").click();
        assertEquals("/console/login", browser.path());
        browser.check("console-logged-out");
        assertEquals(null, browser.driver().manage().getCookieNamed("reef_console"));
        given().redirects().follow(false).cookie("reef_console", session.getValue()).get("/console/").then()
                .statusCode(303).header("Location", endsWith("/console/login"));
        browser.open("/console/");
        assertEquals("/console/login", browser.path());
    }

    @Test
    void aWrongTokenIsShownInWordsNextToTheField() {
        browser.open("/console/login");
        browser.find("#token").sendKeys("not-the-operator-token");
        browser.find("#token").submit();
        assertEquals("/console/login", browser.path());
        WebElement field = browser.find("#token");
        WebElement error = browser.find("#token-error");
        assertEquals("That is not the operator token.", error.getText());
        assertTrue(error.isDisplayed());
        assertEquals("token-error", field.getAttribute("aria-describedby"));
        assertEquals("true", field.getAttribute("aria-invalid"));
        // next to the field: in the same field group, right below the input
        assertEquals(field.findElement(org.openqa.selenium.By.xpath("..")),
                error.findElement(org.openqa.selenium.By.xpath("..")));
        assertTrue(error.getLocation().getY() > field.getLocation().getY());
        assertEquals("", field.getAttribute("value"), "the token is not echoed back");
        assertEquals(field.getAttribute("id"), browser.focused().getAttribute("id"), "the keyboard is on the field");
        browser.check("console-login-wrong-token");
    }

    @Test
    void aTenantNamedLikeAScriptIsShownAsText() {
        String name = "<script>alert(1)</script>";
        String id = Api.createTenant(Map.of("name", name, "quota", Map.of("limit_usd", 0.02, "period", "month")));
        // a $0.01 charge is half the quota: the tenant's budget event names it on the dashboard and the events page
        Webhooks.chargeOneCent(new Api.TestTenant(id, Api.issueKey(id)), 8081, db, 1);
        signIn();
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        List<String> names = browser.findAll("table.recent-events td.tenant-name").stream().map(WebElement::getText)
                .toList();
        assertTrue(names.contains(name), names.toString());
        assertEscaped(name);
        browser.check("console-dashboard-script-name");

        browser.open("/console/events?tenant=" + id);
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        names = browser.findAll("table.events td.tenant-name").stream().map(WebElement::getText).toList();
        assertFalse(names.isEmpty());
        assertTrue(names.stream().allMatch(name::equals), names.toString());
        assertEscaped(name);
        browser.check("console-events-script-name");
    }

    private static void assertEscaped(String name) {
        String source = browser.driver().getPageSource();
        assertTrue(source.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in the HTML");
        assertFalse(source.contains(name));
    }

    @Test
    void theConsoleReadsAtAPhonesWidth() {
        browser.resize(390, 844);
        browser.open("/console/login");
        browser.check("console-login-phone");
        signIn();
        long scrollWidth = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth");
        long clientWidth = (Long) browser.driver().executeScript("return document.documentElement.clientWidth");
        assertTrue(scrollWidth <= clientWidth, "the page does not scroll sideways: " + scrollWidth + " > " + clientWidth);
        browser.check("console-home-phone");
    }

    private static void signIn() {
        browser.open("/console/login");
        browser.find("#token").sendKeys(Api.ADMIN_TOKEN);
        browser.find("#token").submit();
        assertEquals("/console/", browser.path());
    }
}
