package mx.recaudo.strategy;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and writes customers' ladder states (table customer_ladder) on the bound organization's connection. */
final class LadderStore {
    private LadderStore() {}

    record Stored(LadderState state, long rev) {}

    static Map<Long, Stored> loadRange(JdbcClient jdbc, long from, long to) {
        Map<Long, Stored> out = new HashMap<>();
        jdbc.sql("select * from customer_ladder where customer_id >= ? and customer_id < ?").params(from, to)
                .query(rs -> {
                    out.put(rs.getLong("customer_id"), new Stored(map(rs), rs.getLong("rev")));
                });
        return out;
    }

    static Optional<LadderState> load(JdbcClient jdbc, long customerId) {
        return jdbc.sql("select * from customer_ladder where customer_id = ?").param(customerId)
                .query((rs, i) -> map(rs)).optional();
    }

    static Optional<Stored> lock(JdbcClient jdbc, long customerId) {
        return jdbc.sql("select * from customer_ladder where customer_id = ? for update").param(customerId)
                .query((rs, i) -> new Stored(map(rs), rs.getLong("rev"))).optional();
    }

    /** Inserts or overwrites a state (event handlers, under the row lock they took). */
    static void save(JdbcClient jdbc, long customerId, LadderState s) {
        jdbc.sql("""
                insert into customer_ladder as l (customer_id, org_id, as_of, segment_key, segmentation_version, strategy_key,
                       variant_key, stage_no, stage_key, prev_stage_no, stage_since, last_action_on, floor_stage,
                       paused_until, stopped_on, rev, updated_at)
                values (?, recaudo_current_org(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, now())
                on conflict (customer_id) do update
                   set as_of = excluded.as_of, segment_key = excluded.segment_key,
                       segmentation_version = excluded.segmentation_version, strategy_key = excluded.strategy_key,
                       variant_key = excluded.variant_key, stage_no = excluded.stage_no, stage_key = excluded.stage_key,
                       prev_stage_no = excluded.prev_stage_no, stage_since = excluded.stage_since,
                       last_action_on = excluded.last_action_on, floor_stage = excluded.floor_stage,
                       paused_until = excluded.paused_until, stopped_on = excluded.stopped_on, rev = l.rev + 1,
                       updated_at = now()""")
                .params(customerId, s.asOf(), s.segmentKey(), s.segmentationVersion(), s.strategyKey(), s.variantKey(),
                        s.stageNo(), s.stageKey(), s.prevStageNo(), s.stageSince(), s.lastActionOn(), s.floorStage(),
                        s.pausedUntil(), s.stoppedOn())
                .update();
    }

    private static LadderState map(ResultSet rs) throws SQLException {
        return new LadderState(rs.getObject("as_of", LocalDate.class), rs.getString("segment_key"),
                rs.getInt("segmentation_version"), rs.getString("strategy_key"), rs.getString("variant_key"),
                rs.getInt("stage_no"), rs.getString("stage_key"), rs.getInt("prev_stage_no"),
                rs.getObject("stage_since", LocalDate.class), rs.getObject("last_action_on", LocalDate.class),
                rs.getInt("floor_stage"), rs.getObject("paused_until", LocalDate.class),
                rs.getObject("stopped_on", LocalDate.class));
    }
}
