package mx.recaudo.contact;

import mx.recaudo.contact.template.SmsEncoding;
import mx.recaudo.contact.template.TemplateLinter;
import mx.recaudo.contact.template.TemplateText;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Message templates per channel, language and tone; rendering with a customer's data; the linter. */
@Service
public class ContactTemplates {
    private final JdbcClient jdbc;
    private final ContactProfiles profiles;
    private final java.time.Clock clock;

    ContactTemplates(JdbcClient jdbc, ContactProfiles profiles, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * A template. {@code whatsappName}/{@code whatsappLanguage}: the template approved by Meta that
     * WhatsApp sends for it (its body parameters are this template's variables in order of first
     * appearance); null = sent as a session text message.
     */
    public record Template(long id, String name, Channel channel, String language, String tone, boolean firstContact,
                           String subject, String body, String whatsappName, String whatsappLanguage) {}

    public record Draft(String name, Channel channel, String language, String tone, boolean firstContact,
                        String subject, String body, String whatsappName, String whatsappLanguage) {
        public Draft(String name, Channel channel, String language, String tone, boolean firstContact, String subject,
                     String body) {
            this(name, channel, language, tone, firstContact, subject, body, null, null);
        }
    }

    public record Rendered(String subject, String body) {}

    public record Preview(Rendered rendered, List<TemplateLinter.Warning> warnings) {}

    @Transactional
    public long save(Draft d) {
        return jdbc.sql("""
                insert into contact_template (org_id, name, channel, language, tone, first_contact, subject, body,
                                              whatsapp_name, whatsapp_language)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (org_id, name, channel, language, tone) do update set first_contact = excluded.first_contact,
                  subject = excluded.subject, body = excluded.body, whatsapp_name = excluded.whatsapp_name,
                  whatsapp_language = excluded.whatsapp_language, updated_at = now()
                returning id""")
                .params(TenantContext.require(), d.name(), d.channel().name(), d.language() == null ? "es" : d.language(),
                        d.tone() == null ? "FRIENDLY" : d.tone(), d.firstContact(), d.subject(), d.body(),
                        blankToNull(d.whatsappName()), blankToNull(d.whatsappLanguage()))
                .query(Long.class).single();
    }

    /**
     * Installs the {@link StarterTemplates} the organization does not have yet (by name, channel,
     * language and tone); templates someone already edited are left as they are. Answers how many
     * were added.
     */
    @Transactional
    public int installStarterSet() {
        int added = 0;
        for (Draft d : StarterTemplates.all()) {
            added += jdbc.sql("""
                    insert into contact_template (org_id, name, channel, language, tone, first_contact, subject, body)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, name, channel, language, tone) do nothing""")
                    .params(TenantContext.require(), d.name(), d.channel().name(), d.language(), d.tone(), d.firstContact(),
                            d.subject(), d.body())
                    .update();
        }
        return added;
    }

    @Transactional(readOnly = true)
    public List<Template> list() {
        return jdbc.sql("select * from contact_template order by name, channel, language, tone").query(this::row).list();
    }

    @Transactional(readOnly = true)
    public Optional<Template> find(long id) {
        return jdbc.sql("select * from contact_template where id = ?").param(id).query(this::row).optional();
    }

    /** Lints a draft against the organization's profile, with a sample rendering for SMS length. */
    @Transactional(readOnly = true)
    public List<TemplateLinter.Warning> lint(Draft d, Long sampleCustomerId) {
        Map<String, String> values = sampleCustomerId == null ? sampleValues() : values(sampleCustomerId);
        String rendered = TemplateText.render(d.body(), values, false);
        return TemplateLinter.lint(d.channel(), d.firstContact(), d.subject(), d.body(), rendered, profiles.current(),
                TemplateLinter.DEFAULT_WORDS);
    }

    /**
     * A draft as this customer (or the sample customer when null) would see it, the linter's
     * warnings and, for SMS, how the text travels (encoding and segments). Nothing is saved.
     */
    @Transactional(readOnly = true)
    public DraftPreview previewDraft(Draft d, Long customerId) {
        Map<String, String> values = customerId == null ? sampleValues() : values(customerId);
        boolean html = d.body() != null && d.body().stripLeading().startsWith("<");
        Rendered r = new Rendered(TemplateText.render(d.subject(), values, false),
                TemplateText.render(d.body() == null ? "" : d.body(), values, html));
        List<TemplateLinter.Warning> warnings = new java.util.ArrayList<>();
        Set<String> unknown = TemplateText.unknownVariables(d.body());
        if (!unknown.isEmpty()) {
            warnings.add(new TemplateLinter.Warning("UNKNOWN_VARIABLE", "Variables desconocidas: " + unknown,
                    "Unknown variables: " + unknown));
        }
        warnings.addAll(TemplateLinter.lint(d.channel(), d.firstContact(), d.subject(), d.body() == null ? "" : d.body(),
                r.body(), profiles.current(), TemplateLinter.DEFAULT_WORDS));
        SmsEncoding sms = d.channel() == Channel.SMS ? SmsEncoding.of(r.body()) : null;
        return new DraftPreview(r, warnings, sms);
    }

    public record DraftPreview(Rendered rendered, List<TemplateLinter.Warning> warnings, SmsEncoding sms) {}

    /**
     * The WhatsApp template message for this template and customer, or empty when the template is
     * not mapped to an approved WhatsApp template: {@code {"template", "language", "parameters"}}.
     */
    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> whatsAppTemplate(long templateId, long customerId) {
        Template t = find(templateId).orElseThrow(() -> new IllegalArgumentException("No such template: " + templateId));
        if (t.whatsappName() == null) return Optional.empty();
        Map<String, String> values = values(customerId);
        List<String> parameters = TemplateText.variables(t.body()).stream().map(v -> values.getOrDefault(v, "")).toList();
        return Optional.of(Map.of("template", t.whatsappName(),
                "language", t.whatsappLanguage() != null ? t.whatsappLanguage() : "es_MX", "parameters", parameters));
    }

    /** The template as this customer would see it, and the linter's warnings. */
    @Transactional(readOnly = true)
    public Preview preview(long templateId, long customerId) {
        Template t = find(templateId).orElseThrow();
        Rendered r = render(t, values(customerId));
        return new Preview(r, TemplateLinter.lint(t.channel(), t.firstContact(), t.subject(), t.body(), r.body(),
                profiles.current(), TemplateLinter.DEFAULT_WORDS));
    }

    @Transactional(readOnly = true)
    public Rendered render(long templateId, long customerId) {
        return render(find(templateId).orElseThrow(() -> new IllegalArgumentException("No such template: " + templateId)),
                values(customerId));
    }

    private static Rendered render(Template t, Map<String, String> values) {
        boolean html = t.body().stripLeading().startsWith("<");
        return new Rendered(TemplateText.render(t.subject(), values, false), TemplateText.render(t.body(), values, html));
    }

    /** The values of the variables for one customer of the bound organization. */
    Map<String, String> values(long customerId) {
        Map<String, String> v = new HashMap<>(sampleValues());
        jdbc.sql("""
                select c.name, c.customer_type, c.external_id,
                       coalesce(c.oldest_unpaid_due_date, (select min(b.oldest_unpaid_due_date) from customer_balance b where b.customer_id = c.id)) as oldest_unpaid_due_date, o.name as org_name,
                       o.legal_name, o.collector_identification,
                       (select b.balance from customer_balance b where b.customer_id = c.id order by b.balance desc limit 1) as due,
                       (select b.currency from customer_balance b where b.customer_id = c.id order by b.balance desc limit 1) as currency,
                       (select ob.external_id from obligation ob where ob.customer_id = c.id order by ob.due_date limit 1) as contract
                  from customer c join organization o on o.id = c.org_id where c.id = ?""")
                .param(customerId).query(rs -> {
                    String name = rs.getString("name");
                    v.put("fullName", name);
                    v.put("firstName", "PERSON".equals(rs.getString("customer_type")) ? name.strip().split("\\s+")[0] : name);
                    v.put("reference", rs.getString("external_id"));
                    v.put("contract", rs.getString("contract") == null ? rs.getString("external_id") : rs.getString("contract"));
                    LocalDate due = rs.getObject("oldest_unpaid_due_date", LocalDate.class);
                    v.put("dueDate", due == null ? "" : due.format(DATE));
                    BigDecimal amount = rs.getBigDecimal("due");
                    v.put("amountDue", amount == null ? "$0.00" : money(amount, rs.getString("currency")));
                    v.put("company", rs.getString("org_name"));
                    v.put("creditor", rs.getString("legal_name"));
                    if (rs.getString("collector_identification") != null) {
                        v.put("companyContact", rs.getString("collector_identification"));
                    }
                    v.put("paymentLink", "https://pagos.recaudo.mx/r/" + rs.getString("external_id"));
                });
        v.put("asOfDate", LocalDate.now(clock.withZone(java.time.ZoneId.of("America/Mexico_City"))).format(DATE));
        v.put("agent", currentAgent());
        return v;
    }

    static Map<String, String> sampleValues() {
        Map<String, String> v = new HashMap<>();
        v.put("firstName", "María");
        v.put("fullName", "María López Hernández");
        v.put("amountDue", "$1,250.00");
        v.put("dueDate", "15/03/2025");
        v.put("asOfDate", "01/03/2025");
        v.put("paymentLink", "https://pagos.recaudo.mx/r/C-1001");
        v.put("reference", "C-1001");
        v.put("contract", "C-1001");
        v.put("company", "Financiera Demo");
        v.put("creditor", "Financiera Demo, S.A. de C.V.");
        v.put("companyContact", "Av. Reforma 1, CDMX · 55 1234 5678 · Responsable: Área de Cobranza");
        v.put("agent", "Equipo de cobranza");
        v.put("settleConditions", "Puede liquidar en una exhibición o pedir un plan de pagos");
        v.put("complaintsUnit", "Unidad Especializada de Atención a Usuarios: une@financiera.mx, 55 8765 4321");
        v.put("paymentsOnlyToCreditor", "Los pagos se hacen únicamente a las cuentas de la entidad acreedora.");
        v.put("optOutLine", "Responde BAJA para no recibir más mensajes.");
        return v;
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static String money(BigDecimal amount, String currency) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "$" + f.format(amount) + ("MXN".equals(currency) || currency == null ? "" : " " + currency);
    }

    private static String currentAgent() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "Equipo de cobranza" : auth.getName();
    }

    private Template row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Template(rs.getLong("id"), rs.getString("name"), Channel.parse(rs.getString("channel")),
                rs.getString("language"), rs.getString("tone"), rs.getBoolean("first_contact"), rs.getString("subject"),
                rs.getString("body"), rs.getString("whatsapp_name"), rs.getString("whatsapp_language"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
