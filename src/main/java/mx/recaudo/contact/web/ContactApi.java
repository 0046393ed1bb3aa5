package mx.recaudo.contact.web;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactChecks;
import mx.recaudo.contact.ContactOptOuts;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactPreferences;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.contact.ContactTimeline;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import mx.recaudo.contact.guard.FrequencyCap;
import mx.recaudo.contact.guard.JurisdictionProfile;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact over the REST API: the guard's check, planning a message, opt-outs, templates with
 * preview and lint, and a customer's timeline. Customers are named by their external id.
 */
@RestController
@RequestMapping("/api/v1")
class ContactApi {
    private final Portfolio portfolio;
    private final ContactChecks checks;
    private final ContactOutbox outbox;
    private final ContactOptOuts optOuts;
    private final ContactTemplates templates;
    private final ContactTimeline timeline;
    private final mx.recaudo.contact.ContactProfiles profiles;
    private final ContactPreferences preferences;

    ContactApi(Portfolio portfolio, ContactChecks checks, ContactOutbox outbox, ContactOptOuts optOuts,
               ContactTemplates templates, ContactTimeline timeline, mx.recaudo.contact.ContactProfiles profiles,
               ContactPreferences preferences) {
        this.profiles = profiles;
        this.preferences = preferences;
        this.portfolio = portfolio;
        this.checks = checks;
        this.outbox = outbox;
        this.optOuts = optOuts;
        this.templates = templates;
        this.timeline = timeline;
    }

    record CheckRequest(String customer, String channel, String at, String address) {}

