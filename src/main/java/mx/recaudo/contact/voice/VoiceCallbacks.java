package mx.recaudo.contact.voice;

import jakarta.servlet.http.HttpServletRequest;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.contact.PromiseTaker;
import mx.recaudo.contact.webhook.ProviderStatuses;
import mx.recaudo.contact.webhook.Signatures;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The voice provider's callbacks, each signed with {@code X-Twilio-Signature} over the public URL
 * and the POST parameters (a bad signature is 403 and changes nothing):
 * <ul>
 * <li>{@code /webhooks/voice/answer?m=…}: the call was answered; with answering-machine detection
 *     the provider says who answered ({@code AnsweredBy}). A machine at the end of its greeting
 *     ({@code machine_end_beep}, {@code _silence}, {@code _other}) gets the es-MX voicemail (who calls
 *     and the number to call back; no balance, no keypad menu) and the timeline records the outcome
 *     VOICEMAIL once; a fax is hung up on; a person (or an unknown answer) gets the personalized
 *     script and the keypad menu.</li>
 * <li>{@code /webhooks/voice/status}: the call's status → the outbox (completed → DELIVERED;
 *     busy, no-answer, failed, canceled → FAILED); an {@code AnsweredBy=machine_end_*} there records
 *     VOICEMAIL too (once).</li>
 * <li>{@code /webhooks/voice/gather?m=…}: the keypad. 1 → the customer wants a person: an entry in
 *     the agent inbox (the strategy module offers no public way to create an agent task) and the
 *     timeline, and the call is put through to {@code agentNumber} when one is configured.
 *     2 → the promise flow: asks for the payment day.</li>
 * <li>{@code /webhooks/voice/promise?m=…}: the day keyed → a promise to pay the amount due on that
 *     day's next date, registered through the promise policy; if the policy refuses it, the inbox
 *     gets a callback request instead. Either way the timeline shows what was keyed.</li>
 * </ul>
 * Each keypad step is applied once per call, however often the provider retries it.
 */
@RestController
class VoiceCallbacks {
    private static final Logger log = LoggerFactory.getLogger(VoiceCallbacks.class);
    private static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final VoiceProperties properties;
    private final ProviderStatuses statuses;
    private final InboundMessages inbound;
    private final PromiseTaker promises;
    private final JdbcClient system;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate systemTx;

