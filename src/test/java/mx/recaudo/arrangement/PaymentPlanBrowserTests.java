package mx.recaudo.arrangement;

import mx.recaudo.support.HeadlessChromium;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Role;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In headless Chromium: an agent proposes a plan beyond policy from the customer 360 page; a
 * supervisor approves it on a phone-sized screen with her password; the agent sends the signing code.
 * Screenshots land in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentPlanBrowserTests {
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
    void anAgentProposesBeyondPolicyASupervisorApprovesOnHerPhoneAndTheCustomerIsSentTheCode() throws Exception {
        var org = TestOrganizations.create(identity, "web-plan");
        String agent = "agente@" + org.org().slug();
        String supervisor = "supervisora@" + org.org().slug();
        TenantContext.run(org.id(), () -> {
            identity.createUser(agent, "Alma Agente", TestOrganizations.PASSWORD, Role.AGENT);
            identity.createUser(supervisor, "Sara Supervisora", TestOrganizations.PASSWORD, Role.SUPERVISOR);
        });
        String csv = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,address,state,postal_code,"
                + "obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date\n"
                + "W-1,Rosa Martínez Soto,PERSON,,2018-02-01,5512345678,rosa@example.mx,,Calle 5 de Mayo 20,Puebla,72000,"
                + "WO-1,LOAN_INSTALLMENT,Crédito de nómina,MXN,30000,18450.00,2024-01-01,2025-08-15\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).isZero();
        long customer = TenantContext.call(org.id(), () -> jdbc.sql("select id from customer where external_id = 'W-1'")
                .query(Long.class).single());
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        logIn(base, agent, wait);
        browser.get(base + "/customers/" + customer);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-plans")));
        click(By.cssSelector("#customer-plans summary"));
        type(By.id("plan-down"), "1000");
        type(By.id("plan-n"), "10");
        type(By.id("plan-discount"), "2000");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("plan-discount-on"))).selectByValue("PRINCIPAL");
        click(By.id("plan-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-plans"), "espera de aprobación"));
        assertThat(browser.findElement(By.cssSelector("#customer-plans .plan")).getText()).contains("Por aprobar", "fuera de política");
        scrollTo(By.id("customer-plans"));
        shoot("plans-01-proposed-beyond-policy");

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(base, supervisor, wait);
        browser.get(base + "/payment-plans/approvals");
        assertThat(browser.findElements(By.cssSelector(".approval"))).hasSize(1);
        shoot("plans-02-approvals-phone");
        browser.findElement(By.cssSelector(".approval input[name=password]")).sendKeys("no-es-la-clave");
        click(By.cssSelector(".approval button[value=APPROVE]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-danger")));
        assertThat(browser.findElement(By.cssSelector(".alert-danger")).getText()).contains("contraseña no es correcta");
        browser.findElement(By.cssSelector(".approval input[name=password]")).sendKeys(TestOrganizations.PASSWORD);
        click(By.cssSelector(".approval button[value=APPROVE]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-success")));
        assertThat(browser.findElements(By.cssSelector(".approval"))).isEmpty();
        shoot("plans-03-approved-phone");

        browser.manage().deleteAllCookies();
        logIn(base, agent, wait);
        browser.get(base + "/customers/" + customer);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-plans .plan")));
        assertThat(browser.findElement(By.cssSelector("#customer-plans .plan")).getText()).contains("Aprobado por " + supervisor);
        click(By.xpath("//button[contains(., 'Enviar código por correo')]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("code")));
        assertThat(browser.findElement(By.id("customer-plans")).getText()).contains("r***@example.mx", "Esperando firma");
        scrollTo(By.id("customer-plans"));
        shoot("plans-04-code-sent-phone");
    }

    void logIn(String base, String user, WebDriverWait wait) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        click(By.id("login-submit"));
        wait.until(ExpectedConditions.urlContains("/customers"));
    }

    void click(By element) {
        WebElement e = browser.findElement(element);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", e);
    }

    void type(By field, String text) {
        WebElement e = browser.findElement(field);
        e.clear();
        e.sendKeys(text);
    }

    void scrollTo(By element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", browser.findElement(element));
    }

    static void shoot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
