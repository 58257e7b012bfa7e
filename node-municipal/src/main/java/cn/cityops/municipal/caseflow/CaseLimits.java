package cn.cityops.municipal.caseflow;

import java.util.HashMap;
import java.util.Map;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.worktime.TimeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Time limits from {@code city_stage_limit} (per stage and case class) and {@code city_matter_standard} (the matter's
 * 处置时限, and its own 疑难/突发 limits where given), re-read every minute so operators' edits take effect.
 */
@ApplicationScoped
public class CaseLimits implements CityCase.Limits {

    private static final long TTL_NANOS = 60_000_000_000L;

    @Inject
    Jdbc jdbc;

    private record Matter(TimeLimit general, TimeLimit difficult, TimeLimit urgent) {
    }

    private record Snapshot(Map<String, TimeLimit> stages, Map<String, Matter> matters, long at) {
    }

    private volatile Snapshot snapshot;

    @Override
    public TimeLimit limit(Stage stage, CaseClass caseClass, ClassCode matter) {
        Snapshot s = load();
        if (stage == Stage.HANDLING) {
            Matter m = s.matters().get(matter.value());
            if (m != null) {
                TimeLimit own = switch (caseClass) {
                    case GENERAL -> m.general();
                    case DIFFICULT -> m.difficult();
                    case URGENT -> m.urgent();
                };
                if (own != null) {
                    return own;
                }
            }
        }
        TimeLimit l = s.stages().get(stage.name() + "/" + caseClass.name());
        if (l == null) {
            throw new IllegalStateException("no time limit configured for " + stage + " " + caseClass);
        }
        return l;
    }

    /** The matter's standard as operators see it (立案条件, 处置时限, 结案条件), if one is recorded. */
    public Map<String, String> standard(ClassCode matter) {
        return jdbc.one("SELECT filing_condition, handling_limit, closing_condition FROM city_matter_standard WHERE"
                + " matter_class = ?", rs -> {
                    Map<String, String> m = new HashMap<>();
                    m.put("filingCondition", rs.getString(1));
                    m.put("handlingLimit", rs.getString(2));
                    m.put("closingCondition", rs.getString(3));
                    return m;
                }, matter.value()).orElse(Map.of());
    }

    public void invalidate() {
        snapshot = null;
    }

    private Snapshot load() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.at() > TTL_NANOS) {
            Map<String, TimeLimit> stages = new HashMap<>();
            jdbc.query("SELECT stage, case_class, time_limit FROM city_stage_limit", rs -> stages.put(rs.getString(1)
                    + "/" + rs.getString(2), TimeLimit.of(rs.getString(3))));
            Map<String, Matter> matters = new HashMap<>();
            jdbc.query("SELECT matter_class, handling_limit, difficult_limit, urgent_limit FROM city_matter_standard",
                    rs -> matters.put(rs.getString(1), new Matter(TimeLimit.of(rs.getString(2)),
                            rs.getString(3) == null ? null : TimeLimit.of(rs.getString(3)),
                            rs.getString(4) == null ? null : TimeLimit.of(rs.getString(4)))));
            s = new Snapshot(Map.copyOf(stages), Map.copyOf(matters), System.nanoTime());
            snapshot = s;
        }
        return s;
    }
}
