package mx.recaudo.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.guard.FrequencyCap;
import mx.recaudo.contact.guard.JurisdictionProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The bound organization's jurisdiction profile: MX-CONDUSEF until someone picks or edits another. */
@Service
public class ContactProfiles {
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;

    ContactProfiles(JdbcClient jdbc, ObjectMapper json, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public JurisdictionProfile current() {
        return jdbc.sql("select * from contact_profile where org_id = recaudo_current_org()").query((rs, i) -> {
            try {
                List<Map<String, Object>> caps = json.readValue(rs.getString("caps"), new TypeReference<>() {});
                return new JurisdictionProfile(rs.getString("code"), rs.getObject("earliest", LocalTime.class),
                        rs.getObject("latest", LocalTime.class),
                        strings(rs.getArray("days")).stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                        rs.getBoolean("mexican_holidays"),
                        caps.stream().map(c -> new FrequencyCap(Channel.parse((String) c.get("channel")),
                                ((Number) c.get("max")).intValue(), Duration.parse((String) c.get("window")))).toList(),
                        rs.getInt("pause_after_conversation"),
                        strings(rs.getArray("opt_out_line")).stream().map(Channel::parse).collect(Collectors.toSet()),
                        rs.getBoolean("first_contact_disclosures"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).optional().orElseGet(JurisdictionProfile::mxCondusef);
    }

    /** Saves the organization's profile (a built-in one or edited values) and audits the change. */
    @Transactional
    public void save(JurisdictionProfile p) {
        String caps;
        try {
            caps = json.writeValueAsString(p.caps().stream().map(c -> Map.of("channel", c.channel().name(),
                    "max", c.max(), "window", c.window().toString())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String[] days = p.days().stream().sorted().map(Enum::name).toArray(String[]::new);
        String[] optOut = p.optOutLine().stream().sorted().map(Enum::name).toArray(String[]::new);
        jdbc.sql("""
                insert into contact_profile (org_id, code, earliest, latest, days, mexican_holidays, caps,
                                             pause_after_conversation, opt_out_line, first_contact_disclosures, updated_at)
                values (recaudo_current_org(), ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())
                on conflict (org_id) do update set code = excluded.code, earliest = excluded.earliest,
                  latest = excluded.latest, days = excluded.days, mexican_holidays = excluded.mexican_holidays,
                  caps = excluded.caps, pause_after_conversation = excluded.pause_after_conversation,
                  opt_out_line = excluded.opt_out_line, first_contact_disclosures = excluded.first_contact_disclosures,
                  updated_at = now()""")
                .params(p.code(), p.earliest(), p.latest(), days, p.mexicanHolidays(), caps,
                        p.pauseAfterConversation(), optOut, p.firstContactDisclosures())
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", p.code());
        details.put("hours", p.earliest() + "-" + p.latest());
        details.put("days", Arrays.asList(days));
        details.put("caps", caps);
        audit.record("CONTACT_PROFILE_CHANGED", "contact_profile", p.code(), details);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
}
