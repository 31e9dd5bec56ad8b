package io.switchboard.platform.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, Debian's, driven through Debian's chromedriver. Both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. One instance is one fresh browser profile.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path profile;
    private final String base;

    ConsoleBrowser(int port) throws IOException {
        this.profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags keep a browser on a machine without network quiet: no background updates, syncs or probes.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=en-US", "--window-size=1280,1000", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
        // The loopback address: the console client accepts it at any port, whatever the public base URL is.
        this.base = "http://127.0.0.1:" + port;
    }

    /** Whether this machine has the browser and its driver (Debian packages chromium and chromium-driver). */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(base + path);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String pageSource() {
        return driver.getPageSource();
    }

    /**
     * Emulates a phone's viewport. A desktop window cannot be made that narrow (browsers keep a minimum window
     * width), so the page would be laid out wider than the screenshot shows.
     */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The form field whose label reads exactly this. */
    WebElement field(String label) {
        WebElement labelElement = find(By.xpath("//label[normalize-space(.)=" + xpathText(label) + "]"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    WebElement button(String text) {
        return find(By.xpath("//button[normalize-space(.)=" + xpathText(text) + "]"));
    }

    WebElement link(String text) {
        return find(By.xpath("//a[normalize-space(.)=" + xpathText(text) + "]"));
    }

    void click(WebElement element) {
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Replaces a field's text as a person would: select all, type over it. */
    void type(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("h1"), text));
    }

    void text(By by, String contained) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, contained));
    }

    void until(Supplier<Boolean> condition) {
        wait.until(d -> condition.get());
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves the top of the page as a person lands on it: scrolled up, no focus ring. */
    void screenshot(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        script("document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.scrollTo(0, 0)");
        Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static String xpathText(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
