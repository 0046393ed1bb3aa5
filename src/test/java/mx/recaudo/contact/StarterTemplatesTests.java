package mx.recaudo.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.template.SmsEncoding;
import mx.recaudo.contact.template.TemplateLinter;
import mx.recaudo.contact.template.TemplateText;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter templates: one per (template, channel) the default ladder can plan, its fallback
 * channels included, in es and en, clean under the linter, worded for the stage.
 */
class StarterTemplatesTests {
    static final Map<String, Channel> MESSAGE_ACTIONS = Map.of("SMS", Channel.SMS, "WHATSAPP", Channel.WHATSAPP,
            "EMAIL", Channel.EMAIL, "VOICE_BLASTER", Channel.VOICE, "LETTER", Channel.LETTER);

    /** The message steps of the default ladder as the strategy module ships it: template name and channel. */
    static List<Map.Entry<String, Channel>> ladder() throws Exception {
        List<Map.Entry<String, Channel>> steps = new ArrayList<>();
        try (InputStream in = StarterTemplatesTests.class.getResourceAsStream("/strategy/default-strategies.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode strategy : root.get("strategies")) {
                for (JsonNode variant : strategy.get("variants")) {
                    for (JsonNode step : variant.get("steps")) {
                        Channel channel = MESSAGE_ACTIONS.get(step.get("action").asText());
                        if (channel != null) steps.add(Map.entry(step.get("template").asText(), channel));
                    }
                }
            }
        }
        return steps;
    }

    /** Actions that need no contact data (a legal referral) are always planned as they are: no fallback. */
    static final Set<String> NEEDS_NO_CONTACT = Set.of("LEGAL_REFERRAL");

    /**
     * Every (template, channel) the default ladder can plan: each message step on its own channel and,
     * as the daily planner falls back when the customer cannot be reached on the step's action, each
     * step (agent calls too) on the strategy's fallback channels after the step's own action in that
     * order (all of them when the action is not in it). The step keeps its template name.
     */
    static Set<Map.Entry<String, Channel>> ladderPairs() throws Exception {
        Set<Map.Entry<String, Channel>> pairs = new LinkedHashSet<>();
        try (InputStream in = StarterTemplatesTests.class.getResourceAsStream("/strategy/default-strategies.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode strategy : root.get("strategies")) {
                List<String> fallback = new ArrayList<>();
                strategy.path("fallback").forEach(f -> fallback.add(f.asText()));
                for (JsonNode variant : strategy.get("variants")) {
                    for (JsonNode step : variant.get("steps")) {
                        String action = step.get("action").asText();
                        String template = step.get("template").asText();
                        if (MESSAGE_ACTIONS.containsKey(action)) pairs.add(Map.entry(template, MESSAGE_ACTIONS.get(action)));
                        if (NEEDS_NO_CONTACT.contains(action)) continue;
                        int at = fallback.indexOf(action);
                        for (String f : at >= 0 ? fallback.subList(at + 1, fallback.size()) : fallback) {
                            assertThat(MESSAGE_ACTIONS).as("fallback %s is a message channel", f).containsKey(f);
                            pairs.add(Map.entry(template, MESSAGE_ACTIONS.get(f)));
                        }
                    }
                }
            }
        }
        return pairs;
    }

    @Test
    void everyTemplateAndChannelTheDefaultLadderCanPlanWithItsFallbacksHasATemplateInSpanishAndEnglish() throws Exception {
        Set<Map.Entry<String, Channel>> pairs = ladderPairs();
        assertThat(pairs).as("the ladder's fallbacks put steps on other channels")
                .contains(Map.entry("aviso-vencimiento", Channel.EMAIL), Map.entry("guion-cobranza", Channel.EMAIL),
                        Map.entry("guion-liquidacion", Channel.WHATSAPP), Map.entry("recordatorio-previo", Channel.EMAIL))
                .doesNotContain(Map.entry("turnado-juridico", Channel.EMAIL));
        List<String> missing = new ArrayList<>();
        for (var pair : pairs) {
            for (String language : List.of("es", "en")) {
                if (StarterTemplates.all().stream().noneMatch(d -> d.name().equals(pair.getKey()) && d.channel() == pair.getValue()
                        && d.language().equals(language))) {
                    missing.add(pair.getKey() + " " + pair.getValue() + " " + language);
                }
            }
        }
        assertThat(missing).as("(template, channel, language) without a starter template").isEmpty();
        assertThat(StarterTemplates.all()).as("one template per name, channel, language and tone")
                .extracting(d -> d.name() + d.channel() + d.language() + d.tone()).doesNotHaveDuplicates();
    }

