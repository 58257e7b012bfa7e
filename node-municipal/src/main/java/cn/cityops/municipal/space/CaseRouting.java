package cn.cityops.municipal.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.municipal.org.Departments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The case routing table (派遣路由): which 专业部门 handles a matter in an area. The most specific rule wins (see
 * {@link RoutingRule#PRECEDENCE}); without a rule the grid's responsible department.
 */
@ApplicationScoped
public class CaseRouting {

    @Inject
    Jdbc jdbc;

    @Inject
    Departments departments;

    @Inject
    GridLocator locator;

    @Inject
    AuditLog audit;

    /** Create/update request. */
    public record RuleInput(String matterClass, String areaCode, String departmentId, String note) {
    }

    public Optional<RoutedDepartment> route(ClassCode matterClass, UnitGridCode grid) {
        List<RoutingRule> candidates = jdbc.query(SELECT + " WHERE (matter_class IS NULL OR matter_class = ?)"
                + " AND (area_code IS NULL OR ? LIKE area_code || '%')", CaseRouting::rule, matterClass.value(),
                grid.value());
        Optional<RoutingRule> rule = RoutingRule.choose(candidates, matterClass.value(), grid.value());
        if (rule.isPresent()) {
            return departments.find(rule.get().departmentId())
                    .map(d -> new RoutedDepartment(d, "RULE " + rule.get().id()));
        }
        return locator.ofGrid(grid).map(Location::responsibleDepartmentId).flatMap(departments::find)
                .map(d -> new RoutedDepartment(d, "GRID"));
    }

    private static final String SELECT = "SELECT id, matter_class, area_code, department_id, note"
            + " FROM city_routing_rule";

    private static RoutingRule rule(java.sql.ResultSet rs) throws java.sql.SQLException {
        String matter = rs.getString(2);
        return new RoutingRule(rs.getLong(1), matter == null ? null : matter.trim(), rs.getString(3),
                rs.getString(4), rs.getString(5));
    }

    public List<RoutingRule> rules() {
        return jdbc.query(SELECT + " ORDER BY id", CaseRouting::rule);
    }

    public Optional<RoutingRule> rule(long id) {
        return jdbc.one(SELECT + " WHERE id = ?", CaseRouting::rule, id);
    }

    @Transactional
    public RoutingRule create(RuleInput in, String by, String from) {
        check(in);
        long id = jdbc.one("INSERT INTO city_routing_rule(matter_class, area_code, department_id, note)"
                + " VALUES (?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1), in.matterClass(), in.areaCode(),
                in.departmentId(), in.note()).orElseThrow();
        audit.record(by, "routing-rule.create", String.valueOf(id), describe(in), from);
        return rule(id).orElseThrow();
    }

    @Transactional
    public RoutingRule update(long id, RuleInput in, String by, String from) {
        check(in);
        int n = jdbc.update("UPDATE city_routing_rule SET matter_class = ?, area_code = ?, department_id = ?,"
                + " note = ? WHERE id = ?", in.matterClass(), in.areaCode(), in.departmentId(), in.note(), id);
        if (n == 0) {
            throw ProblemException.notFound("routing rule", id);
        }
        audit.record(by, "routing-rule.update", String.valueOf(id), describe(in), from);
        return rule(id).orElseThrow();
    }

    @Transactional
    public void delete(long id, String by, String from) {
        if (jdbc.update("DELETE FROM city_routing_rule WHERE id = ?", id) == 0) {
            throw ProblemException.notFound("routing rule", id);
        }
        audit.record(by, "routing-rule.delete", String.valueOf(id), null, from);
    }

    private static String describe(RuleInput in) {
        return "matter " + (in.matterClass() == null ? "*" : in.matterClass()) + " area "
                + (in.areaCode() == null ? "*" : in.areaCode()) + " -> " + in.departmentId();
    }

    private void check(RuleInput in) {
        if (in == null) {
            throw ProblemException.invalid("body", null, "a JSON object is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        if (in.matterClass() != null) {
            try {
                ClassCode.of(in.matterClass());
                if (jdbc.one("SELECT 1 FROM ref_class WHERE kind = 'MATTER' AND code = ?", rs -> 1,
                        in.matterClass()).isEmpty()) {
                    issues.add(new Problem.Issue("matterClass", in.matterClass(), "not a matter class (管理事项) of"
                            + " GB/T 47678.5-2026"));
                }
            } catch (InvalidValueException e) {
                issues.add(new Problem.Issue("matterClass", in.matterClass(), e.getMessage()));
            }
        }
        if (in.areaCode() != null && !in.areaCode().matches("[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15}")) {
            issues.add(new Problem.Issue("areaCode", in.areaCode(), "must be a 6-, 9-, 12- or 15-digit district,"
                    + " street, community or grid code (or null for the whole city)"));
        }
        if (in.departmentId() == null || departments.find(in.departmentId()).isEmpty()) {
            issues.add(new Problem.Issue("departmentId", in.departmentId(), "department does not exist"));
        }
        if (in.note() != null && in.note().length() > 500) {
            issues.add(new Problem.Issue("note", null, "at most 500 characters"));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
    }
}