    VoiceCallbacks(VoiceProperties properties, ProviderStatuses statuses, InboundMessages inbound, PromiseTaker promises,
                   @SystemDatabase JdbcClient system, JdbcClient jdbc, Clock clock,
                   @SystemDatabase TransactionTemplate systemTx) {
        this.systemTx = systemTx;
        this.properties = properties;
        this.statuses = statuses;
        this.inbound = inbound;
        this.promises = promises;
        this.system = system;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/webhooks/voice/answer")
    ResponseEntity<String> answer(@RequestParam("m") long messageId, HttpServletRequest request) {
        if (!signed(request)) return forbidden();
        Optional<Call> call = call(messageId, request.getParameter("CallSid"));
        if (call.isEmpty()) return twiml(VoiceScript.reply("Gracias. Hasta luego.", properties.voice()));
        String answeredBy = request.getParameter("AnsweredBy");
        if (machineEnd(answeredBy)) {
            voicemailLeft(messageId, answeredBy);
            Callee callee = callee(messageId);
            return twiml(VoiceScript.voicemail(callee.firstName(), callee.company(), properties.callBackNumber(),
                    properties.voice()));
        }
        if ("fax".equals(answeredBy)) return twiml(VoiceScript.hangUp());
        String script = system.sql("select body from contact_message where id = ?").param(messageId).query(String.class).single();
        return twiml(VoiceScript.call(script, properties.callback("/webhooks/voice/gather?m=" + messageId), properties.voice()));
    }

    static boolean machineEnd(String answeredBy) {
        return answeredBy != null && answeredBy.startsWith("machine_end");
    }

    record Callee(String firstName, String company) {}

    private Callee callee(long messageId) {
        return system.sql("""
                select c.name, c.customer_type, o.name from contact_message m join customer c on c.id = m.customer_id
                  join organization o on o.id = m.org_id where m.id = ?""")
                .param(messageId)
                .query((rs, i) -> new Callee("PERSON".equals(rs.getString(2)) ? rs.getString(1).strip().split("\\s+")[0] : null,
                        rs.getString(3)))
                .single();
    }

    /** The outcome VOICEMAIL in the message's timeline, once however often the provider says so. */
    private void voicemailLeft(long messageId, String answeredBy) {
        systemTx.executeWithoutResult(s -> {
            // the row lock orders concurrent callbacks; the second one then sees the first one's row
            system.sql("select id from contact_message where id = ? for update").param(messageId).query(Long.class).optional();
            system.sql("""
                    insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                    select org_id, customer_id, id, 'STATUS', 'VOICE', 'VOICEMAIL', ? from contact_message m
                     where id = ? and not exists (select 1 from contact_event e where e.message_id = m.id and e.status = 'VOICEMAIL')""")
                    .params("Contestó una grabadora (" + answeredBy + "): se dejó el mensaje de buzón, sin saldo", messageId)
                    .update();
        });
    }

    @PostMapping("/webhooks/voice/status")
    ResponseEntity<String> status(HttpServletRequest request) {
        if (!signed(request)) return forbidden();
        String sid = request.getParameter("CallSid");
        if (sid != null && machineEnd(request.getParameter("AnsweredBy"))) {
            system.sql("""
                    select message_id from contact_provider_message where provider = 'voice' and provider_message_id = ?
                     order by message_id desc limit 1""").param(sid)
                    .query(Long.class).optional().ifPresent(id -> voicemailLeft(id, request.getParameter("AnsweredBy")));
        }
        String callStatus = request.getParameter("CallStatus");
        String status = callStatus == null ? null : switch (callStatus) {
            case "completed" -> "DELIVERED";
            case "busy", "no-answer", "failed", "canceled" -> "FAILED";
            default -> null;
        };
        if (sid != null && status != null) {
            String detail = "FAILED".equals(status) ? "call " + callStatus
                    + (request.getParameter("ErrorCode") == null ? "" : " error " + request.getParameter("ErrorCode")) : null;
            statuses.report("voice", sid, status, detail);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/webhooks/voice/gather")
    ResponseEntity<String> gather(@RequestParam("m") long messageId, HttpServletRequest request) {
        if (!signed(request)) return forbidden();
        Optional<Call> call = call(messageId, request.getParameter("CallSid"));
        if (call.isEmpty()) return twiml(VoiceScript.reply("Gracias. Hasta luego.", properties.voice()));
        Call c = call.get();
        String digits = request.getParameter("Digits");
        if ("1".equals(digits)) {
            inbound.agentRequestedByKeypad(c.org(), c.customerId(), messageId, c.address(), c.sid() + ":1",
                    "Tecla 1: pidió hablar con un asesor",
                    "Pidió hablar con un asesor (marcó 1 en la llamada automática); devolver la llamada.");
            if (properties.agentNumber() != null && !properties.agentNumber().isBlank()) {
                return twiml(VoiceScript.dial("Le comunicamos con un asesor.", properties.agentNumber(), properties.from(),
                        properties.voice()));
            }
            return twiml(VoiceScript.reply("Gracias. Un asesor le llamará en breve.", properties.voice()));
        }
        if ("2".equals(digits)) {
            return twiml(VoiceScript.askDay(properties.callback("/webhooks/voice/promise?m=" + messageId), properties.voice()));
        }
        return twiml(VoiceScript.menuAgain(properties.callback("/webhooks/voice/gather?m=" + messageId), properties.voice()));
    }

    @PostMapping("/webhooks/voice/promise")
    ResponseEntity<String> promise(@RequestParam("m") long messageId, HttpServletRequest request) {
        if (!signed(request)) return forbidden();
        Optional<Call> call = call(messageId, request.getParameter("CallSid"));
        if (call.isEmpty()) return twiml(VoiceScript.reply("Gracias. Hasta luego.", properties.voice()));
        Call c = call.get();
        String digits = request.getParameter("Digits");
        String reply = TenantContext.call(c.org(), () -> promiseOf(c, messageId, digits));
        return twiml(VoiceScript.reply(reply, properties.voice()));
    }

    private String promiseOf(Call c, long messageId, String digits) {
        Due due = jdbc.sql("""
                select c.external_id, b.balance, b.currency, coalesce(c.time_zone, o.time_zone)
                  from customer c join organization o on o.id = c.org_id
                  left join customer_balance b on b.customer_id = c.id
                 where c.id = ? order by b.balance desc nulls last limit 1""")
                .param(c.customerId()).query((rs, i) -> new Due(rs.getString(1), rs.getBigDecimal(2), rs.getString(3),
                        rs.getString(4))).single();
        LocalDate today = LocalDate.now(clock.withZone(zone(due.zone())));
        Optional<LocalDate> day = VoiceScript.nextDay(digits, today);
        String eventId = c.sid() + ":2";
        if (day.isEmpty() || due.amount() == null || due.amount().signum() <= 0) {
            inbound.keypad(c.org(), c.customerId(), messageId, c.address(), eventId,
                    "Tecla 2: promesa de pago, día no válido (" + digits + ")",
                    "Quiso prometer un pago en la llamada automática pero el día marcado no fue válido (" + digits + "); devolver la llamada.");
            return "No pudimos registrar ese día. Un asesor le llamará para acordar su pago. Gracias.";
        }
        try {
            PromiseTaker.Taken made = promises.take(c.customerId(), due.externalId(), due.amount(), due.currency(), day.get(),
                    "VOICE", "voice:" + c.sid());
            inbound.keypad(c.org(), c.customerId(), messageId, c.address(), eventId,
                    "Tecla 2: promesa de pago de " + made.amount().toPlainString() + " " + made.currency() + " para el "
                    + made.dueDate().format(DATE), null);
            return "Gracias. Registramos su promesa de pago de " + VoiceScript.amount(made.amount(), made.currency())
                    + " para el " + VoiceScript.spokenDate(made.dueDate()) + ". Hasta luego.";
        } catch (RuntimeException e) {
            log.info("Promise keyed in call {} refused: {}", c.sid(), e.getMessage());
            inbound.keypad(c.org(), c.customerId(), messageId, c.address(), eventId,
                    "Tecla 2: promesa para el " + day.get().format(DATE) + " no registrada: " + e.getMessage(),
                    "Quiso prometer un pago para el " + day.get().format(DATE) + " en la llamada automática, pero la política "
                    + "de promesas no lo permite; devolver la llamada para acordarlo.");
            return "No pudimos registrar esa fecha. Un asesor le llamará para acordar su pago. Gracias.";
        }
    }

    record Due(String externalId, BigDecimal amount, String currency, String zone) {}

    record Call(UUID org, long customerId, String address, String sid) {}

    /** The message a callback is about; the call sid must be the one recorded for it (when recorded yet). */
    private Optional<Call> call(long messageId, String callSid) {
        if (callSid == null || callSid.isBlank()) return Optional.empty();
        return system.sql("""
                select org_id, customer_id, address, provider_message_id from contact_message
                 where id = ? and channel = 'VOICE' and provider = 'voice'""")
                .param(messageId)
                .query((rs, i) -> new Object[]{rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4)})
                .optional()
                .filter(r -> r[3] == null || r[3].equals(callSid))
                .map(r -> new Call((UUID) r[0], (Long) r[1], (String) r[2], callSid));
    }

    /** Checks the signature over the public URL (as the provider called it) and the POST parameters only. */
    private boolean signed(HttpServletRequest request) {
        String url = properties.callback(request.getRequestURI())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Map<String, List<String>> fromQuery = new HashMap<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                String[] kv = pair.split("=", 2);
                fromQuery.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String> post = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            List<String> rest = new ArrayList<>(List.of(values));
            fromQuery.getOrDefault(name, List.of()).forEach(rest::remove);
            if (!rest.isEmpty()) post.put(name, rest.getFirst());
        });
        boolean ok = Signatures.validTwilioSignature(request.getHeader("X-Twilio-Signature"), url, post, properties.authToken());
        if (!ok) log.warn("Voice callback with a bad signature refused: {}", request.getRequestURI());
        return ok;
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("America/Mexico_City");
        }
    }

    private static ResponseEntity<String> forbidden() {
        return ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body("bad signature");
    }

    private static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(XML).body(xml);
    }
}