    /** {@code {"customer", "channel", "at"}} → {@code {"allowed", "reasons", "nextAllowedAt"}}. */
    @PostMapping("/contact-checks")
    ResponseEntity<?> check(@RequestBody(required = false) CheckRequest body) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        if (body == null) body = new CheckRequest(null, null, null, null);
        Optional<Long> customer = customer(body.customer(), problems);
        Channel channel = channel(body.channel(), problems);
        Instant at = instant(body.at(), problems);
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        if (customer.isEmpty()) return notFound();
        var check = checks.check(customer.get(), channel, body.address(), at).orElseThrow();
        return ResponseEntity.ok(new CheckResponse(check.allowed(), check.reasons(), check.nextAllowedAt()));
    }

    /** nextAllowedAt is always written: null means the contact is never allowed (dropped). */
    record CheckResponse(boolean allowed, List<ContactChecks.CheckReason> reasons,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                         Instant nextAllowedAt) {}

    record MessageRequest(String customer, String channel, String address, Long template, String subject, String body,
                          String at) {}

    /** Plans a message through the guard: 201 with its id, status (QUEUED or BLOCKED), reasons and moment. */
    @PostMapping("/contact-messages")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<?> plan(@RequestBody(required = false) MessageRequest body) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        if (body == null) body = new MessageRequest(null, null, null, null, null, null, null);
        Optional<Long> customer = customer(body.customer(), problems);
        Channel channel = channel(body.channel(), problems);
        Instant at = body.at() == null ? null : instant(body.at(), problems);
        if (body.template() == null && (body.body() == null || body.body().isBlank())) {
            problems.add(new ApiError.FieldProblem("body", "Indique una plantilla o el texto", "Give a template or a body"));
        }
        if (body.template() != null) {
            var template = templates.find(body.template());
            if (template.isEmpty()) {
                problems.add(new ApiError.FieldProblem("template", "No existe esa plantilla", "No such template"));
            } else {
                // a real message never shows the editor's sample text for what only the organization can say
                List<String> missing = ContactTemplates.unconfiguredIn(template.get(), templates.unconfiguredVariables());
                if (!missing.isEmpty()) {
                    problems.add(new ApiError.FieldProblem("template",
                            "La plantilla usa datos que la organización aún no ha configurado: " + String.join(", ", missing),
                            "The template uses values the organization has not configured yet: " + String.join(", ", missing)));
                }
            }
        }
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        if (customer.isEmpty()) return notFound();
        var planned = outbox.plan(new ContactOutbox.Plan(customer.get(), channel, body.address(), body.template(),
                body.subject(), body.body(), at));
        return ResponseEntity.status(HttpStatus.CREATED).body(planned);
    }

    record OptOutRequest(String channel, String address) {}

    @PostMapping("/customers/{externalId}/opt-outs")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<?> optOut(@PathVariable String externalId, @RequestBody(required = false) OptOutRequest body) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        Channel channel = channel(body == null ? null : body.channel(), problems);
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        Optional<Long> customer = portfolio.findIdByExternalId(externalId);
        if (customer.isEmpty()) return notFound();
        boolean created = optOuts.optOut(customer.get(), channel, body.address(), "API");
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("created", created, "optOuts", optOuts.of(customer.get())));
    }

    record PreferencesRequest(List<InconvenientTimeForms.Input> inconvenientTimes) {}

    record PreferencesResponse(String customer, List<InconvenientTimeForms.Output> inconvenientTimes) {}

    /** The times and days the customer asked not to be contacted, in the customer's time zone. */
    @GetMapping("/customers/{externalId}/contact-preferences")
    ResponseEntity<?> preferences(@PathVariable String externalId) {
        return portfolio.findIdByExternalId(externalId)
                .<ResponseEntity<?>>map(id -> ResponseEntity.ok(preferencesOf(externalId, id)))
                .orElseGet(ContactApi::notFound);
    }

    /**
     * Replaces them as a whole ({@code {"inconvenientTimes": [{"channel", "days", "from", "to"}]}},
     * an empty list removes them all): 400 with every problem and nothing saved, or 200 with the set
     * and whether it changed. The same set again changes nothing and is not audited again.
     */
    @PutMapping("/customers/{externalId}/contact-preferences")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<?> savePreferences(@PathVariable String externalId, @RequestBody(required = false) PreferencesRequest body) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        var times = InconvenientTimeForms.parse(body == null ? null : body.inconvenientTimes(), problems);
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        Optional<Long> customer = portfolio.findIdByExternalId(externalId);
        if (customer.isEmpty()) return notFound();
        boolean changed = preferences.replace(customer.get(), times, "API");
        var saved = preferencesOf(externalId, customer.get());
        return ResponseEntity.ok(Map.of("changed", changed, "customer", saved.customer(),
                "inconvenientTimes", saved.inconvenientTimes()));
    }

    private PreferencesResponse preferencesOf(String externalId, long id) {
        return new PreferencesResponse(externalId, preferences.inconvenientTimes(id).stream()
                .map(s -> InconvenientTimeForms.Output.of(s.time())).toList());
    }

    @GetMapping("/customers/{externalId}/contact-timeline")
    ResponseEntity<?> timeline(@PathVariable String externalId) {
        return portfolio.findIdByExternalId(externalId)
                .<ResponseEntity<?>>map(id -> ResponseEntity.ok(Map.of("items", timeline.of(id))))
                .orElseGet(ContactApi::notFound);
    }

    @GetMapping("/contact-templates")
    Map<String, Object> templates() {
        return Map.of("items", templates.list());
    }

    record TemplateRequest(String name, String channel, String language, String tone, Boolean firstContact,
                           String subject, String body) {}

    @PostMapping("/contact-templates")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    ResponseEntity<?> saveTemplate(@RequestBody(required = false) TemplateRequest body) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        if (body == null) body = new TemplateRequest(null, null, null, null, null, null, null);
        Channel channel = channel(body.channel(), problems);
        if (body.name() == null || body.name().isBlank()) {
            problems.add(new ApiError.FieldProblem("name", "Falta el nombre", "Name is required"));
        }
        if (body.body() == null || body.body().isBlank()) {
            problems.add(new ApiError.FieldProblem("body", "Falta el texto", "Body is required"));
        } else {
            var unknown = mx.recaudo.contact.template.TemplateText.unknownVariables(body.body());
            if (!unknown.isEmpty()) {
                problems.add(new ApiError.FieldProblem("body", "Variables desconocidas: " + unknown, "Unknown variables: " + unknown));
            }
        }
        if (body.tone() != null && !List.of("FRIENDLY", "NEUTRAL", "FIRM").contains(body.tone())) {
            problems.add(new ApiError.FieldProblem("tone", "Tono: FRIENDLY, NEUTRAL o FIRM", "Tone: FRIENDLY, NEUTRAL or FIRM"));
        }
        if (!problems.isEmpty()) return ResponseEntity.badRequest().body(new ApiError("invalid_request", problems));
        var draft = new ContactTemplates.Draft(body.name(), channel, body.language(), body.tone(),
                Boolean.TRUE.equals(body.firstContact()), body.subject(), body.body());
        long id = templates.save(draft);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "warnings", templates.lint(draft, null)));
    }

    @GetMapping("/contact-templates/{id}/preview")
    ResponseEntity<?> preview(@PathVariable long id, @RequestParam String customer) {
        Optional<Long> c = portfolio.findIdByExternalId(customer);
        if (c.isEmpty() || templates.find(id).isEmpty()) return notFound();
        return ResponseEntity.ok(templates.preview(id, c.get()));
    }

    /** The organization's jurisdiction profile with its editable values. */
    @GetMapping("/contact-profile")
    JurisdictionProfile profile() {
        return profiles.current();
    }

    record ProfileRequest(String code, String earliest, String latest, List<String> days, Boolean mexicanHolidays,
                          List<CapRequest> caps, Integer pauseAfterConversation, List<String> optOutLine,
                          Boolean firstContactDisclosures) {}

    record CapRequest(String channel, int max, String window) {}

    /** Picks a built-in profile ({@code code} alone) or edits its values; audited. */
    @PutMapping("/contact-profile")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<?> saveProfile(@RequestBody ProfileRequest r) {
        JurisdictionProfile base;
        try {
            base = JurisdictionProfile.byCode(r.code());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_request", "code",
                    "Perfil desconocido: MX-CONDUSEF, MX-PROFECO o US-REGF", "Unknown profile: MX-CONDUSEF, MX-PROFECO or US-REGF"));
        }
        try {
            JurisdictionProfile p = new JurisdictionProfile(base.code(),
                    r.earliest() == null ? base.earliest() : LocalTime.parse(r.earliest()),
                    r.latest() == null ? base.latest() : LocalTime.parse(r.latest()),
                    r.days() == null ? base.days() : r.days().stream().map(d -> DayOfWeek.valueOf(d.toUpperCase(java.util.Locale.ROOT))).collect(Collectors.toSet()),
                    r.mexicanHolidays() == null ? base.mexicanHolidays() : r.mexicanHolidays(),
                    r.caps() == null ? base.caps() : r.caps().stream().map(c -> new FrequencyCap(Channel.parse(c.channel()), c.max(), Duration.parse(c.window()))).toList(),
                    r.pauseAfterConversation() == null ? base.pauseAfterConversation() : r.pauseAfterConversation(),
                    r.optOutLine() == null ? base.optOutLine() : r.optOutLine().stream().map(Channel::parse).collect(Collectors.toSet()),
                    r.firstContactDisclosures() == null ? base.firstContactDisclosures() : r.firstContactDisclosures());
            profiles.save(p);
            return ResponseEntity.ok(p);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_request", "profile",
                    "Valores no válidos (horas HH:MM, días MONDAY…, ventanas ISO-8601 como P7D): " + e.getMessage(),
                    "Invalid values (hours HH:MM, days MONDAY…, windows ISO-8601 like P7D): " + e.getMessage()));
        }
    }

    private Optional<Long> customer(String externalId, List<ApiError.FieldProblem> problems) {
        if (externalId == null || externalId.isBlank()) {
            problems.add(new ApiError.FieldProblem("customer", "Falta el número de cliente", "customer (external id) is required"));
            return Optional.empty();
        }
        return portfolio.findIdByExternalId(externalId.strip());
    }

    private static Channel channel(String value, List<ApiError.FieldProblem> problems) {
        try {
            return Channel.parse(value);
        } catch (RuntimeException e) {
            problems.add(new ApiError.FieldProblem("channel", "Canal desconocido; use uno de " + Arrays.toString(Channel.values()),
                    "Unknown channel; use one of " + Arrays.toString(Channel.values())));
            return null;
        }
    }

    private static Instant instant(String value, List<ApiError.FieldProblem> problems) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new ApiError.FieldProblem("at", "Fecha y hora ISO-8601 con zona, p. ej. 2025-03-04T16:00:00Z",
                    "An ISO-8601 instant, e.g. 2025-03-04T16:00:00Z"));
            return null;
        }
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "customer",
                "No existe ese cliente", "No such customer"));
    }
}