    @Test
    void theWordingFitsTheStage() {
        for (ContactTemplates.Draft d : StarterTemplates.all()) {
            String text = ((d.subject() == null ? "" : d.subject()) + " " + d.body()).toLowerCase(java.util.Locale.ROOT);
            String as = d.name() + " " + d.channel() + " " + d.language();
            switch (d.name()) {
                case "recordatorio-previo" -> assertThat(text).as(as).containsAnyOf("vence el", "is due on")
                        .doesNotContain("pendiente", "pending", "venció", "overdue");
                case "guion-liquidacion" -> {
                    assertThat(d.tone()).as(as).isEqualTo("FIRM");
                    assertThat(text).as(as).containsAnyOf("liquidar", "settle");
                }
                default -> assertThat(text).as(as).containsAnyOf("pendiente", "pending", "venció", "past due", "was due");
            }
        }
    }

    @Test
    void anSmsFitsInOneMessageEvenWithALongCompanyNameAndReference() {
        Map<String, String> values = new java.util.HashMap<>(ContactTemplates.sampleValues());
        values.put("company", "Financiera Demo del Centro");
        values.put("amountDue", "$125,250.00");
        values.put("reference", "CR-000123456");
        values.put("paymentLink", "https://pagos.recaudo.mx/r/CR-000123456");
        for (ContactTemplates.Draft d : StarterTemplates.all()) {
            if (d.channel() != Channel.SMS) continue;
            SmsEncoding sms = SmsEncoding.of(TemplateText.render(d.body(), values, false));
            assertThat(sms.gsm7()).as("%s %s GSM-7 (%s)", d.name(), d.language(), sms.nonGsm()).isTrue();
            assertThat(sms.segments()).as("%s %s: %s septets", d.name(), d.language(), sms.units()).isEqualTo(1);
        }
    }

    @Test
    void everyMessageChannelOfTheDefaultLadderHasATemplateInSpanishAndEnglish() throws Exception {
        List<Map.Entry<String, Channel>> steps = ladder();
        assertThat(steps).extracting(Map.Entry::getValue)
                .containsExactlyInAnyOrder(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE, Channel.LETTER);
        for (var step : steps) {
            for (String language : List.of("es", "en")) {
                assertThat(StarterTemplates.all()).as("%s %s %s", step.getKey(), step.getValue(), language)
                        .anyMatch(d -> d.name().equals(step.getKey()) && d.channel() == step.getValue() && d.language().equals(language));
            }
        }
    }

    @Test
    void everyStarterTemplatePassesTheLinterUnderEveryBuiltInProfileAndIdentifiesTheCollector() {
        Map<String, String> sample = ContactTemplates.sampleValues();
        for (ContactTemplates.Draft d : StarterTemplates.all()) {
            assertThat(TemplateText.unknownVariables((d.subject() == null ? "" : d.subject()) + d.body())).as(d.name()).isEmpty();
            String rendered = TemplateText.render(d.body(), sample, false);
            for (JurisdictionProfile p : List.of(JurisdictionProfile.mxCondusef(), JurisdictionProfile.mxProfeco(),
                    JurisdictionProfile.usRegF())) {
                assertThat(TemplateLinter.lint(d.channel(), d.firstContact(), d.subject(), d.body(), rendered, p,
                        TemplateLinter.DEFAULT_WORDS)).as("%s %s %s under %s", d.name(), d.channel(), d.language(), p.code()).isEmpty();
            }
            assertThat(TemplateText.variables(d.body())).as("who collects: %s %s", d.name(), d.channel()).contains("company");
            assertThat(rendered).as("no doubled period: %s %s %s", d.name(), d.channel(), d.language()).doesNotContain("..");
            if (d.channel() != Channel.SMS) {
                assertThat(TemplateText.variables(d.body())).as("on whose behalf and how to reach them: %s", d.name())
                        .contains("creditor", "companyContact");
            }
        }
        assertThat(StarterTemplates.all()).filteredOn(d -> d.channel() == Channel.LETTER)
                .allSatisfy(d -> assertThat(d.firstContact()).as("the letter carries every MX-02 disclosure").isTrue());
    }
}
