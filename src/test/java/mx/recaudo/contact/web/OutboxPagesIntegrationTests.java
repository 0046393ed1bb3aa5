package mx.recaudo.contact.web;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@ContactIntegrationTest
class OutboxPagesIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired ContactOutbox outbox;
    TestOrg org;
    RecaudoUser admin;
    long customer;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "pages");
        admin = new RecaudoUser(UUID.randomUUID(), org.id(), org.adminUsername(), "Admin", Role.ADMIN, "es-MX", "x", true);
        customer = TenantContext.call(org.id(), () -> {
            long id = jdbc.sql("insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, 'P-1', 'Rosa Díaz', 'PERSON', 'America/Mexico_City') returning id")
                    .param(org.id()).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'WHATSAPP', '+523312345600')").params(org.id(), id).update();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'EMAIL', 'rosa@example.mx')").params(org.id(), id).update();
            outbox.plan(ContactOutbox.Plan.text(id, Channel.WHATSAPP, "Hola Rosa, te recordamos tu pago. Responde BAJA para no recibir más."));
            outbox.plan(new ContactOutbox.Plan(id, Channel.EMAIL, null, null, "Tu estado de cuenta", "<p>Hola <b>Rosa</b><script>alert(1)</script></p>", null));
            return id;
        });
    }

    @Test
    void theOutboxShowsAPhoneBubbleAndASandboxedEmailInSpanishAndEnglish() throws Exception {
        String html = mvc.perform(get("/contact/outbox").with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Bandeja de salida").contains("rc-bubble").contains("Hola Rosa, te recordamos tu pago")
                .contains("sandbox=\"\"").contains("srcdoc=\"&lt;p&gt;Hola &lt;b&gt;Rosa")
                .doesNotContain("<script>alert(1)</script>");
        String english = mvc.perform(get("/contact/outbox").param("lang", "en").with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Outbox").contains("Queued");
    }

    @Test
    void theTimelineFragmentListsTheCustomersContacts() throws Exception {
        String html = mvc.perform(get("/contact/timeline/{id}", customer).with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("contact-timeline").contains("WhatsApp").contains("En cola").contains("Tu estado de cuenta");
    }
}
