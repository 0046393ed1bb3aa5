package mx.recaudo.contact.template;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.guard.JurisdictionProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateLinterTests {
    static List<String> codes(List<TemplateLinter.Warning> warnings) {
        return warnings.stream().map(TemplateLinter.Warning::code).toList();
    }

    @Test
    void stigmatizingAndThreateningWordsAreFlaggedWithoutCaseOrAccents() {
        var w = TemplateLinter.lint(Channel.EMAIL, false, "Su DEUDA", "Evite el embargo y la CARCEL. Responda BAJA.", null,
                JurisdictionProfile.mxCondusef(), TemplateLinter.DEFAULT_WORDS);
        assertThat(w).extracting(TemplateLinter.Warning::messageEn)
                .anyMatch(m -> m.contains("deuda")).anyMatch(m -> m.contains("embargo")).anyMatch(m -> m.contains("cárcel"));
        assertThat(TemplateLinter.lint(Channel.EMAIL, false, "Hola", "Le ayudamos a ponerse al día. Responda BAJA.", null,
                JurisdictionProfile.mxCondusef(), TemplateLinter.DEFAULT_WORDS)).isEmpty();
    }

    @Test
    void wordsAreWholeWordsAndTheListIsConfigurable() {
        assertThat(codes(TemplateLinter.lint(Channel.VOICE, false, null, "Demandante satisfecho", null,
                JurisdictionProfile.mxCondusef(), List.of("demanda")))).isEmpty();
        assertThat(codes(TemplateLinter.lint(Channel.VOICE, false, null, "Pague ya, moroso", null,
                JurisdictionProfile.mxCondusef(), List.of("pague ya")))).containsExactly("STIGMATIZING_WORD");
    }

    @Test
    void smsAndEmailWithoutAnOptOutLineWarnWhereTheProfileNeedsIt() {
        assertThat(codes(TemplateLinter.lint(Channel.SMS, false, null, "Hola {{firstName}}", "Hola Ana",
                JurisdictionProfile.usRegF(), List.of()))).containsExactly("MISSING_OPT_OUT");
        assertThat(codes(TemplateLinter.lint(Channel.SMS, false, null, "Hola {{firstName}}. Reply STOP to opt out", "Hola Ana. Reply STOP to opt out",
                JurisdictionProfile.usRegF(), List.of()))).isEmpty();
        assertThat(codes(TemplateLinter.lint(Channel.VOICE, false, null, "Hola", null, JurisdictionProfile.usRegF(), List.of()))).isEmpty();
    }

    @Test
    void aFirstContactMustCarryEveryMx02Disclosure() {
        var missing = codes(TemplateLinter.lint(Channel.LETTER, true, null, "Estimado {{fullName}}: {{company}} le informa que adeuda {{amountDue}}.",
                null, JurisdictionProfile.mxCondusef(), List.of()));
        assertThat(missing).contains("MISSING_DISCLOSURE_collector", "MISSING_DISCLOSURE_complaintsUnit",
                "MISSING_DISCLOSURE_paymentsOnlyToCreditor").doesNotContain("MISSING_DISCLOSURE_agency", "MISSING_DISCLOSURE_amountAndDate");
        String complete = String.join(" ", TemplateLinter.MX02.values().stream().map(v -> "{{" + v.iterator().next() + "}}").toList());
        assertThat(codes(TemplateLinter.lint(Channel.LETTER, true, null, complete, null, JurisdictionProfile.mxCondusef(), List.of()))).isEmpty();
        assertThat(codes(TemplateLinter.lint(Channel.LETTER, true, null, "Hola", null, JurisdictionProfile.mxProfeco(), List.of()))).isEmpty();
    }

    @Test
    void smsLengthIsCountedInGsm7SeptetsOrUcs2Units() {
        assertThat(SmsEncoding.of("a".repeat(160))).isEqualTo(new SmsEncoding(true, 160, 1, ""));
        assertThat(SmsEncoding.of("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsEncoding.of("€".repeat(80))).isEqualTo(new SmsEncoding(true, 160, 1, ""));
        assertThat(SmsEncoding.of("Año, señor: está")).satisfies(e -> {
            assertThat(e.gsm7()).isFalse();
            assertThat(e.nonGsm()).isEqualTo("á");
        });
        assertThat(SmsEncoding.of("á".repeat(71)).segments()).isEqualTo(2);
        var w = codes(TemplateLinter.lint(Channel.SMS, false, null, "{{x}} BAJA", "Está " + "a".repeat(70) + " BAJA",
                JurisdictionProfile.mxCondusef(), List.of()));
        assertThat(w).containsExactly("SMS_UCS2", "SMS_SEGMENTS");
    }

    @Test
    void variablesAreRenderedAndEscapedInHtml() {
        assertThat(TemplateText.render("Hola {{ firstName }}, paga en {{paymentLink}}", Map.of("firstName", "<Ana>", "paymentLink", "x"), true))
                .isEqualTo("Hola &lt;Ana&gt;, paga en x");
        assertThat(TemplateText.unknownVariables("{{firstName}} {{saldo}}")).containsExactly("saldo");
    }

    @Test
    void aValueEndingInAPeriodTakesTheTemplatesPeriodInsteadOfDoublingIt() {
        Map<String, String> v = Map.of("creditor", "Financiera, S.A. de C.V., SOFOM, E.N.R.", "company", "Financiera");
        assertThat(TemplateText.render("Por cuenta de {{creditor}}. Gracias", v, false))
                .isEqualTo("Por cuenta de Financiera, S.A. de C.V., SOFOM, E.N.R. Gracias");
        assertThat(TemplateText.render("{{creditor}}.", v, false)).isEqualTo("Financiera, S.A. de C.V., SOFOM, E.N.R.");
        assertThat(TemplateText.render("De {{company}}. Gracias", v, false)).isEqualTo("De Financiera. Gracias");
        assertThat(TemplateText.render("{{creditor}}...", v, false)).as("an ellipsis stays")
                .isEqualTo("Financiera, S.A. de C.V., SOFOM, E.N.R....");
    }
}
