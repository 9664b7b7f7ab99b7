package io.reef.console;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reef.support.Api;
import io.reef.support.Browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenants' portal in headless Chromium: a tenant logs in with its key and sees its own name
 * and quota, never another tenant's; a wrong key is shown next to the field; no console errors.
 * Screenshots: {@code target/screenshots/portal-*.png}.
 */
@QuarkusTest
class PortalInTheBrowserTest {

    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @BeforeEach
    void signedOut() {
        browser.resize(1280, 800);
        browser.signOutEverywhere();
        browser.consoleErrors();
    }

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
        assertEquals("25 USD", browser.find(".quota-limit").getText());
        assertEquals("0 USD", browser.find(".quota-spent").getText());
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
