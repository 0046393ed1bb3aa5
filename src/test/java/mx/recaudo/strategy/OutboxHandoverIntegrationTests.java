package mx.recaudo.strategy;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily run's channel actions become outbox messages: rendered from the organization's template
 * for the step, channel and the customer's language with the customer's data; once each, whatever
 * the number of workers or a crash before commit; never for a dry run or a cancelled action; skipped
 * with the reason when there is no template or no collector identification to show.
 */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false") // the same context as the other worker tests
class OutboxHandoverIntegrationTests {
    static final String COLLECTOR = "Cobranza Prueba · Tel. 55 4000 1000 · Calle Uno 1, CDMX · L-V 9 a 18 h";
    static final String COMPLAINTS = "Unidad de Atención a Usuarios de Org Prueba: une@orgprueba.mx, 55 4000 2000";
    static final String SETTLE = "Puede liquidar en un solo pago o acordar hasta 6 pagos mensuales sin recargos";

    @Autowired CollectionRuns runs;
    @Autowired OutboxHandover handover;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Obligations obligations;
    @Autowired ContactTemplates templates;
    @Autowired ContactOutbox outbox;
    @Autowired Portfolio portfolio;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired TransactionTemplate tx;

    @Test
    void aRunsChannelActionsBecomeMessagesRenderedWithTheCustomersDataOnceEach() {
        UUID org = organization("handover", true, true);
        run(org, false);
        TenantContext.run(org, () -> jdbc.sql("update customer set language = 'en-US' where external_id = 'G'").update());

        OutboxHandover.Result first = TenantContext.call(org, handover::handOver);
        assertThat(first).isEqualTo(new OutboxHandover.Result(6, 0, 0));

        Map<String, String> actions = actions(org);
        assertThat(actions).containsEntry("A", "SMS:DONE").containsEntry("B", "WHATSAPP:DONE").containsEntry("C", "EMAIL:DONE")
                .containsEntry("D", "VOICE_BLASTER:DONE").containsEntry("E", "LETTER:DONE").containsEntry("G", "EMAIL:DONE")
                .as("agent work stays for the agents").containsEntry("F", "AGENT_CALL:PLANNED");
        List<Map<String, Object>> messages = messages(org);
        assertThat(messages).extracting(m -> m.get("external_id") + ":" + m.get("channel"))
                .containsExactlyInAnyOrder("A:SMS", "B:WHATSAPP", "C:EMAIL", "D:VOICE", "E:LETTER", "G:EMAIL");
        assertThat(messages).allSatisfy(m -> {
            assertThat((String) m.get("body")).doesNotContain("{{").doesNotContain("Av. Reforma 1").doesNotContain("María");
            assertThat((String) m.get("status")).isIn("QUEUED", "BLOCKED");
        });
        assertThat(body(messages, "A")).contains("Org ").contains("$3,500.00").contains("pagos.recaudo.mx/r/A").contains("Responda BAJA");
        assertThat(body(messages, "B")).startsWith("Hola Cliente,").contains(COLLECTOR);
        assertThat(body(messages, "C")).contains("Hola Cliente:").contains(COLLECTOR);
        assertThat(body(messages, "G")).as("English for an English-speaking customer").startsWith("Hello Cliente,")
                .contains(COLLECTOR);
        assertThat(body(messages, "E")).contains("Estimado(a) Cliente E").contains(COLLECTOR).contains(COMPLAINTS)
                .contains(SETTLE + ".").doesNotContain("une@financiera.mx").doesNotContain("exhibición");
        assertThat(body(messages, "B")).as("a legal name ending in a period keeps one").contains(", S.A. de C.V.")
                .doesNotContain("C.V..");
        // each action points at its own message
        assertThat(TenantContext.call(org, () -> jdbc.sql("""
                select count(*) from planned_action p join contact_message m on m.id = p.message_id
                 where m.customer_id = p.customer_id and p.status = 'DONE'""").query(Long.class).single())).isEqualTo(6);

        OutboxHandover.Result again = TenantContext.call(org, handover::handOver);
        assertThat(again.total()).as("a second pass finds nothing to hand over").isZero();
        assertThat(messages(org)).hasSize(6);
        assertThat(TenantContext.call(org, () -> runs.handoverCounts(runId(org)))).containsEntry("DONE", 6L);
    }

