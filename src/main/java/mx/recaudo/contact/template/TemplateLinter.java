package mx.recaudo.contact.template;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.guard.JurisdictionProfile;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Warns about a template before anyone receives it: stigmatizing or threatening words (seed 004:
 * advise, don't confront; avoid "deuda", "deudor"), a missing opt-out line where the profile needs
 * one (US-03), a first contact without every MX-02 disclosure, and SMS length and encoding.
 */
public final class TemplateLinter {
    /** The default list; organizations may pass their own. Matched without case or accents, as whole words. */
    public static final List<String> DEFAULT_WORDS = List.of("deuda", "deudas", "deudor", "deudora", "deudores",
            "moroso", "morosa", "morosos", "embargo", "embargar", "cárcel", "prisión", "demanda", "demandar",
            "juzgado", "juez", "policía", "orden de aprehensión", "última advertencia", "consecuencias legales",
            "boletinar", "lista negra", "exhibir");

    /** MX-02: what a first contact must state, each satisfied by one of its variables. */
    public static final Map<String, Set<String>> MX02 = new java.util.LinkedHashMap<>();

    static {
        MX02.put("agency", Set.of("company"));
        MX02.put("collector", Set.of("agent"));
        MX02.put("agencyContact", Set.of("companyContact"));
        MX02.put("creditor", Set.of("creditor"));
        MX02.put("contract", Set.of("contract", "reference"));
        MX02.put("amountAndDate", Set.of("amountDue"));
        MX02.put("settleConditions", Set.of("settleConditions"));
        MX02.put("complaintsUnit", Set.of("complaintsUnit"));
        MX02.put("paymentsOnlyToCreditor", Set.of("paymentsOnlyToCreditor"));
    }

    private static final Pattern OPT_OUT = Pattern.compile("\\b(BAJA|STOP|ALTO|CANCELAR|unsubscribe|darse de baja|cancelar suscripci)",
            Pattern.CASE_INSENSITIVE);

    private TemplateLinter() {}

    public record Warning(String code, String messageEs, String messageEn) {}

    public static List<Warning> lint(Channel channel, boolean firstContact, String subject, String body, String rendered,
                                     JurisdictionProfile profile, List<String> words) {
        List<Warning> warnings = new ArrayList<>();
        String text = fold((subject == null ? "" : subject + " ") + body);
        for (String w : words) {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(fold(w)) + "(?![\\p{L}])").matcher(text).find()) {
                warnings.add(new Warning("STIGMATIZING_WORD",
                        "Evite «" + w + "»: prefiera un lenguaje de asesoría, no de confrontación",
                        "Avoid \"" + w + "\": prefer advice to confrontation"));
            }
        }
        if (profile.optOutLine().contains(channel) && !OPT_OUT.matcher(body).find()) {
            warnings.add(new Warning("MISSING_OPT_OUT", "Falta la línea para darse de baja (p. ej. «Responde BAJA»), que el perfil "
                    + profile.code() + " exige", "The opt-out line (e.g. \"Reply STOP\") required by profile " + profile.code() + " is missing"));
        }
        if (firstContact && profile.firstContactDisclosures()) {
            Set<String> used = TemplateText.variables((subject == null ? "" : subject) + body);
            MX02.forEach((item, vars) -> {
                if (vars.stream().noneMatch(used::contains)) {
                    warnings.add(new Warning("MISSING_DISCLOSURE_" + item,
                            "Primer contacto sin la revelación MX-02: " + item + " (use {{" + vars.iterator().next() + "}})",
                            "First contact lacks the MX-02 disclosure: " + item + " (use {{" + vars.iterator().next() + "}})"));
                }
            });
        }
        if (channel == Channel.SMS) {
            SmsEncoding e = SmsEncoding.of(rendered == null ? body : rendered);
            if (!e.gsm7()) {
                warnings.add(new Warning("SMS_UCS2", "El texto usa UCS-2 por «" + e.nonGsm() + "»: 70 caracteres por mensaje",
                        "The text needs UCS-2 because of \"" + e.nonGsm() + "\": 70 characters per message"));
            }
            if (e.segments() > 1) {
                warnings.add(new Warning("SMS_SEGMENTS", "El SMS ocupa " + e.segments() + " mensajes (" + e.units()
                        + (e.gsm7() ? " septetos GSM-7)" : " caracteres UCS-2)"),
                        "The SMS takes " + e.segments() + " messages (" + e.units() + (e.gsm7() ? " GSM-7 septets)" : " UCS-2 characters)")));
            }
        }
        return warnings;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
