package io.reef.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.reef.support.Browser;

/**
 * The lifecycle every browser test class shares: one headless Chromium per class, and before each
 * test a 1280x800 window, no cookie left and an empty console log.
 */
abstract class InTheBrowser {

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
    void signedOutAt1280x800() {
        browser.resize(1280, 800);
        browser.signOutEverywhere();
        browser.consoleErrors(); // each test starts with an empty console
    }
}
