package mx.recaudo.web;

import mx.recaudo.support.HeadlessChromium;
import mx.recaudo.demo.PortfolioGenerator;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's first session, in a real headless Chromium: log in, upload a portfolio, watch the
 * progress bar finish, browse the list and open a customer. Screenshots land in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioBrowserTests {
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired IdentityManagement identity;

    @BeforeAll
    static void startChromium() throws Exception {
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(1366, 900);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) browser.quit();
    }

    @Test
    void aUserLogsInUploadsAPortfolioWatchesItImportAndOpensACustomer() throws Exception {
        var org = TestOrganizations.create(identity, "web");
        Path csv = Files.createTempFile("cartera-", ".csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            new PortfolioGenerator(7L, LocalDate.now()).writeCsv(out, 2_000);
        }
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(240));

        browser.get(base + "/login");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Contraseña");
        shoot("01-login");
        browser.findElement(By.id("username")).sendKeys(org.adminUsername());
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cartera");

        browser.get(base + "/imports");
        shoot("02-imports");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-progress")));
        shoot("03-import-progress");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(browser.findElement(By.id("import-status")).getText()).isEqualTo("Terminada");
        assertThat(browser.findElement(By.id("import-progress")).getAttribute("style")).contains("100%");
        long imported = Long.parseLong(browser.findElement(By.id("rows-imported")).getText().replace(",", ""));
        assertThat(imported).isGreaterThan(2_500);
        shoot("04-import-summary");

        browser.get(base + "/customers");
        assertThat(browser.findElements(By.cssSelector("#customer-table tbody tr"))).hasSize(50);
        shoot("05-portfolio");
        new Select(browser.findElement(By.id("bucket"))).selectByValue("D91_120");
        browser.findElement(By.cssSelector("#customer-search button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("bucket=D91_120"));
        assertThat(browser.findElements(By.cssSelector("#customer-table .bucket")))
                .allSatisfy(e -> assertThat(e.getText()).isEqualTo("91–120"));

        String name = browser.findElement(By.cssSelector(".customer-link")).getText();
        browser.findElement(By.cssSelector(".customer-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-name")));
        assertThat(browser.findElement(By.id("customer-name")).getText()).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector("#obligations tbody tr"))).isNotEmpty();
        shoot("06-customer-360");

        browser.get(browser.getCurrentUrl() + "?lang=en");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Documents").contains("Activity timeline");
        shoot("07-customer-360-en");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/customers?lang=es-MX");
        shoot("08-portfolio-phone");
        browser.manage().window().setSize(new Dimension(1366, 900));
        Files.deleteIfExists(csv);
    }

    @Test
    void aFileWithItsOwnHeadersIsMappedOnceAndTheSavedMappingIsReused() throws Exception {
        var org = TestOrganizations.create(identity, "web-map");
        Path csv = Files.createTempFile("erp-", ".csv");
        Files.writeString(csv, """
                No. Cliente;Nombre;Teléfono;Folio;Moneda;Saldo;Fecha de vencimiento;Notas
                9001;Lucía Fernández;33 3123 4567;ERP-1;MXN;1.500,00;15/01/2026;ninguna
                9002;Ramón Ortega;81 1234 5678;ERP-2;MXN;2.750,50;20/02/2026;
                """, StandardCharsets.UTF_8);
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(org.adminUsername());
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));

        browser.get(base + "/imports");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mapping-form")));
        assertThat(new Select(browser.findElement(By.id("col_customer_id"))).getFirstSelectedOption().getText())
                .isEqualTo("No. Cliente");
        assertThat(new Select(browser.findElement(By.id("col_due_date"))).getFirstSelectedOption().getText())
                .isEqualTo("Fecha de vencimiento");
        browser.findElement(By.id("saveAs")).sendKeys("ERP mensual");
        shoot("09-mapping");
        browser.findElement(By.cssSelector("#mapping-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(browser.findElement(By.id("rows-imported")).getText()).isEqualTo("2");

        browser.get(base + "/imports");
        new Select(browser.findElement(By.id("mapping"))).selectByVisibleText("ERP mensual");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(browser.getPageSource()).contains("Sin cambios");
        shoot("10-reimport-unchanged");
        Files.deleteIfExists(csv);
    }

    static void shoot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
