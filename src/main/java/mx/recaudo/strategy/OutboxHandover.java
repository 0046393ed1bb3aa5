package mx.recaudo.strategy;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands the daily run's channel actions (SMS, email, WhatsApp, voice blaster, letter) over to the
 * contact outbox, so that a strategy actually sends. Any node's worker claims a batch of PLANNED
 * channel actions whose date has come ({@code FOR UPDATE SKIP LOCKED}) and, in one transaction,
 * plans their messages through {@link ContactOutbox#planAll} (the contact guard decides QUEUED or
 * BLOCKED) and marks each action DONE with its message id, or SKIPPED with the reason in Spanish and
 * English (no template for the step, the template shows what the organization has not configured —
 * collector identification, complaints unit, conditions to settle — planned too long ago).
 * The message and the mark commit together, so an action is handed over exactly once however many
 * nodes work and wherever one crashes; an action the strategy's event handlers CANCELLED (dispute,
 * promise, payment) is no longer PLANNED and is never handed over. Agent work stays as it is.
 */
@Service
public class OutboxHandover {
    private static final Logger log = LoggerFactory.getLogger(OutboxHandover.class);
    static final String CHANNEL_ACTIONS = "('SMS','EMAIL','WHATSAPP','VOICE_BLASTER','LETTER')";
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate tx;
    private final ContactOutbox outbox;
    private final ContactTemplates templates;
    private final Portfolio portfolio;
    private final AuditLog audit;
    private final int batchSize;
    private final int maxAgeDays;

    OutboxHandover(JdbcClient jdbc, @SystemDatabase JdbcClient system, TransactionTemplate tx, ContactOutbox outbox,
                   ContactTemplates templates, Portfolio portfolio, AuditLog audit,
                   @Value("${recaudo.strategy.handover.batch-size:1000}") int batchSize,
                   @Value("${recaudo.strategy.handover.max-age-days:3}") int maxAgeDays) {
        this.jdbc = jdbc;
        this.system = system;
        this.tx = tx;
        this.outbox = outbox;
        this.templates = templates;
        this.portfolio = portfolio;
        this.audit = audit;
        this.batchSize = batchSize;
        this.maxAgeDays = maxAgeDays;
    }

    /** What one pass did. */
    public record Result(int handedOver, int skipped, int failed) {
        Result plus(Result o) {
            return new Result(handedOver + o.handedOver, skipped + o.skipped, failed + o.failed);
        }

        public int total() {
            return handedOver + skipped + failed;
        }
    }

    /** Hands over what is due in every organization (the background worker). */
    public Result handOverAll() {
        Result total = new Result(0, 0, 0);
        for (UUID org : system.sql("select distinct org_id from planned_action where status = 'PLANNED' and action_type in "
                + CHANNEL_ACTIONS).query(UUID.class).list()) {
            try {
                total = total.plus(TenantContext.call(org, this::handOver));
            } catch (RuntimeException e) {
                log.warn("Outbox handover of organization {}: {}", org, e.getMessage());
            }
        }
        return total;
    }

    /** Hands over the bound organization's due channel actions, batch after batch, until none is left. */
    public Result handOver() {
        Result total = new Result(0, 0, 0);
        while (true) {
            Result r = batch(batchSize);
            total = total.plus(r);
            if (r.total() < batchSize) return total;
        }
    }

    private record Row(long id, long customerId, LocalDate asOf, ActionType type, String templateRef, String tone,
                       String language) {}

    private record Skip(long id, String es, String en) {}

    private static final class BatchFailed extends RuntimeException {
        final List<Long> ids;

        BatchFailed(List<Long> ids, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.ids = ids;
        }
    }

    /** One transaction: claims up to {@code limit} due actions and plans their messages. */
    private Result batch(int limit) {
        try {
            return tx.execute(s -> claimAndPlan(limit));
        } catch (BatchFailed e) {
            if (limit > 1) {
                // one bad action must not hold up the others: retry one by one, each in its own transaction
                Result r = new Result(0, 0, 0);
                for (int i = 0; i < e.ids.size(); i++) {
                    Result one = batch(1);
                    r = r.plus(one);
                    if (one.total() == 0) break;
                }
                return r;
            }
            long id = e.ids.getFirst();
            log.warn("Planned action {} could not be handed over: {}", id, e.getMessage());
            tx.executeWithoutResult(s -> {
                jdbc.sql("""
                        update planned_action set status = 'FAILED', handed_over_at = now(), handover_reason = ?,
                               handover_reason_en = ? where id = ? and status = 'PLANNED'""")
                        .params("No se pudo planear el mensaje: " + e.getMessage(),
                                "The message could not be planned: " + e.getMessage(), id).update();
                audit.record("system", "PLANNED_ACTION_HANDOVER_FAILED", "planned_action", Long.toString(id),
                        Map.of("error", String.valueOf(e.getMessage())));
            });
            return new Result(0, 0, 1);
        }
    }

