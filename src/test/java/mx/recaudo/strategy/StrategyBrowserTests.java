package mx.recaudo.strategy;

import mx.recaudo.support.HeadlessChromium;
import mx.recaudo.demo.PortfolioGenerator;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * A supervisor in a real headless Chromium: reads the ladder, edits a segment in the form builder,
 * is told what is wrong, previews, publishes, starts a dry run and watches it finish, then a real
 * run, and sees a customer's segment and stage. Screenshots land in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrategyBrowserTests {
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void startChromium() throws Exception {
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start(1366, 1000);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) browser.quit();
    }

    @Test
    void aSupervisorEditsSegmentsPreviewsPublishesAndWatchesARun() throws Exception {
        var org = TestOrganizations.create(identity, "web-strategy");
        StringWriter csv = new StringWriter();
        new PortfolioGenerator(5L, LocalDate.now(), 0).writeCsv(csv, 1_200);
        StrategyTestPortfolios.loadLenient(imports, org.id(), csv.toString());
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(org.adminUsername());
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));

        browser.get(base + "/strategy");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Estrategia de cobranza");
        assertThat(browser.findElements(By.cssSelector(".ladder tbody tr"))).hasSize(8);
        shoot("strategy-01-home");

        browser.findElement(By.id("edit-segmentation")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segmentation-form")));
        WebElement priority = browser.findElement(By.name("s2_priority"));
        priority.clear();
        priority.sendKeys("muy alta");
        click(By.id("save-preview"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segmentation-problems")));
        assertThat(browser.findElement(By.id("segmentation-problems")).getText()).contains("$.segments[2].priority");
        shoot("strategy-02-segmentation-errors");

        priority = browser.findElement(By.name("s2_priority"));
        priority.clear();
        priority.sendKeys("95");
        WebElement name = browser.findElement(By.name("s2_name"));
        name.clear();
        name.sendKeys("Saldo alto (≥ 50 mil)");
        click(By.id("save-preview"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segmentation-preview")));
        long previewed = browser.findElements(By.cssSelector(".preview-customers")).stream()
                .mapToLong(e -> Long.parseLong(e.getText().replace(",", ""))).sum();
        assertThat(previewed).isPositive();
        shoot("strategy-03-segmentation-preview");

        click(By.id("publish"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("published-alert")));
        assertThat(browser.findElement(By.id("published-alert")).getText()).contains("1");

        browser.get(base + "/strategy");
        click(By.id("start-run"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-page")));
        shoot("strategy-04-dry-run-progress");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-report")));
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("Terminada");
        assertThat(browser.findElement(By.id("report-table")).getText()).contains("Llamada de agente");
        shoot("strategy-05-dry-run-report");

        browser.get(base + "/strategy");
        click(By.id("dryRun"));
        click(By.id("start-run"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-report")));
        shoot("strategy-06-run-report");

        long customer = TenantContext.call(org.id(), () -> jdbc.sql(
                "select customer_id from planned_action where action_type = 'AGENT_CALL' order by id limit 1").query(Long.class).single());
        browser.get(base + "/strategy/customers/" + customer + "/ladder");
        assertThat(browser.findElement(By.id("ladder-stage")).getText()).isNotBlank();
        browser.get(base + "/strategy?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Collection strategy");
        shoot("strategy-07-home-en");
        browser.get(base + "/strategy?lang=es-MX");
    }

    @Autowired Strategies strategies;

    @Test
    void aSupervisorEditsTheLadderInTheFormIsToldWhatIsWrongByFieldAndPublishesAChallenger() throws Exception {
        var org = TestOrganizations.create(identity, "web-editor");
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        browser.manage().deleteAllCookies();
        browser.get(base + "/login?lang=es-MX");
        browser.findElement(By.id("username")).sendKeys(org.adminUsername());
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));

        browser.get(base + "/strategy");
        click(By.id("edit-strategy-0"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor-form")));
        assertThat(browser.findElements(By.cssSelector(".variant-card"))).hasSize(2); // the champion and a blank challenger
        type(By.name("v0_s1_fromDpd"), "cero");
        type(By.name("v0_s2_toDpd"), "3");
        type(By.name("v1_key"), "retador");
        type(By.name("v1_weight"), "20");
        new Select(browser.findElement(By.name("v1_s1_action"))).selectByValue("SMS");
        new Select(browser.findElement(By.name("fallback0"))).selectByValue("SMS");
        new Select(browser.findElement(By.name("fallback1"))).selectByValue("WHATSAPP");
        click(By.id("editor-publish"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor-problems")));
        assertThat(browser.findElement(By.cssSelector("[data-field='v0_s1_fromDpd']")).getText()).isEqualTo("Debe ser un número entero");
        assertThat(browser.findElement(By.cssSelector("[data-field='v0_s2_toDpd']")).getText()).contains("No puede ser menor que fromDpd");
        assertThat(browser.findElement(By.name("v1_key")).getAttribute("value")).isEqualTo("retador");
        assertThat(TenantContext.call(org.id(), () -> strategies.published())).as("nothing published").isEmpty();
        shoot("strategy-08-editor-errors");

        type(By.name("v0_s1_fromDpd"), "0");
        type(By.name("v0_s2_toDpd"), "14");
        click(By.id("editor-publish"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor-published")));
        StrategySet published = TenantContext.call(org.id(), () -> strategies.active());
        assertThat(published.version()).isEqualTo(1);
        Strategy ladder = published.strategies().getFirst();
        assertThat(ladder.fallback()).containsExactly(ActionType.SMS, ActionType.WHATSAPP, ActionType.EMAIL);
        assertThat(ladder.variants()).extracting(Variant::key, Variant::weight)
                .containsExactly(tuple("campeon", 100), tuple("retador", 20));
        assertThat(ladder.variants().get(1).steps()).hasSize(8);
        assertThat(ladder.variants().get(1).steps().get(1).action()).isEqualTo(ActionType.SMS);
        assertThat(ladder.variants().get(0).steps().get(1).action()).isEqualTo(ActionType.WHATSAPP);
        shoot("strategy-09-editor-published");

        browser.get(base + "/strategy/editor?lang=en");
        type(By.name("v1_weight"), "0");
        click(By.id("editor-publish"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("editor-problems")));
        assertThat(browser.findElement(By.cssSelector("[data-field='v1_weight']")).getText()).isEqualTo("Must be between 1 and 1000");
        browser.get(base + "/strategy?lang=es-MX");
    }

    static void type(By by, String text) {
        WebElement e = browser.findElement(by);
        e.clear();
        e.sendKeys(text);
    }

    static void click(By by) {
        WebElement e = browser.findElement(by);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", e);
    }

    static void shoot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
