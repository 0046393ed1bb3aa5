package mx.recaudo.contact.web;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ChannelsIntegrationTest;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ChannelsIntegrationTest
class AgentInboxPagesIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired InboundMessages inbound;

    @Test
    void anAgentSeesWhatCustomersWroteOpensTheCustomerAndMarksItHandled() throws Exception {
        var org = TestOrganizations.create(identity, "inbox");
        String phone = "+5281" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        long customer = TenantContext.call(org.id(), () -> {
            long id = jdbc.sql("insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, 'I-1', 'Rosa Díaz', 'PERSON', 'America/Monterrey') returning id")
                    .param(org.id()).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'WHATSAPP', ?)").params(org.id(), id, phone).update();
            return id;
        });
        inbound.receive(Channel.WHATSAPP, phone, "¿Me pueden llamar mañana?");
        RecaudoUser agent = new RecaudoUser(UUID.randomUUID(), org.id(), "agente@" + org.org().slug(), "Agente", Role.AGENT, "es-MX", "x", true);
        String page = mvc.perform(get("/contact/inbox").with(user(agent))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Bandeja de agentes").contains("¿Me pueden llamar mañana?").contains("/customers/" + customer)
                .contains("Marcar como atendido");
        long item = TenantContext.call(org.id(), () -> jdbc.sql("select id from contact_inbox where customer_id = ?").param(customer)
                .query(Long.class).single());
        String row = mvc.perform(post("/contact/inbox/" + item + "/handled").header("HX-Request", "true").with(csrf()).with(user(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(row).contains("Atendido.");
        assertThat(mvc.perform(get("/contact/inbox").with(user(agent))).andReturn().getResponse().getContentAsString())
                .contains("Nada pendiente").contains("atendido por agente@");
        String english = mvc.perform(get("/contact/inbox").param("lang", "en").with(user(agent))).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Agent inbox");
    }
}