    private static String whatEs(String variable) {
        return switch (variable) {
            case "companyContact" -> "su identificación como cobrador (nombre, teléfono, domicilio y horario)";
            case "complaintsUnit" -> "su unidad de atención de quejas";
            case "settleConditions" -> "sus condiciones para liquidar";
            default -> variable;
        };
    }

    private static String whatEn(String variable) {
        return switch (variable) {
            case "companyContact" -> "its collector identification (name, phone, address and hours)";
            case "complaintsUnit" -> "its complaints unit";
            case "settleConditions" -> "its conditions to settle";
            default -> variable;
        };
    }

    private Result claimAndPlan(int limit) {
        LocalDate today = portfolio.today();
        List<Row> rows = jdbc.sql("""
                select p.id, p.customer_id, p.as_of, p.action_type, p.template_ref, p.tone, c.language
                  from planned_action p join customer c on c.id = p.customer_id
                 where p.status = 'PLANNED' and p.action_type in %s and p.as_of <= ?
                 order by p.id limit ? for update of p skip locked""".formatted(CHANNEL_ACTIONS))
                .params(today, limit)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        ActionType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7))).list();
        if (rows.isEmpty()) return new Result(0, 0, 0);
        List<ContactTemplates.Template> all = templates.list();
        java.util.Set<String> unconfigured = templates.unconfiguredVariables();
        List<Skip> skips = new ArrayList<>();
        List<Row> sending = new ArrayList<>();
        List<ContactOutbox.Plan> plans = new ArrayList<>();
        for (Row r : rows) {
            Channel channel = HandoverTemplates.channelOf(r.type());
            if (r.asOf().isBefore(today.minusDays(maxAgeDays))) {
                skips.add(new Skip(r.id(), "Planeada para el " + r.asOf() + ": ya no es vigente (más de " + maxAgeDays + " días)",
                        "Planned for " + r.asOf() + ": no longer current (over " + maxAgeDays + " days)"));
                continue;
            }
            Optional<ContactTemplates.Template> template = HandoverTemplates.choose(all, r.templateRef(), channel,
                    r.language(), r.tone());
            if (template.isEmpty()) {
                boolean spanish = HandoverTemplates.FALLBACK_LANGUAGE.equalsIgnoreCase(r.language());
                skips.add(new Skip(r.id(), "No hay plantilla «" + r.templateRef() + "» para " + channel + " en "
                        + r.language() + (spanish ? "" : " ni en " + HandoverTemplates.FALLBACK_LANGUAGE),
                        "No template \"" + r.templateRef() + "\" for " + channel + " in " + r.language()
                        + (spanish ? "" : " or " + HandoverTemplates.FALLBACK_LANGUAGE)));
                continue;
            }
            List<String> missing = ContactTemplates.unconfiguredIn(template.get(), unconfigured);
            if (!missing.isEmpty()) {
                skips.add(new Skip(r.id(), "La organización no tiene configurado lo que la plantilla muestra: "
                        + String.join(", ", missing.stream().map(OutboxHandover::whatEs).toList()),
                        "The organization has not configured what the template shows: "
                        + String.join(", ", missing.stream().map(OutboxHandover::whatEn).toList())));
                continue;
            }
            sending.add(r);
            plans.add(new ContactOutbox.Plan(r.customerId(), channel, null, template.get().id(), null, null, null));
        }
        List<ContactOutbox.Planned> planned;
        try {
            planned = outbox.planAll(plans);
        } catch (RuntimeException e) {
            throw new BatchFailed(sending.stream().map(Row::id).toList(), e);
        }
        int queued = 0;
        int blocked = 0;
        if (!sending.isEmpty()) {
            Long[] ids = new Long[sending.size()];
            Long[] messages = new Long[sending.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = sending.get(i).id();
                messages[i] = planned.get(i).messageId();
                if ("QUEUED".equals(planned.get(i).status())) queued++;
                else blocked++;
            }
            jdbc.sql("""
                    update planned_action p set status = 'DONE', message_id = u.message_id, handed_over_at = now()
                      from unnest(?::bigint[], ?::bigint[]) as u(id, message_id) where p.id = u.id""")
                    .params(ids, messages).update();
        }
        if (!skips.isEmpty()) {
            jdbc.sql("""
                    update planned_action p set status = 'SKIPPED', handover_reason = u.es, handover_reason_en = u.en,
                           handed_over_at = now()
                      from unnest(?::bigint[], ?::text[], ?::text[]) as u(id, es, en) where p.id = u.id""")
                    .params(skips.stream().map(Skip::id).toArray(Long[]::new), skips.stream().map(Skip::es).toArray(String[]::new),
                            skips.stream().map(Skip::en).toArray(String[]::new)).update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actions", rows.size());
        details.put("firstId", rows.getFirst().id());
        details.put("lastId", rows.getLast().id());
        details.put("queued", queued);
        details.put("blocked", blocked);
        details.put("skipped", skips.size());
        audit.record("system", "PLANNED_ACTIONS_HANDED_OVER", "planned_action", null, details);
        return new Result(sending.size(), skips.size(), 0);
    }
}
