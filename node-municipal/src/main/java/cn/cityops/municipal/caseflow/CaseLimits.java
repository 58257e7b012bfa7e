package cn.cityops.municipal.caseflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.worktime.TimeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Time limits from {@code city_stage_limit} (per stage and case class) and {@code city_matter_standard} (the matter's
 * 处置时限, and its own 疑难/突发 limits where given), re-read every minute so operators' edits take effect.
 */
@ApplicationScoped
public class CaseLimits implements CityCase.Limits {

    private static final long TTL_NANOS = 60_000_000_000L;

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    /** A stage limit as operators edit it. */
    public record StageLimit(String stage, String caseClass, String limit) {
    }

    /** A matter's standard as operators edit it (limits as text: 5工作时, 1工作日, 2小时, 30分钟). */
    public record MatterStandard(String matterClass, String matterName, String filingCondition, String handlingLimit,
            String closingCondition, String difficultLimit, String urgentLimit, String source) {
    }

    public record Table(List<StageLimit> stages, List<MatterStandard> matters) {
    }

    public Table table() {
        return new Table(jdbc.query("SELECT stage, case_class, time_limit FROM city_stage_limit ORDER BY stage,"
                + " case_class", rs -> new StageLimit(rs.getString(1), rs.getString(2), rs.getString(3))),
                jdbc.query("SELECT s.matter_class, r.name, s.filing_condition, s.handling_limit, s.closing_condition,"
                        + " s.difficult_limit, s.urgent_limit, s.source FROM city_matter_standard s LEFT JOIN"
                        + " ref_class r ON r.kind = 'MATTER' AND r.code = s.matter_class ORDER BY 1",
                        rs -> new MatterStandard(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))));
    }

    @Transactional
    public StageLimit setStage(String stage, String caseClass, String limit, String by, String from) {
        Stage st;
        CaseClass cc;
        try {
            st = Stage.valueOf(stage);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("stage", stage, "one of " + List.of(Stage.values()));
        }
        cc = CaseClass.parse(caseClass);
        String text = TimeLimit.of(limit).toString();
        jdbc.update("INSERT INTO city_stage_limit (stage, case_class, time_limit) VALUES (?,?,?) ON CONFLICT (stage,"
                + " case_class) DO UPDATE SET time_limit = EXCLUDED.time_limit", st.name(), cc.name(), text);
        audit.record(by, "case.limit.stage", st + "/" + cc, text, from);
        invalidate();
        return new StageLimit(st.name(), cc.name(), text);
    }

    @Transactional
    public MatterStandard setMatter(String code, MatterStandard in, String by, String from) {
        ClassCode matter = ClassCode.of(code);
        if (jdbc.one("SELECT count(*) FROM ref_class WHERE kind = 'MATTER' AND code = ?", rs -> rs.getLong(1),
                matter.value()).orElse(0L) == 0) {
            throw ProblemException.invalid("matterClass", code, "not a GB/T 47678.5 management matter");
        }
        if (in == null || in.handlingLimit() == null) {
            throw ProblemException.invalid("handlingLimit", null, "处置时限 is required (e.g. 1工作日)");
        }
        String handling = TimeLimit.of(in.handlingLimit()).toString();
        String difficult = in.difficultLimit() == null ? null : TimeLimit.of(in.difficultLimit()).toString();
        String urgent = in.urgentLimit() == null ? null : TimeLimit.of(in.urgentLimit()).toString();
        String source = in.source() == null || in.source().isBlank() ? "edited by " + by : in.source();
        jdbc.update("INSERT INTO city_matter_standard (matter_class, filing_condition, handling_limit,"
                + " closing_condition, difficult_limit, urgent_limit, source) VALUES (?,?,?,?,?,?,?) ON CONFLICT"
                + " (matter_class) DO UPDATE SET filing_condition = EXCLUDED.filing_condition, handling_limit ="
                + " EXCLUDED.handling_limit, closing_condition = EXCLUDED.closing_condition, difficult_limit ="
                + " EXCLUDED.difficult_limit, urgent_limit = EXCLUDED.urgent_limit, source = EXCLUDED.source",
                matter.value(), in.filingCondition(), handling, in.closingCondition(), difficult, urgent, source);
        audit.record(by, "case.limit.matter", matter.value(), handling, from);
        invalidate();
        return table().matters().stream().filter(m -> m.matterClass().trim().equals(matter.value())).findFirst()
                .orElseThrow();
    }

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
