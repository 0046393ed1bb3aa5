package mx.recaudo.contact.web;

import mx.recaudo.support.HeadlessChromium;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor in a real headless Chromium writes an SMS template: the live preview shows it with
 * a real customer's data, the linter flags a stigmatizing word inline, the segment count follows
 * the text; after rewording, the warning goes away and the template is saved. Screenshots land in
 * target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemplateEditorBrowserTests {
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired ContactOutbox outbox;

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
    void aSupervisorTypesATemplateSeesTheCustomersPreviewAndTheLinterWarningThenSavesIt() throws Exception {
        try {
            writeATemplate();
        } catch (Exception | AssertionError e) {
            shoot("templates-failure");
            throw e;
        }
    }

    void writeATemplate() throws Exception {
        var org = TestOrganizations.create(identity, "web-templates");
        long inboxItem = TenantContext.call(org.id(), () -> {
            long id = jdbc.sql("""
                    insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, 'T-100', 'Guadalupe Torres Vega', 'PERSON', 'America/Mexico_City')
                    returning id""").param(org.id()).query(Long.class).single();
            jdbc.sql("""
                    insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                    values (?, ?, 'MXN', 3480.75, 1, date '2026-10-30')""").params(org.id(), id).update();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'WHATSAPP', '+523398765432')")
                    .params(org.id(), id).update();
            outbox.plan(ContactOutbox.Plan.text(id, Channel.WHATSAPP, "Hola Guadalupe, te recordamos tu pago. Responde BAJA para no recibir más."));
            outbox.plan(new ContactOutbox.Plan(id, Channel.LETTER, null, null, "Recordatorio de pago",
                    "Estimada Guadalupe:\n\nLe recordamos su saldo pendiente.", null));
            return jdbc.sql("""
                    insert into contact_inbox (org_id, customer_id, channel, from_address, body)
                    values (?, ?, 'WHATSAPP', '+523398765432', '¿Puedo pagar el viernes?') returning id""")
                    .params(org.id(), id).query(Long.class).single();
        });
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(org.adminUsername());
        browser.findElement(By.id("password")).sendKeys(TestOrganizations.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/customers"));

        browser.get(base + "/contact/templates");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Plantillas de mensajes");
        browser.findElement(By.id("new-template")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("template-form")));
        assertThat(browser.findElement(By.id("previewCustomer")).getAttribute("value")).isEqualTo("T-100");

        browser.findElement(By.id("name")).sendKeys("recordatorio amable");
        WebElement body = browser.findElement(By.id("body"));
        body.sendKeys("Hola {{firstName}}, tu deuda de {{amountDue}} vence el {{dueDate}}. Responde BAJA para no recibir más.");
        wait.until(d -> d.findElement(By.id("template-preview")).getText().contains("Hola Guadalupe, tu deuda de $3,480.75"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".lint-warning[data-code='STIGMATIZING_WORD']")));
        assertThat(browser.findElement(By.id("lint-warnings")).getText()).containsIgnoringCase("deuda");
        assertThat(browser.findElement(By.id("sms-segments")).getText()).contains("UCS-2").contains("2 segmento");
        shoot("templates-01-warning");

        body.clear();
        body.sendKeys("Hola {{firstName}}, tu saldo de {{amountDue}} vence el {{dueDate}}. Estamos para ayudarte. Responde BAJA para no recibir mas.");
        wait.until(d -> d.findElement(By.id("template-preview")).getText().contains("Hola Guadalupe, tu saldo de $3,480.75 vence el 30/10/2026. Estamos para ayudarte. Responde BAJA para no recibir mas."));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lint-ok")));
        assertThat(browser.findElement(By.id("sms-segments")).getText()).contains("GSM-7");
        assertThat(browser.findElement(By.id("preview-text")).getText()).startsWith("Hola Guadalupe, tu saldo de $3,480.75 vence el 30/10/2026.");

        browser.findElement(By.id("save-template")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved-alert")));
        shoot("templates-02-saved");
        browser.get(base + "/contact/templates");
        assertThat(browser.findElement(By.id("template-list")).getText()).contains("recordatorio amable");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.linkText("recordatorio amable")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("template-preview")));
        shoot("templates-03-phone");

        browser.get(base + "/contact/inbox");
        assertThat(browser.findElement(By.id("inbox-items")).getText()).contains("¿Puedo pagar el viernes?");
        shoot("templates-04-inbox-phone");
        browser.findElement(By.cssSelector(".mark-handled")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("inbox-" + inboxItem), "Atendido"));

        browser.get(base + "/contact/outbox");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rc-phone-wa .rc-bubble")));
        assertThat(browser.findElement(By.cssSelector(".letter-pdf")).getAttribute("href")).endsWith(".pdf");
        shoot("templates-05-outbox-phone");
        browser.manage().window().setSize(new Dimension(1366, 1000));
    }

    static void shoot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
