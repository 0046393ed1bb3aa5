package mx.recaudo.contact.letter;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ChannelsIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Letters through the outbox: the letter provider prints a batch in postal order, the PDFs come from the API and the pages. */
@ChannelsIntegrationTest
class LettersIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired MockMvc mvc;
    TestOrganizations.TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "letters");
        as(() -> {
            profiles.save(new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                    EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, Set.of(), true));
            return null;
        });
    }

    <T> T as(Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    long customer(String externalId, String name, String postalCode) {
        return as(() -> jdbc.sql("""
                insert into customer (org_id, external_id, name, customer_type, time_zone, address, state, postal_code)
                values (?, ?, ?, 'PERSON', 'America/Mexico_City', 'Av. Juárez 10, Col. Centro', 'Jalisco', ?) returning id""")
                .params(org.id(), externalId, name, postalCode).query(Long.class).single());
    }

    long letter(long customer, String name) {
        return as(() -> outbox.plan(new ContactOutbox.Plan(customer, Channel.LETTER, null, null, "Recordatorio de pago",
                "Estimado(a) " + name + ":\n\nLe recordamos que su cuenta tiene un saldo pendiente.\n\nEstamos para ayudarle.",
                null))).messageId();
    }

    byte[] api(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + org.token()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    static List<String> pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new java.util.ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper text = new PDFTextStripper();
                text.setStartPage(p);
                text.setEndPage(p);
                pages.add(text.getText(doc));
            }
            return pages;
        }
    }

    @Test
    void dispatchedLettersArePrintedInOneBatchInPostalOrderAndAreSentOnlyThen() throws Exception {
        mvc.perform(put("/api/v1/letterhead").header("Authorization", "Bearer " + org.token()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"address":"Av. Chapultepec 480, 44160 Guadalajara, Jal.","city":"Guadalajara, Jalisco",
                         "phone":"33 3123 4567","signatoryName":"Laura Méndez","signatoryTitle":"Gerente de Cobranza",
                         "complaintsUnit":"UNE: une@financiera.mx"}""")).andExpect(status().isOk());
        mvc.perform(put("/api/v1/letterhead").header("Authorization", "Bearer " + org.token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"clabe\":\"123\"}")).andExpect(status().isBadRequest());
        long zoila = letter(customer("L-1", "Zoila Pérez", "45000"), "Zoila");
        long ana = letter(customer("L-2", "Ana Ruiz", "06600"), "Ana");
        long beto = letter(customer("L-3", "Beto Soto", "44100"), "Beto");
        assertThat(statusOf(ana)).isEqualTo("QUEUED");
        while (dispatcher.dispatchOnce("letters") > 0) { }
        assertThat(List.of(zoila, ana, beto)).allSatisfy(m -> assertThat(statusOf(m)).isEqualTo("SENT"));

        String batches = new String(api("/api/v1/letter-batches"), java.nio.charset.StandardCharsets.UTF_8);
        long batchId = Long.parseLong(batches.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        assertThat(batches).contains("\"letters\":3");
        byte[] batch = api("/api/v1/letter-batches/" + batchId + "/pdf");
        Files.createDirectories(Path.of("target", "letters"));
        Files.write(Path.of("target", "letters", "batch-from-outbox.pdf"), batch);
        List<String> pages = pages(batch);
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).contains("ANA RUIZ").contains("C.P. 06600").contains("Laura Méndez").contains("CONDUSEF")
                .contains("Org letters-");
        assertThat(pages.get(1)).contains("BETO SOTO");
        assertThat(pages.get(2)).contains("ZOILA PÉREZ");

        assertThat(pages(api("/api/v1/contact-messages/" + beto + "/letter.pdf"))).singleElement()
                .satisfies(p -> assertThat(p).contains("BETO SOTO").contains("Referencia de pago"));
        LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
        assertThat(pages(api("/api/v1/letters.pdf?date=" + today))).hasSize(3);
        mvc.perform(get("/api/v1/letters.pdf?date=" + today.minusYears(1)).header("Authorization", "Bearer " + org.token()))
                .andExpect(status().isNotFound());

        RecaudoUser admin = new RecaudoUser(UUID.randomUUID(), org.id(), org.adminUsername(), "Admin", Role.ADMIN, "es-MX", "x", true);
        String outboxPage = mvc.perform(get("/contact/outbox").with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(outboxPage).contains("/contact/letters/" + ana + ".pdf").contains("/contact/letters/batches/" + batchId + ".pdf");
        mvc.perform(get("/contact/letters/" + ana + ".pdf").with(user(admin))).andExpect(status().isOk());
        mvc.perform(get("/contact/letters/batches/" + batchId + ".pdf").with(user(admin))).andExpect(status().isOk());
    }

    @Test
    void anotherOrganizationCannotDownloadTheLetters() throws Exception {
        long ana = letter(customer("L-9", "Ana Ruiz", "06600"), "Ana");
        var other = TestOrganizations.create(identity, "letters-other");
        mvc.perform(get("/api/v1/contact-messages/" + ana + "/letter.pdf").header("Authorization", "Bearer " + other.token()))
                .andExpect(status().isNotFound());
    }

    String statusOf(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }
}
