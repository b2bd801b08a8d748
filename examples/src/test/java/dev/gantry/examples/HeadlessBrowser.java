package dev.gantry.examples;

import static org.assertj.core.api.Assertions.fail;

import dev.gantry.testing.DebianPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its chromedriver (WebDriver), for tests of the web UI as a user
 * sees it. Installs {@code chromium-driver} (which brings the matching {@code chromium}) when it is
 * missing and this JVM may, as {@code DebianPackages} does for every package a test needs; never
 * skips. The driver binary is given explicitly, so Selenium Manager never runs (it would try to
 * download a driver).
 */
final class HeadlessBrowser implements AutoCloseable {
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Long enough for a loaded CI machine; a wait ends as soon as its condition holds. */
    static final Duration WAIT = Duration.ofMinutes(4);

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;

    private HeadlessBrowser(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    /** A fresh browser (its own profile: no session of another test), saving screenshots to {@code screenshots}. */
    static HeadlessBrowser start(Path screenshots) throws IOException, InterruptedException {
        String failed = DebianPackages.install("chromium-driver",
                () -> Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM));
        if (failed != null) {
            fail(failed);
        }
        Files.createDirectories(screenshots);
        Path profile = Files.createTempDirectory("ui-browser");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(screenshots.resolve("chromedriver.log").toFile()).build();
        return new HeadlessBrowser(new ChromeDriver(service, options), screenshots, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return await("an element " + css, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Clicks the first element {@code css} selects, once there is one; found afresh if the page redrew it meanwhile. */
    void click(String css) {
        await("to click " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** Waits until {@code condition} gives a value that is not null or false; fails naming {@code what}. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(250));
        // The page redraws its parts every few seconds: an element found a moment ago may be gone.
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> "waited " + WAIT.toMinutes() + " min for " + what + " on " + driver.getCurrentUrl()
                + "; the page said: " + text("main"));
        return wait.until(condition::apply);
    }

    /**
     * The rendered text of the first element {@code css} selects, "" when none does. Read in one
     * script, so the page cannot replace the element between finding and reading it.
     */
    String text(String css) {
        Object text = driver.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.innerText : '';", css);
        return text == null ? "" : text.toString();
    }

    /** An attribute of the first element {@code css} selects, "" when none does or it lacks it; read as {@link #text}. */
    String attribute(String css, String name) {
        Object value = driver.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? (e.getAttribute(arguments[1]) || '') : '';", css, name);
        return value == null ? "" : value.toString();
    }

    /** A PNG of the window, kept as the test's artifact. */
    Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                dev.gantry.files.Directories.deleteTree(profile);
            } catch (IOException ignored) {
                // A temporary profile left behind harms nothing.
            }
        }
    }
}
