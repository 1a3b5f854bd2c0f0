package io.nexidentity.examples.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Headless Debian Chromium, driven through its ChromeDriver by Selenium, in a fresh profile: what a person's browser
 * does with the hosted pages. Every page it is asked to remember is written as a PNG to the run folder ({@code
 * nexid.screenshots}, default {@code target/screenshots}); {@link #keepForReport()} copies them next to the test
 * report when a test fails.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Headless Chromium's windows are at least this wide; a phone's screen is emulated instead. */
    private static final int MINIMUM_WINDOW_WIDTH = 500;

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path shots;
    private final List<Path> taken = new ArrayList<>();

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path shots) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.shots = shots;
    }

    /** A browser whose Accept-Language is {@code language}; a phone's screen below 500 px is emulated. */
    static Browser open(String test, String language, Dimension window) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The browser journeys need Debian's Chromium and ChromeDriver (/usr/bin/chromium,"
                    + " /usr/bin/chromedriver): apt-get install chromium chromium-driver (./nexid test installs them when"
                    + " run as root)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("nexid-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--lang=" + language);
        if (window.getWidth() < MINIMUM_WINDOW_WIDTH) {
            options.setExperimentalOption(
                    "mobileEmulation",
                    Map.of(
                            "deviceMetrics",
                            Map.of("width", window.getWidth(), "height", window.getHeight(), "pixelRatio", 2)));
        } else {
            options.addArguments("--window-size=" + window.getWidth() + "," + window.getHeight());
        }
        var prefs = new HashMap<String, Object>();
        prefs.put("intl.accept_languages", language);
        options.setExperimentalOption("prefs", prefs);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        var shots = Path.of(System.getProperty("nexid.screenshots", "target/screenshots"))
                .resolve(test);
        return new Browser(driver, service, profile, shots);
    }

    Browser go(String url) {
        driver.get(url);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String heading() {
        return find("h1").getText();
    }

    /** Waits (up to 15 s) until the current URL starts with {@code prefix}. */
    Browser awaitUrl(String prefix) {
        new FluentWait<>(driver)
                .withTimeout(Duration.ofSeconds(15))
                .pollingEvery(Duration.ofMillis(100))
                .withMessage(() -> "the browser did not reach " + prefix + " (it is at " + driver.getCurrentUrl() + ")")
                .until(d -> d.getCurrentUrl().startsWith(prefix));
        return this;
    }

    /** Waits (up to 15 s) until an element matching {@code css} is on the page. */
    WebElement await(String css) {
        return new FluentWait<>(driver)
                .withTimeout(Duration.ofSeconds(15))
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> "no " + css + " on " + driver.getCurrentUrl() + ": " + driver.getPageSource())
                .until(d -> d.findElement(By.cssSelector(css)));
    }

    /** A PNG of the page as it is now, numbered in the order taken. */
    Browser screenshot(String name) {
        try {
            Files.createDirectories(shots);
            var file = shots.resolve(String.format("%02d-%s.png", taken.size() + 1, name));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            taken.add(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the screenshot " + name, e);
        }
        return this;
    }

    /** The screenshots of a failed test, copied to where the test report is. */
    void keepForReport() {
        var report = Path.of(
                "target", "surefire-reports", "screenshots", shots.getFileName().toString());
        try {
            Files.createDirectories(report);
            for (var shot : taken) {
                Files.copy(shot, report.resolve(shot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not keep the screenshots", e);
        }
    }

    /**
     * axe-core's WCAG 2.1 A and AA violations on the current page (id and the nodes concerned); a hosted page that
     * carries a script is a violation too (they work without JavaScript, and their CSP forbids it).
     */
    List<String> accessibilityViolations() {
        var scripts = ((Number) driver.executeScript("return document.scripts.length")).intValue();
        var axe = Path.of("src", "test", "browser", "node_modules", "axe-core", "axe.min.js");
        if (!Files.exists(axe)) {
            BrowserTools.install();
        }
        try {
            driver.executeScript(Files.readString(axe));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        @SuppressWarnings("unchecked")
        var result = (Map<String, Object>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done({violations: r.violations.map(v => v.id + ': '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
                + ".catch(e => done({violations: ['axe failed: ' + e]}));");
        @SuppressWarnings("unchecked")
        var violations = new ArrayList<>((List<String>) result.get("violations"));
        if (scripts > 0) {
            violations.add("the page has " + scripts + " script elements");
        }
        return violations;
    }

    /**
     * Quits the browser; one that does not quit within 20 s (ChromeDriver can wait forever on a renderer) is killed
     * with its driver, by the profile directory only this browser uses.
     */
    @Override
    public void close() {
        var quit = CompletableFuture.runAsync(driver::quit);
        try {
            quit.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            ProcessHandle.allProcesses()
                    .filter(process -> process.info()
                            .arguments()
                            .map(arguments -> String.join(" ", arguments).contains(profile.toString()))
                            .orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            service.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteProfile();
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system's cleaner takes what is left
        }
    }
}
