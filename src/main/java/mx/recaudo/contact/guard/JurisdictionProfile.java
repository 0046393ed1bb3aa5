package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The contact rules an organization works under (SPEC §13). The three built-in profiles hold the
 * defaults read from public summaries; every value can be edited per organization because the
 * rules change. Hours are the half-open interval [earliest, latest) in the customer's time zone and
 * apply to every channel except letters.
 *
 * @param pauseAfterConversation calls paused this many local days after a telephone conversation
 *                               (the conversation day counts as day 1); 0 = no pause
 * @param optOutLine             channels whose messages must carry an opt-out line (US-03)
 */
public record JurisdictionProfile(String code, LocalTime earliest, LocalTime latest, Set<DayOfWeek> days,
                                  boolean mexicanHolidays, List<FrequencyCap> caps, int pauseAfterConversation,
                                  Set<Channel> optOutLine, boolean firstContactDisclosures) {
    public static final String MX_CONDUSEF = "MX-CONDUSEF";
    public static final String MX_PROFECO = "MX-PROFECO";
    public static final String US_REGF = "US-REGF";

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    public JurisdictionProfile {
        if (!earliest.isBefore(latest)) throw new IllegalArgumentException("earliest must be before latest");
        if (days.isEmpty()) throw new IllegalArgumentException("at least one contact day");
        if (pauseAfterConversation < 0) throw new IllegalArgumentException("pause must not be negative");
        days = Set.copyOf(days);
        caps = List.copyOf(caps);
        optOutLine = Set.copyOf(optOutLine);
    }

    /**
     * CONDUSEF (financial entities): MX-01 07:00–22:00, Monday–Friday by default, federal holidays.
     * The caps are product defaults, not figures from the regulation: one message per channel per
     * day and three calls per day.
     */
    public static JurisdictionProfile mxCondusef() {
        return new JurisdictionProfile(MX_CONDUSEF, LocalTime.of(7, 0), LocalTime.of(22, 0), WEEKDAYS, true,
                mexicanCaps(), 0, Set.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL), true);
    }

    /** PROFECO (commercial creditors): Monday–Friday 07:00–22:00, federal holidays, the same default caps. */
    public static JurisdictionProfile mxProfeco() {
        return new JurisdictionProfile(MX_PROFECO, LocalTime.of(7, 0), LocalTime.of(22, 0), WEEKDAYS, true,
                mexicanCaps(), 0, Set.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL), false);
    }

    /**
     * CFPB Regulation F: US-01 08:00–21:00 local, every day; US-02 at most 7 calls in any rolling 7
     * days and none in the 7 days after a telephone conversation; US-03 opt-out line on email and texts.
     */
    public static JurisdictionProfile usRegF() {
        return new JurisdictionProfile(US_REGF, LocalTime.of(8, 0), LocalTime.of(21, 0), EnumSet.allOf(DayOfWeek.class),
                false, List.of(new FrequencyCap(Channel.VOICE, 7, Duration.ofDays(7))), 7,
                Set.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL), false);
    }

    public static JurisdictionProfile byCode(String code) {
        return switch (code == null ? MX_CONDUSEF : code.strip().toUpperCase(Locale.ROOT)) {
            case MX_PROFECO -> mxProfeco();
            case US_REGF -> usRegF();
            case MX_CONDUSEF -> mxCondusef();
            default -> throw new IllegalArgumentException("Unknown jurisdiction profile: " + code);
        };
    }

    public List<FrequencyCap> capsFor(Channel channel) {
        return caps.stream().filter(c -> c.channel() == channel).toList();
    }

    private static List<FrequencyCap> mexicanCaps() {
        return List.of(new FrequencyCap(Channel.SMS, 1, Duration.ofDays(1)),
                new FrequencyCap(Channel.WHATSAPP, 1, Duration.ofDays(1)),
                new FrequencyCap(Channel.EMAIL, 1, Duration.ofDays(1)),
                new FrequencyCap(Channel.VOICE, 3, Duration.ofDays(1)));
    }
}
