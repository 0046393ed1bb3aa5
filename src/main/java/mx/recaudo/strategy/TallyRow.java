package mx.recaudo.strategy;

import java.math.BigDecimal;

/**
 * One line of a run's report: customers of a segment with an action on a channel (or, with action
 * NONE, the reason nothing was planned in the channel column), and what it costs by the price list.
 */
public record TallyRow(String segmentKey, String actionType, String channel, long customers, BigDecimal unitCost,
                       String currency, BigDecimal cost) {
}
