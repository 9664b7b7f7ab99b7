package io.reef.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A headless Chromium for browser tests: Debian's {@value #CHROMIUM} driven through
 * {@value #CHROMEDRIVER}, both named explicitly, so Selenium Manager never runs and nothing is
 * downloaded. Each browser has a fresh temporary profile (deleted on close). {@link #check(String)}
 * saves a screenshot under {@code target/screenshots/} and fails on any error the page logged to
 * the browser console (a script error, a refused load, a Content-Security-Policy violation).
 * Tests run against the {@code @QuarkusTest} app on port 8081.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final String BASE = "http://localhost:8081";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Duration NAVIGATION = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    /** The driver the tests' elements come from: a click, submit or Enter that leaves the page waits for the next one. */
    private final WebDriver waiting;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.waiting = new EventFiringDecorator<WebDriver>(new AwaitsTheNextPage()).decorate(driver);
    }

    /**
     * Makes a click on a link or a submit button, a form's submit and an Enter typed into a form
     * field wait until the browser shows the page they lead to (the old page's root element is gone
     * and the new one is loaded). Without it a test could read the old page: the navigation of a form
     * post starts after the click command has returned, later on a loaded machine.
     */
    public final class AwaitsTheNextPage implements WebDriverListener {

        private WebElement leaving;

        @Override
        public void beforeClick(WebElement element) {
            String tag = element.getTagName();
            String type = element.getAttribute("type");
            boolean navigates = "a".equals(tag) && element.getAttribute("href") != null
                    || ("button".equals(tag) && (type == null || "submit".equals(type)))
                    || ("input".equals(tag) && "submit".equals(type));
            leaving = navigates ? root() : null;
        }

        @Override
        public void afterClick(WebElement element) {
            awaitNextPage();
        }

        @Override
        public void beforeSubmit(WebElement element) {
            leaving = root();
        }

        @Override
        public void afterSubmit(WebElement element) {
            awaitNextPage();
        }

        @Override
        public void beforeSendKeys(WebElement element, CharSequence... keys) {
            boolean enter = java.util.Arrays.stream(keys).anyMatch(k -> k.toString().contains(Keys.ENTER.toString()));
            leaving = enter && !"textarea".equals(element.getTagName()) ? root() : null;
        }

        @Override
        public void afterSendKeys(WebElement element, CharSequence... keys) {
            awaitNextPage();
        }

        private WebElement root() {
            return driver.findElement(By.tagName("html"));
        }

        private void awaitNextPage() {
            if (leaving == null) {
                return;
            }
            WebElement old = leaving;
            leaving = null;
            WebDriverWait wait = new WebDriverWait(driver, NAVIGATION);
            wait.until(ExpectedConditions.stalenessOf(old));
            wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        }
    }

    /** A browser window of 1280x800. */
    public static Browser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("reef-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the app under test. */
    public Browser open(String path) {
        driver.get(BASE + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(BASE) ? url.substring(BASE.length()) : url;
    }

    public WebElement find(String css) {
        return waiting.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return waiting.findElements(By.cssSelector(css));
    }

    /** The element that has the keyboard's focus. */
    public WebElement focused() {
        return waiting.switchTo().activeElement();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Deletes every cookie of the browser, whatever its path (a test starts signed out). */
    public void signOutEverywhere() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Every visible input, select and textarea of the page has one non-empty label naming it ({@code for=id}). */
    public void assertEveryInputIsLabelled() {
        for (WebElement input : findAll("input:not([type=hidden]), select, textarea")) {
            String id = input.getAttribute("id");
            assertTrue(id != null && !id.isEmpty(), "an input without id: " + input.getAttribute("name"));
            List<WebElement> labels = findAll("label[for='" + id + "']");
            assertEquals(1, labels.size(), "labels for " + id);
            assertFalse(labels.get(0).getText().isBlank(), "empty label for " + id);
        }
    }

    /** Saves a screenshot named {@code name}.png and fails if the page logged any console error. */
    public void check(String name) {
        screenshot(name);
        assertEquals(List.of(), consoleErrors(), "browser console errors on " + path() + " (" + name + ")");
    }

    /**
     * Like {@link #check}, for a page answered with a 4xx on purpose (a refused form): Chromium logs
     * the page's own status as an error; that one message is expected, any other fails.
     */
    public void checkRefused(String name, int status) {
        screenshot(name);
        List<String> errors = consoleErrors();
        assertEquals(1, errors.size(), "browser console errors on " + path() + " (" + name + "): " + errors);
        assertTrue(errors.get(0).startsWith(BASE + path()) && errors.get(0).contains("status of " + status),
                errors.get(0));
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console messages of level SEVERE (errors) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