    @Test
    void twoWorkersAtOnceAndACrashBeforeCommitStillPlanEachMessageOnce() throws Exception {
        UUID org = organization("handover-two", true, true);
        run(org, false);
        // a worker that dies before its transaction commits leaves nothing behind
        TenantContext.run(org, () -> tx.executeWithoutResult(s -> {
            assertThat(handover.handOver().handedOver()).isEqualTo(6);
            s.setRollbackOnly();
        }));
        assertThat(messages(org)).isEmpty();
        assertThat(actions(org).values()).filteredOn(v -> v.endsWith(":DONE")).isEmpty();

        OutboxHandover small = new OutboxHandover(jdbc, system, tx, outbox, templates, portfolio, audit, 2, 3);
        CyclicBarrier together = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        List<Future<OutboxHandover.Result>> workers = List.of(
                pool.submit(() -> { together.await(); return TenantContext.call(org, small::handOver); }),
                pool.submit(() -> { together.await(); return TenantContext.call(org, small::handOver); }));
        int handed = workers.get(0).get().handedOver() + workers.get(1).get().handedOver();
        pool.shutdown();

        assertThat(handed).isEqualTo(6);
        assertThat(messages(org)).extracting(m -> m.get("external_id") + ":" + m.get("channel"))
                .containsExactlyInAnyOrder("A:SMS", "B:WHATSAPP", "C:EMAIL", "D:VOICE", "E:LETTER", "G:EMAIL");
    }

    @Test
    void aDryRunSendsNothing() {
        UUID org = organization("handover-dry", true, true);
        run(org, true);
        assertThat(TenantContext.call(org, handover::handOver).total()).isZero();
        assertThat(messages(org)).isEmpty();
    }

    @Test
    void anActionCancelledByADisputeAfterPlanningIsNotSent() {
        UUID org = organization("handover-cancel", true, true);
        run(org, false);
        TenantContext.run(org, () -> tx.executeWithoutResult(s -> {
            long obligation = jdbc.sql("select o.id from obligation o join customer c on c.id = o.customer_id where c.external_id = 'B'")
                    .query(Long.class).single();
            obligations.changeStatus(obligation, "DISPUTED");
        }));
        assertThat(actions(org)).containsEntry("B", "WHATSAPP:CANCELLED");

        TenantContext.call(org, handover::handOver);
        assertThat(actions(org)).containsEntry("B", "WHATSAPP:CANCELLED");
        assertThat(messages(org)).extracting(m -> (String) m.get("external_id")).hasSize(5).doesNotContain("B");
    }

