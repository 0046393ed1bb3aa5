package mx.recaudo.strategy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one action costs the bound organization, for dry-run estimates. Defaults (MXN), when the
 * organization has not set its own:
 * <ul>
 *   <li>AGENT_CALL 22.50 — midpoint of 15–30 MXN per effective contact (seed 002);</li>
 *   <li>VOICE_BLASTER 1.13 — about a twentieth of an agent call (seed 002);</li>
 *   <li>DIALER_CAMPAIGN 11.25 — half an agent call (the dialer saves the agent's dialling time);</li>
 *   <li>SMS 0.35, WHATSAPP 0.60 (utility template), EMAIL 0.02 — typical Mexican aggregator prices;</li>
 *   <li>LETTER 25.00 (print and postage), FIELD_VISIT 250.00, LEGAL_REFERRAL 0 (paid on recovery).</li>
 * </ul>
 */
@Service
public class PriceList {
    static final Map<ActionType, BigDecimal> DEFAULTS = new EnumMap<>(Map.of(
            ActionType.AGENT_CALL, new BigDecimal("22.50"),
            ActionType.VOICE_BLASTER, new BigDecimal("1.13"),
            ActionType.DIALER_CAMPAIGN, new BigDecimal("11.25"),
            ActionType.SMS, new BigDecimal("0.35"),
            ActionType.WHATSAPP, new BigDecimal("0.60"),
            ActionType.EMAIL, new BigDecimal("0.02"),
            ActionType.LETTER, new BigDecimal("25.00"),
            ActionType.FIELD_VISIT, new BigDecimal("250.00"),
            ActionType.LEGAL_REFERRAL, BigDecimal.ZERO));
    static final String DEFAULT_CURRENCY = "MXN";

    public record Price(ActionType action, BigDecimal unitCost, String currency, boolean isDefault) {}

    private final JdbcClient jdbc;

    PriceList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<ActionType, Price> prices() {
        Map<ActionType, Price> out = new EnumMap<>(ActionType.class);
        DEFAULTS.forEach((a, cost) -> out.put(a, new Price(a, cost, DEFAULT_CURRENCY, true)));
        jdbc.sql("select action_type, unit_cost, currency from action_price").query(rs -> {
            ActionType a = ActionType.valueOf(rs.getString(1));
            out.put(a, new Price(a, rs.getBigDecimal(2), rs.getString(3), false));
        });
        return out;
    }

    public void set(ActionType action, BigDecimal unitCost, String currency) {
        if (unitCost == null || unitCost.signum() < 0) throw new IllegalArgumentException("Cost must be zero or more");
        jdbc.sql("""
                insert into action_price (org_id, action_type, unit_cost, currency) values (recaudo_current_org(), ?, ?, ?)
                on conflict (org_id, action_type) do update set unit_cost = excluded.unit_cost, currency = excluded.currency""")
                .params(action.name(), unitCost, currency).update();
    }
}
