package mx.recaudo.strategy;

import mx.recaudo.arrangement.PromiseEvent;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.payment.PaymentPosted;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's story with a moving business date: a reminder before the due date, WhatsApp on the
 * due date, e-mail at 7 days, an agent call at 31; a promise pauses the ladder, the broken promise
 * escalates it at once, and the payment that clears the balance stops it.
 */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false")
@org.springframework.test.annotation.DirtiesContext // its own clock: close it after, so its connections go back
class CollectionJourneyIntegrationTests {
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
    @Autowired Strategies strategies;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Obligations obligations;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void theRightActionOnTheRightDayThenPausedByAPromiseEscalatedWhenItBreaksAndStoppedByThePayment() {
        var org = TestOrganizations.create(identity, "journey");
        StrategyTestPortfolios.load(imports, org.id(), StrategyTestPortfolios.HEADER
                + "J-1,Juana Pérez,PERSON,,2020-01-15,5533445566,juana@example.mx,5533445566,Av. Juárez 10,Jalisco,44100,"
                + "FJ-1,LOAN_INSTALLMENT,Crédito personal,MXN,12000,3500.00,2026-01-10," + DUE + "\n");
        long customer = TenantContext.call(org.id(), () ->
                jdbc.sql("select id from customer where external_id = 'J-1'").query(Long.class).single());

        assertThat(dayPlans(org.id(), DUE.minusDays(5))).isEmpty();
        assertThat(dayPlans(org.id(), DUE.minusDays(3))).containsExactly("SMS:sms-recordatorio");
        assertThat(dayPlans(org.id(), DUE.minusDays(1))).isEmpty();
        assertThat(dayPlans(org.id(), DUE)).containsExactly("WHATSAPP:whatsapp-vencido");
        assertThat(dayPlans(org.id(), DUE.plusDays(7))).containsExactly("EMAIL:email-atraso");
        // No run between 8 and 30: the customer jumps past the blaster stage and gets only the call.
        assertThat(dayPlans(org.id(), DUE.plusDays(31))).containsExactly("AGENT_CALL:llamada-agente");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select count(*) from agent_task where customer_id = ? and queue = 'CALLS'").param(customer)
                .query(Long.class).single())).isEqualTo(1);

        // Day 33: the customer promises to pay on day 38 (grace through day 40).
        clock.setDate(DUE.plusDays(33));
        events.publishEvent(new PromiseEvent.PromiseMade(org.id(), UUID.randomUUID(), customer, new BigDecimal("3500.00"),
                "MXN", DUE.plusDays(38), DUE.plusDays(40)));
        assertThat(TenantContext.call(org.id(), () -> strategies.positionOf(customer)).orElseThrow().pausedUntil())
                .isEqualTo(DUE.plusDays(40));
        assertThat(dayPlans(org.id(), DUE.plusDays(35))).isEmpty();
        assertThat(dayPlans(org.id(), DUE.plusDays(40))).isEmpty();

        // Day 41: the promise is broken — the ladder escalates at once to the next stage (letter).
        clock.setDate(DUE.plusDays(41));
        events.publishEvent(new PromiseEvent.PromiseBroken(org.id(), UUID.randomUUID(), customer));
        assertThat(plansOn(org.id(), customer, DUE.plusDays(41))).containsExactly("LETTER:carta-cobranza");
        assertThat(dayPlans(org.id(), DUE.plusDays(41))).isEmpty();
        assertThat(plansOn(org.id(), customer, DUE.plusDays(41))).containsExactly("LETTER:carta-cobranza");
        assertThat(dayPlans(org.id(), DUE.plusDays(61))).as("stage already entered by escalation").isEmpty();

        // Day 62: the customer pays everything; the ladder stops and the pending actions are cancelled.
        clock.setDate(DUE.plusDays(62));
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> obligations.open(customer)
                .forEach(o -> obligations.reduceBalance(o.id(), o.balance()))));
        events.publishEvent(new PaymentPosted(org.id(), UUID.randomUUID(), customer, "MXN", new BigDecimal("3500.00"),
                BigDecimal.ZERO, Instant.now()));
        var position = TenantContext.call(org.id(), () -> strategies.positionOf(customer)).orElseThrow();
        assertThat(position.stoppedOn()).isEqualTo(DUE.plusDays(62));
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select count(*) from planned_action where customer_id = ? and status = 'PLANNED'").param(customer)
                .query(Long.class).single())).isZero();
        assertThat(dayPlans(org.id(), DUE.plusDays(91))).isEmpty();

        List<LadderHistoryEntry> history = TenantContext.call(org.id(), () -> strategies.historyOf(customer));
        assertThat(history).extracting(LadderHistoryEntry::reason)
                .containsSubsequence("PAID", "PROMISE_BROKEN", "PROMISE_MADE", "STAGE_CHANGED", "FIRST_SEEN");
        assertThat(history.getLast().segmentationVersion()).isEqualTo(1);
    }

    /** Runs the daily run for a date and returns the actions it planned, as "TYPE:step". */
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
                "select action_type || ':' || step_key from planned_action where customer_id = ? and as_of = ? order by id")
                .params(customer, asOf).query(String.class).list());
    }
}
