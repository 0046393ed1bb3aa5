package mx.recaudo.support;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The Debian Chromium the browser tests drive: headless, with a fresh profile, Spanish (Mexico), and
 * without the background networking that this machine's closed network refuses. The binaries can be
 * moved with {@code -Dchromium.binary} and {@code -Dchromedriver.binary}.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {}

    public static WebDriver start(int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"),
                "--window-size=" + width + "," + height, "--lang=es-MX");
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"))).build(),
                options);
    }
}
