package mx.recaudo.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.template.TemplateLinter;
import mx.recaudo.contact.template.TemplateText;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter templates: one per channel of the default ladder, in es and en, clean under the linter. */
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
            if (d.channel() != Channel.SMS) {
                assertThat(TemplateText.variables(d.body())).as("on whose behalf and how to reach them: %s", d.name())
                        .contains("creditor", "companyContact");
            }
        }
        assertThat(StarterTemplates.all()).filteredOn(d -> d.channel() == Channel.LETTER)
                .allSatisfy(d -> assertThat(d.firstContact()).as("the letter carries every MX-02 disclosure").isTrue());
    }
}
