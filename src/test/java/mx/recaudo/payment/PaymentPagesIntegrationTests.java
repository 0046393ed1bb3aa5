package mx.recaudo.payment;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The payment pages and the 360 sections render, post once per form, and show what happened. */
@SpringBootTest
@AutoConfigureMockMvc
class PaymentPagesIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcTemplate jdbc;
    TestOrg org;
    RecaudoUser admin;
    RecaudoUser agent;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "web");
        PaymentFixtures.load(imports, org.id(), "W1,WL-1,LOAN_INSTALLMENT,MXN,900.00,2025-01-10");
        UUID adminId = TenantContext.call(org.id(), () -> identity.findUserId(org.adminUsername()).orElseThrow());
        admin = new RecaudoUser(adminId, org.id(), org.adminUsername(), "Admin", Role.ADMIN, "es-MX", "x", true);
        UUID agentId = TenantContext.call(org.id(), () -> identity.createUser("agente@" + org.org().slug(), "Agente",
                TestOrganizations.PASSWORD, Role.AGENT));
        agent = new RecaudoUser(agentId, org.id(), "agente@" + org.org().slug(), "Agente", Role.AGENT, "es-MX", "x", true);
    }

    long customerId() {
        return TenantContext.call(org.id(), () -> jdbc.queryForObject("select id from customer where external_id = 'W1'", Long.class));
    }

    @Test
    void aPaymentPostedFromTheFormIsAppliedOnceEvenIfSubmittedTwiceAndCanBeReversed() throws Exception {
        String page = mvc.perform(get("/payments").with(user(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Registrar un pago");
        String key = page.replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/payments").with(user(admin)).with(csrf()).param("customer", "W1").param("amount", "$1,000.00")
                    .param("currency", "MXN").param("reference", "ventanilla").param("idempotencyKey", key))
                    .andExpect(status().is3xxRedirection());
        }
        Integer count = TenantContext.call(org.id(), () -> jdbc.queryForObject("select count(*) from payment", Integer.class));
        assertThat(count).isEqualTo(1);
        UUID id = TenantContext.call(org.id(), () -> jdbc.queryForObject("select id from payment", UUID.class));
        String detail = mvc.perform(get("/payments/" + id).with(user(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("WL-1").contains("Saldo insoluto").contains("Reversar");
        mvc.perform(post("/payments/" + id + "/reversal").with(user(admin)).with(csrf()).param("reason", "Cheque sin fondos"))
                .andExpect(status().is3xxRedirection());
        BigDecimal balance = TenantContext.call(org.id(), () -> jdbc.queryForObject(
                "select balance from obligation where external_id = 'WL-1'", BigDecimal.class));
        assertThat(balance).isEqualByComparingTo("900");
        String english = mvc.perform(get("/payments/" + id).param("lang", "en").with(user(admin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Reversed");
    }

    @Test
    void aFormWithProblemsIsShownAgainWithEveryReasonAndAgentsCannotPost() throws Exception {
        String page = mvc.perform(post("/payments").with(user(admin)).with(csrf()).param("customer", "NOPE").param("amount", "abc")
                .param("currency", "MXN").param("idempotencyKey", "k")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Falta el importe");
        mvc.perform(post("/payments").with(user(agent)).with(csrf()).param("customer", "W1").param("amount", "1")
                .param("currency", "MXN").param("idempotencyKey", "k2")).andExpect(status().isForbidden());
    }

    @Test
    void theCustomer360SectionsShowPaymentsReferenceAndPromisesAndAnAgentRegistersAPromiseThere() throws Exception {
        long id = customerId();
        String payments = mvc.perform(get("/customers/" + id + "/payments").with(user(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(payments).contains("customer-payments").contains("Referencia de depósito");
        String section = mvc.perform(get("/customers/" + id + "/promises").with(user(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(section).contains("customer-promises").contains("Registrar promesa");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Mexico_City"));
        String refused = mvc.perform(post("/customers/" + id + "/promises").with(user(agent)).with(csrf())
                        .param("amount", "5").param("currency", "MXN").param("dueDate", today.plusDays(60).toString())
                        .param("idempotencyKey", "pp-1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("No se puede registrar").contains("fecha más lejana").contains("10 %");
        MvcResult made = mvc.perform(post("/customers/" + id + "/promises").with(user(agent)).with(csrf())
                        .param("amount", "300").param("currency", "MXN").param("dueDate", today.plusDays(5).toString())
                        .param("idempotencyKey", "pp-2"))
                .andExpect(status().isOk()).andReturn();
        assertThat(made.getResponse().getContentAsString()).contains("Promesa registrada").contains("Pendiente");
    }

    @Test
    void aBankStatementUploadedFromThePageShowsItsCountsAndItsExceptions() throws Exception {
        var file = new MockMultipartFile("file", "edo.csv", "text/csv",
                "date,amount,reference\n2025-03-05,900.00,\n2025-03-05,12.00,nada\n".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/payments/statements").file(file).with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String list = mvc.perform(get("/payments/statements").with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("edo.csv").contains("COMPLETED");
        String exceptions = mvc.perform(get("/payments/exceptions").with(user(admin))).andReturn().getResponse().getContentAsString();
        assertThat(exceptions).contains("Sin coincidencia").contains("nada");
    }
}
