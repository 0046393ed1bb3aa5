package mx.recaudo.strategy;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactTemplates.Template;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of an organization's templates a planned channel action is sent with: the step's template
 * reference (the template's name) on the action's channel, in the customer's language (exact tag,
 * else the same language: "es" for "es-MX"), falling back to Spanish (es-MX); among those, the
 * segment's tone when a template has it, else the friendliest one there is. Plain Java: no database.
 */
final class HandoverTemplates {
    /** The language a customer without a template in their own language is written to. */
    static final String FALLBACK_LANGUAGE = "es-MX";

    private HandoverTemplates() {}

    /** The channel an action type goes out on through the outbox; null for agent work. */
    static Channel channelOf(ActionType type) {
        return switch (type) {
            case SMS -> Channel.SMS;
            case EMAIL -> Channel.EMAIL;
            case WHATSAPP -> Channel.WHATSAPP;
            case VOICE_BLASTER -> Channel.VOICE;
            case LETTER -> Channel.LETTER;
            case AGENT_CALL, DIALER_CAMPAIGN, FIELD_VISIT, LEGAL_REFERRAL -> null;
        };
    }

    static Optional<Template> choose(List<Template> templates, String name, Channel channel, String language, String tone) {
        if (name == null || channel == null) return Optional.empty();
        String wanted = language == null || language.isBlank() ? FALLBACK_LANGUAGE : language;
        return templates.stream()
                .filter(t -> t.name().equals(name) && t.channel() == channel)
                .filter(t -> languageRank(t.language(), wanted) < Integer.MAX_VALUE)
                .min(Comparator.<Template>comparingInt(t -> languageRank(t.language(), wanted))
                        .thenComparingInt(t -> toneRank(t.tone(), tone))
                        .thenComparingLong(Template::id));
    }

    /** 0 the customer's exact language, 1 the same primary language, 2 and 3 the Spanish fallback; MAX none. */
    static int languageRank(String template, String customer) {
        if (template == null) return Integer.MAX_VALUE;
        if (template.equalsIgnoreCase(customer)) return 0;
        if (primary(template).equals(primary(customer))) return 1;
        if (template.equalsIgnoreCase(FALLBACK_LANGUAGE)) return 2;
        if (primary(template).equals(primary(FALLBACK_LANGUAGE))) return 3;
        return Integer.MAX_VALUE;
    }

    private static int toneRank(String template, String wanted) {
        if (template == null) return 4;
        if (template.equalsIgnoreCase(wanted)) return 0;
        return switch (template.toUpperCase(Locale.ROOT)) {
            case "FRIENDLY" -> 1;
            case "NEUTRAL" -> 2;
            default -> 3;
        };
    }

    private static String primary(String tag) {
        int dash = tag.indexOf('-') >= 0 ? tag.indexOf('-') : tag.indexOf('_');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