    @Test
    void withoutATemplateOrACollectorIdentificationTheActionIsSkippedWithTheReason() {
        UUID none = organization("handover-notemplates", false, true);
        run(none, false);
        assertThat(TenantContext.call(none, handover::handOver)).isEqualTo(new OutboxHandover.Result(0, 6, 0));
        assertThat(messages(none)).isEmpty();
        List<Map<String, Object>> reasons = TenantContext.call(none, () -> jdbc.sql("""
                select status, handover_reason, handover_reason_en from planned_action where action_type <> 'AGENT_CALL'""")
                .query().listOfRows());
        assertThat(reasons).hasSize(6).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SKIPPED");
            assertThat((String) r.get("handover_reason")).startsWith("No hay plantilla");
            assertThat((String) r.get("handover_reason_en")).startsWith("No template");
        });

        UUID anonymous = organization("handover-noid", true, false);
        run(anonymous, false);
        assertThat(TenantContext.call(anonymous, handover::handOver)).isEqualTo(new OutboxHandover.Result(1, 5, 0));
        assertThat(messages(anonymous)).as("only the SMS, which does not show the collector identification")
                .extracting(m -> m.get("external_id") + ":" + m.get("channel")).containsExactly("A:SMS");
        assertThat(TenantContext.call(anonymous, () -> jdbc.sql("""
                select handover_reason_en from planned_action p join customer c on c.id = p.customer_id where c.external_id = 'B'""")
                .query(String.class).single())).contains("collector identification");
    }

    @Test
    void aTemplateShowingAComplaintsUnitOrConditionsToSettleNotConfiguredIsSkippedNeverSentWithSampleText() {
        UUID org = organization("handover-nodisclosures", true, true);
        TenantContext.run(org, () -> identity.setMessageDisclosures(null, " "));
        run(org, false);
        assertThat(TenantContext.call(org, handover::handOver)).isEqualTo(new OutboxHandover.Result(5, 1, 0));
        assertThat(actions(org)).containsEntry("E", "LETTER:SKIPPED");
        assertThat(messages(org)).extracting(m -> (String) m.get("external_id")).doesNotContain("E");
        assertThat(messages(org)).allSatisfy(m -> assertThat((String) m.get("body"))
                .doesNotContain("une@financiera.mx").doesNotContain("Puede liquidar en una exhibición"));
        Map<String, Object> reason = TenantContext.call(org, () -> jdbc.sql("""
                select handover_reason, handover_reason_en from planned_action p join customer c on c.id = p.customer_id
                 where c.external_id = 'E'""").query().singleRow());
        assertThat((String) reason.get("handover_reason")).contains("unidad de atención de quejas")
                .contains("condiciones para liquidar").doesNotContain("identificación");
        assertThat((String) reason.get("handover_reason_en")).contains("complaints unit").contains("conditions to settle");

        // once configured, the next run's letter goes out with the organization's own words
        TenantContext.run(org, () -> identity.setMessageDisclosures(COMPLAINTS, SETTLE));
        assertThat(TenantContext.call(org, templates::unconfiguredVariables)).isEmpty();
    }

    /** Seven customers, one per stage of the default ladder as of today (G like C, but English-speaking later). */
    private UUID organization(String prefix, boolean withTemplates, boolean withCollector) {
        UUID org = TestOrganizations.create(identity, prefix).id();
        LocalDate today = TenantContext.call(org, runs::today);
        Map<String, Integer> dpd = new java.util.LinkedHashMap<>();
        dpd.put("A", -2);
        dpd.put("B", 3);
        dpd.put("C", 10);
        dpd.put("D", 20);
        dpd.put("E", 70);
        dpd.put("F", 40);
        dpd.put("G", 9);
        StringBuilder csv = new StringBuilder(StrategyTestPortfolios.HEADER);
        int n = 0;
        for (var e : dpd.entrySet()) {
            n++;
            String id = e.getKey();
            csv.append(id).append(",Cliente ").append(id).append(",PERSON,,2020-01-15,55111122").append(10 + n)
                    .append(",").append(id.toLowerCase()).append("@example.mx,55111122").append(10 + n)
                    .append(",Av. Juárez 10,Jalisco,44100,F").append(id).append(",LOAN_INSTALLMENT,Crédito personal,MXN,12000,3500.00,2025-01-10,")
                    .append(today.minusDays(e.getValue())).append('\n');
        }
        StrategyTestPortfolios.load(imports, org, csv.toString());
        TenantContext.run(org, () -> {
            if (withTemplates) templates.installStarterSet();
            if (withCollector) {
                identity.setCollectorIdentification(COLLECTOR);
                identity.setMessageDisclosures(COMPLAINTS, SETTLE);
            }
        });
        return org;
    }

    private void run(UUID org, boolean dryRun) {
        LocalDate today = TenantContext.call(org, runs::today);
        UUID id = TenantContext.call(org, () -> runs.startNew(today, dryRun, "API", "test"));
        RunTestSupport.awaitFinished(runs, org, id);
    }

    private UUID runId(UUID org) {
        return TenantContext.call(org, () -> jdbc.sql("select id from collection_run where not dry_run").query(UUID.class).single());
    }

    private Map<String, String> actions(UUID org) {
        return TenantContext.call(org, () -> jdbc.sql("""
                select c.external_id, p.action_type || ':' || p.status from planned_action p join customer c on c.id = p.customer_id""")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private List<Map<String, Object>> messages(UUID org) {
        return TenantContext.call(org, () -> jdbc.sql("""
                select c.external_id, m.channel, m.subject, m.body, m.status from contact_message m join customer c on c.id = m.customer_id
                 order by m.id""").query().listOfRows());
    }

    private static String body(List<Map<String, Object>> messages, String externalId) {
        return messages.stream().filter(m -> externalId.equals(m.get("external_id"))).map(m -> (String) m.get("body"))
                .findFirst().orElseThrow();
    }
}
