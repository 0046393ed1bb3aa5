package mx.recaudo.strategy;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOptOuts;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disputes, opt-outs and requests for a person change the ladder at once: a disputed obligation
 * holds it (pending actions cancelled, runs plan nothing) until resolved; an opt-out moves pending
 * actions to the fallback channel and runs skip the channel; asking for an agent plans a call now.
 */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false")
@org.springframework.test.annotation.DirtiesContext // its own clock
class LadderHoldEventsIntegrationTests {
    static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        BusinessClock businessClock() {
            return new BusinessClock();
        }
    }

    @Autowired BusinessClock clock;
    @Autowired CollectionRuns runs;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Obligations obligations;
    @Autowired ContactOptOuts optOuts;
    @Autowired InboundMessages inbound;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void aDisputeHoldsTheLadderUntilResolvedThenTheReachedStageIsEntered() {
        var org = TestOrganizations.create(identity, "dispute");
        load(org.id(), "D-1", "5511112222", "d1@example.mx", "5511112222");
        long customer = customerId(org.id(), "D-1");
        assertThat(dayPlans(org.id(), DUE.plusDays(7))).containsExactly("EMAIL:email-atraso");
        clock.setDate(DUE.plusDays(7));
        assertThat(status(org.id(), customer)).containsExactly("PLANNED");

        setStatus(org.id(), customer, "DISPUTED");
        assertThat(status(org.id(), customer)).as("pending actions cancelled at once").containsExactly("CANCELLED");
        assertThat(dayPlans(org.id(), DUE.plusDays(15))).as("held while disputed").isEmpty();
        assertThat(dayPlans(org.id(), DUE.plusDays(31))).isEmpty();

        clock.setDate(DUE.plusDays(32));
        setStatus(org.id(), customer, "ACTIVE");
        assertThat(plansOn(org.id(), customer, DUE.plusDays(32))).as("resolved: the stage reached now plans its entry")
                .containsExactly("AGENT_CALL:llamada-agente");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql("select reason from customer_ladder_history where customer_id = ? order by id")
                .param(customer).query(String.class).list())).containsSubsequence("DISPUTE_OPENED", "DISPUTE_RESOLVED");
        assertThat(dayPlans(org.id(), DUE.plusDays(33))).isEmpty();
    }

    @Test
    void anOptOutMovesPendingActionsToTheFallbackChannelAndRunsSkipTheChannel() {
        var org = TestOrganizations.create(identity, "optout");
        load(org.id(), "O-1", "5522223333", "o1@example.mx", "5522223333");
        load(org.id(), "O-2", "5522224444", "o2@example.mx", "5522224444");
        long first = customerId(org.id(), "O-1");
        long second = customerId(org.id(), "O-2");
        assertThat(dayPlans(org.id(), DUE)).containsExactly("WHATSAPP:whatsapp-vencido", "WHATSAPP:whatsapp-vencido");

        clock.setDate(DUE);
        TenantContext.run(org.id(), () -> optOuts.optOut(first, Channel.WHATSAPP, null, "test"));
        assertThat(plansOn(org.id(), first, DUE)).as("WhatsApp → SMS, the next in the fallback order")
                .containsExactly("SMS:whatsapp-vencido");
        assertThat(plansOn(org.id(), second, DUE)).containsExactly("WHATSAPP:whatsapp-vencido");

        TenantContext.run(org.id(), () -> optOuts.optOut(second, Channel.EMAIL, null, "test"));
        assertThat(dayPlans(org.id(), DUE.plusDays(7))).as("e-mail step: O-2 opted out of e-mail, and e-mail is last in the fallback order")
                .containsExactly("EMAIL:email-atraso");
        assertThat(plansOn(org.id(), second, DUE.plusDays(7))).isEmpty();
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select count(*) from collection_run_tally t join collection_run r on r.id = t.run_id where r.as_of = ? and t.channel = 'UNREACHABLE'")
                .param(DUE.plusDays(7)).query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void aCustomerAskingForAPersonGetsAnAgentCallNowOncePerDay() {
        var org = TestOrganizations.create(identity, "agentreq");
        // a number of its own: inbound messages reach every organization that knows the sender
        String phone = "55" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(90_000_000));
        load(org.id(), "A-1", phone, "a1@example.mx", "");
        long customer = customerId(org.id(), "A-1");
        assertThat(dayPlans(org.id(), DUE.plusDays(2))).containsExactly("SMS:whatsapp-vencido");
        clock.setDate(DUE.plusDays(3));

        assertThat(inbound.receive(Channel.SMS, "+52 " + phone, "Quiero hablar con un agente por favor"))
                .containsExactly(InboundMessages.Outcome.INBOX);
        inbound.receive(Channel.SMS, "+52" + phone, "AGENTE");
        assertThat(plansOn(org.id(), customer, DUE.plusDays(3))).containsExactly("AGENT_CALL:agente-solicitado");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select queue || ':' || priority || ':' || status from agent_task where customer_id = ?").param(customer)
                .query(String.class).list())).containsExactly("CALLS:1000:OPEN");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select reason from planned_action where customer_id = ? and step_key = 'agente-solicitado'").param(customer)
                .query(String.class).single())).isEqualTo("AGENT_REQUESTED");
    }

    private void load(UUID org, String id, String phone, String email, String whatsapp) {
        StrategyTestPortfolios.load(imports, org, StrategyTestPortfolios.HEADER
                + id + ",Cliente " + id + ",PERSON,,2020-01-15," + phone + "," + email + "," + whatsapp
                + ",Av. Juárez 10,Jalisco,44100,F" + id + ",LOAN_INSTALLMENT,Crédito personal,MXN,12000,3500.00,2026-01-10,"
                + DUE + "\n");
    }

    private long customerId(UUID org, String externalId) {
        return TenantContext.call(org, () -> jdbc.sql("select id from customer where external_id = ?").param(externalId)
                .query(Long.class).single());
    }

    private void setStatus(UUID org, long customer, String status) {
        TenantContext.run(org, () -> tx.executeWithoutResult(s -> {
            long obligation = jdbc.sql("select id from obligation where customer_id = ?").param(customer).query(Long.class).single();
            obligations.changeStatus(obligation, status);
        }));
    }

    private List<String> status(UUID org, long customer) {
        return TenantContext.call(org, () -> jdbc.sql("select status from planned_action where customer_id = ? order by id")
                .param(customer).query(String.class).list());
    }

    private List<String> dayPlans(UUID org, LocalDate asOf) {
        clock.setDate(asOf);
        UUID run = TenantContext.call(org, () -> runs.start(asOf, false, "API", "test"));
        RunTestSupport.awaitFinished(runs, org, run);
        return TenantContext.call(org, () -> jdbc.sql(
                "select action_type || ':' || step_key from planned_action where run_id = ? order by id")
                .param(run).query(String.class).list());
    }

    private List<String> plansOn(UUID org, long customer, LocalDate asOf) {
        return TenantContext.call(org, () -> jdbc.sql(
                "select action_type || ':' || step_key from planned_action where customer_id = ? and as_of = ? and status = 'PLANNED' order by id")
                .params(customer, asOf).query(String.class).list());
    }
}
