package cn.cityops.municipal.caseflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import cn.cityops.municipal.attachment.Attachments;
import cn.cityops.municipal.caseflow.Workflow.Transition;
import cn.cityops.municipal.org.Departments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** What operators look at: case detail, work queues, search, duplicate hints, alerts, statistics. */
@ApplicationScoped
public class CaseQueries {

    @Inject
    Jdbc jdbc;

    @Inject
    CaseRepository cases;

    @Inject
    WorkflowStore workflows;

    @Inject
    CaseLimits limits;

    @Inject
    CaseSettings settings;

    @Inject
    WorkingCalendarService calendar;

    @Inject
    CurrentUser user;

    @Inject
    Departments departments;

    @Inject
    Attachments attachments;

    /** A clock as shown: the limit, when it is due, how much is left (negative: overdue by), the traffic light. */
    public record ClockView(String limit, Instant startedAt, Instant deadline, long remainingSeconds, double used,
            StageClock.Light light, boolean paused) {

        static ClockView of(StageClock k, String limit, Instant now, WorkingTimeCalculator calc) {
            if (k == null) {
                return null;
            }
            return new ClockView(limit, k.start(), k.deadline(), k.remaining(now, calc).toSeconds(),
                    Math.round(k.used(now, calc) * 1000) / 1000.0, k.light(now, calc), k.paused());
        }
    }

    public record ActionView(String action, String label, String role, List<String> needs) {
    }

    public record EventView(Instant at, String action, String fromState, String toState, String actor, String role,
            String departmentId, String note, String detail) {
    }

    public record FactView(String stage, String stageLabel, Instant startedAt, Instant endedAt, String limit,
            Instant deadline, Boolean onTime, String outcome, String actor, String role, String departmentId) {
    }

    public record LinkView(long caseId, String caseNo, String kind) {
    }

    public record Hint(long id, String caseNo, String state, Instant createdAt, long distanceMetres,
            String description) {
    }

    public record CaseView(long id, String caseNo, String source, String matter, String matterName, String caseClass,
            String description, String address, double lon, double lat, String gridCode, String communityCode,
            String streetCode, String districtCode, String componentId, String reporter, String reporterName,
            String reporterContact, String externalRef, Instant createdAt, String state, String stateLabel,
            String stage, String departmentId, String departmentName, String assignee, String pendingExtension,
            ClockView stageClock, ClockView overallClock, Instant closedAt, Boolean closedOnTime, Long mergedInto,
            long version, Map<String, String> standard, List<ActionView> actions, List<LinkView> links,
            List<Hint> duplicates, List<Object> photos, List<FactView> facts, List<EventView> history) {
    }

    /** A row of a queue or a search. */
    public record Summary(long id, String caseNo, String matter, String matterName, String caseClass, String state,
            String stateLabel, String stage, String departmentId, String assignee, String address, Instant createdAt,
            Instant deadline, Long remainingSeconds, StageClock.Light light) {
    }

    /** The case right after an action: where it is, its clocks and what the caller may do next (no history). */
    public record Brief(long id, String caseNo, String state, String stateLabel, String stage, String departmentId,
            String assignee, String pendingExtension, ClockView stageClock, ClockView overallClock, Instant closedAt,
            Boolean closedOnTime, Long mergedInto, long version, List<ActionView> actions) {
    }

    public Brief brief(CityCase c) {
        Workflow w = workflows.current();
        Instant now = Instant.now();
        WorkingTimeCalculator calc = calendar.calculator();
        return new Brief(c.id(), c.caseNo(), c.state(), w.state(c.state()).label(),
                c.stage() == null ? null : c.stage().name(), c.departmentId(), c.assignee(),
                c.pendingExtension() == null ? null : c.pendingExtension().toString(),
                ClockView.of(c.stageClock(), c.stageLimit() == null ? null : c.stageLimit().toString(), now, calc),
                ClockView.of(c.overallClock(), null, now, calc), c.closedAt(), c.closedOnTime(), c.mergedInto(),
                c.version(), actions(w, c));
    }

    /** The whole case; its ten or so reads share one connection (and the caller's transaction, if any). */
    @Transactional
    public CaseView detail(long id) {
        CityCase c = cases.find(id).orElseThrow(() -> ProblemException.notFound("case", id));
        Workflow w = workflows.current();
        Instant now = Instant.now();
        WorkingTimeCalculator calc = calendar.calculator();
        Map<String, Object> row = jdbc.one("SELECT c.description, c.address, ST_X(c.geom), ST_Y(c.geom), c.grid_code,"
                + " c.community_code, c.street_code, c.district_code, c.component_id, c.reporter_name,"
                + " c.reporter_contact, c.external_ref, r.name FROM city_case c LEFT JOIN ref_class r ON r.kind ="
                + " 'MATTER' AND r.code = c.matter_class WHERE c.id = ?", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 1; i <= 13; i++) {
                        m.put(String.valueOf(i), rs.getObject(i));
                    }
                    return m;
                }, id).orElseThrow();
        String dept = c.departmentId();
        String deptName = dept == null ? null : departments.find(dept).map(d -> d.name()).orElse(null);
        List<Hint> hints = c.closedAt() == null && "REPORTED".equals(c.state()) ? duplicates(id) : List.of();
        return new CaseView(c.id(), c.caseNo(), c.source().name(), c.matter().value(), (String) row.get("13"),
                c.caseClass().name(), (String) row.get("1"), (String) row.get("2"), (Double) row.get("3"),
                (Double) row.get("4"), trim(row.get("5")), trim(row.get("6")), trim(row.get("7")), trim(row.get("8")),
                trim(row.get("9")), c.reporter(), (String) row.get("10"), (String) row.get("11"),
                (String) row.get("12"), c.createdAt(), c.state(), w.state(c.state()).label(),
                c.stage() == null ? null : c.stage().name(), dept, deptName,
                c.assignee(), c.pendingExtension() == null ? null : c.pendingExtension().toString(),
                ClockView.of(c.stageClock(), c.stageLimit() == null ? null : c.stageLimit().toString(), now, calc),
                ClockView.of(c.overallClock(), null, now, calc), c.closedAt(), c.closedOnTime(), c.mergedInto(),
                c.version(), limits.standard(c.matter()), actions(w, c), links(id), hints,
                new ArrayList<>(attachments.of(CaseService.OWNER_KIND, String.valueOf(id))), facts(id), history(id));
    }

    private static String trim(Object o) {
        return o == null ? null : o.toString().trim();
    }

    /**
     * The actions the current user may take on the case now (role and assignment considered); for a finished case
     * only a REOPEN transition, if the workflow has one from its state.
     */
    List<ActionView> actions(Workflow w, CityCase c) {
        String myDept = null;
        List<ActionView> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Transition t : w.available(c.state(), user.roles())) {
            boolean mine = switch (t.assignee()) {
                case ANY -> true;
                case ASSIGNEE -> user.username().equals(c.assignee());
                case DEPARTMENT -> {
                    if (myDept == null) {
                        myDept = departments.ofUser(user.username()).map(d -> d.id()).orElse("");
                    }
                    yield myDept.equals(c.departmentId());
                }
            };
            if (mine && seen.add(t.action())) {
                out.add(new ActionView(t.action(), t.label(), t.role(), t.needs().stream()
                        .map(n -> CityCase.field(n)).toList()));
            }
        }
        return out;
    }

    List<FactView> facts(long id) {
        return jdbc.query("SELECT * FROM city_case_fact WHERE case_id = ? ORDER BY id", rs -> {
            Stage s = Stage.valueOf(rs.getString("stage"));
            boolean on = rs.getBoolean("on_time");
            Boolean onTime = rs.wasNull() ? null : on;
            return new FactView(s.name(), s.label(), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "ended_at"),
                    rs.getString("time_limit"), Jdbc.instant(rs, "deadline"), onTime, rs.getString("outcome"),
                    rs.getString("actor"), rs.getString("role"), rs.getString("department_id"));
        }, id);
    }

    List<EventView> history(long id) {
        return jdbc.query("SELECT at, action, from_state, to_state, actor, role, department_id, note, detail::text"
                + " FROM city_case_event WHERE case_id = ? ORDER BY id", rs -> new EventView(Jdbc.instant(rs, "at"),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9)), id);
    }

    List<LinkView> links(long id) {
        return jdbc.query("SELECT l.linked_id, c.case_no, l.kind FROM city_case_link l JOIN city_case c ON c.id ="
                + " l.linked_id WHERE l.case_id = ? ORDER BY l.at", rs -> new LinkView(rs.getLong(1), rs.getString(2),
                        rs.getString(3)), id);
    }

    /**
     * Open cases of the same matter near a case and reported shortly before it: likely duplicates (nearest first).
     * The bounding-box test uses the GiST index; the exact distance is geodesic.
     */
    public List<Hint> duplicates(long id) {
        int r = settings.duplicateRadiusMetres();
        return jdbc.query("SELECT o.id, o.case_no, o.state, o.created_at, ST_Distance(o.geom::geography,"
                + " c.geom::geography) AS d, o.description FROM city_case c JOIN city_case o ON o.matter_class ="
                + " c.matter_class AND o.id <> c.id AND o.closed_at IS NULL AND o.created_at <= c.created_at"
                + " AND o.created_at > c.created_at - make_interval(hours => ?) AND o.geom && ST_Expand(c.geom, ?)"
                + " AND ST_DWithin(o.geom::geography, c.geom::geography, ?) WHERE c.id = ? ORDER BY d LIMIT 10",
                rs -> new Hint(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "created_at"),
                        Math.round(rs.getDouble(5)), rs.getString(6)), settings.duplicateWindowHours(),
                boxDegrees(r), (double) r, id);
    }

    /**
     * Half-width in degrees of the index pre-filter box around a point that surely contains every point within
     * {@code metres}: a degree of longitude is shortest at high latitudes (55.8 km at 60° N), so dividing by 55 km
     * covers every Chinese city (all south of 54° N).
     */
    static double boxDegrees(int metres) {
        return metres / 55_000.0;
    }

    /**
     * The current user's work queue: cases in states where one of the user's roles has something to do (besides
     * urging and voiding, which are possible everywhere), restricted to their own tasks where the workflow says so,
     * most urgent first.
     */
    public Paging.Page<Summary> queue(Paging paging) {
        Workflow w = workflows.current();
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String dept = null;
        for (String role : user.roles()) {
            Map<String, List<Transition>> byState = w.transitions().stream()
                    .filter(t -> t.role().equals(role) && !t.creates() && !Workflow.ANY_STATE.equals(t.from()))
                    .collect(Collectors.groupingBy(Transition::from));
            for (var e : byState.entrySet()) {
                Workflow.Assignee a = e.getValue().get(0).assignee();
                switch (a) {
                    case ANY -> {
                        clauses.add("c.state = ?");
                        params.add(e.getKey());
                    }
                    case ASSIGNEE -> {
                        clauses.add("(c.state = ? AND c.assignee = ?)");
                        params.add(e.getKey());
                        params.add(user.username());
                    }
                    case DEPARTMENT -> {
                        if (dept == null) {
                            dept = departments.ofUser(user.username()).map(d -> d.id()).orElse("");
                        }
                        clauses.add("(c.state = ? AND c.department_id = ?)");
                        params.add(e.getKey());
                        params.add(dept);
                    }
                }
            }
        }
        if (clauses.isEmpty()) {
            return paging.page(List.of(), 0);
        }
        String where = "c.closed_at IS NULL AND (" + String.join(" OR ", clauses) + ")";
        return page(where, params, "c.stage_deadline NULLS LAST, c.id", paging);
    }

    /** Search by state, stage, matter, area, department, source and reporting period. */
    public Paging.Page<Summary> search(Map<String, String> filters, Paging paging) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        filters.forEach((k, v) -> {
            if (v == null || v.isBlank()) {
                return;
            }
            switch (k) {
                case "state" -> add(clauses, params, "c.state = ?", v);
                case "stage" -> add(clauses, params, "c.stage = ?", v);
                case "matter" -> add(clauses, params, "c.matter_class = ?", v);
                case "area" -> add(clauses, params, "(c.grid_code LIKE ? )", v + "%");
                case "department" -> add(clauses, params, "c.department_id = ?", v);
                case "source" -> add(clauses, params, "c.source = ?", v);
                case "reporter" -> add(clauses, params, "c.reporter = ?", v);
                case "from" -> add(clauses, params, "c.created_at >= ?::timestamptz", v);
                case "to" -> add(clauses, params, "c.created_at < ?::timestamptz", v);
                case "open" -> clauses.add("true".equals(v) ? "c.closed_at IS NULL" : "c.closed_at IS NOT NULL");
                case "caseNo" -> add(clauses, params, "c.case_no = ?", v);
                default -> throw ProblemException.invalid(k, v, "unknown filter");
            }
        });
        String where = clauses.isEmpty() ? "true" : String.join(" AND ", clauses);
        return page(where, params, "c.id DESC", paging);
    }

    private static void add(List<String> clauses, List<Object> params, String clause, String value) {
        clauses.add(clause);
        params.add(value);
    }

    private Paging.Page<Summary> page(String where, List<Object> params, String order, Paging paging) {
        Workflow w = workflows.current();
        Instant now = Instant.now();
        WorkingTimeCalculator calc = calendar.calculator();
        List<Object> p = new ArrayList<>(params);
        p.add(paging.limit());
        p.add(paging.offset());
        List<Summary> items = jdbc.query("SELECT c.*, r.name AS matter_name FROM city_case c LEFT JOIN ref_class r ON"
                + " r.kind = 'MATTER' AND r.code = c.matter_class WHERE " + where + " ORDER BY " + order
                + " LIMIT ? OFFSET ?", rs -> summary(rs, w, now, calc), p.toArray());
        long total = jdbc.one("SELECT count(*) FROM city_case c WHERE " + where, rs -> rs.getLong(1),
                params.toArray()).orElse(0L);
        return paging.page(items, total);
    }

    private static Summary summary(ResultSet rs, Workflow w, Instant now, WorkingTimeCalculator calc)
            throws SQLException {
        CityCase c = CaseRepository.restore(rs);
        StageClock k = c.stageClock();
        String label;
        try {
            label = w.state(c.state()).label();
        } catch (IllegalArgumentException e) {
            label = c.state();
        }
        return new Summary(c.id(), c.caseNo(), c.matter().value(), rs.getString("matter_name"), c.caseClass().name(),
                c.state(), label, c.stage() == null ? null : c.stage().name(), c.departmentId(), c.assignee(),
                rs.getString("address"), c.createdAt(), k == null ? null : k.deadline(),
                k == null ? null : k.remaining(now, calc).toSeconds(), k == null ? null : k.light(now, calc));
    }

    public record AlertView(long id, long caseId, String caseNo, String kind, String stage, Instant at,
            Instant deadline, String acknowledgedBy, Instant acknowledgedAt) {
    }

    public List<AlertView> alerts(boolean openOnly, Paging paging) {
        return jdbc.query("SELECT a.id, a.case_id, c.case_no, a.kind, a.stage, a.at, a.deadline, a.acknowledged_by,"
                + " a.acknowledged_at FROM city_case_alert a JOIN city_case c ON c.id = a.case_id WHERE (NOT ? OR"
                + " a.acknowledged_at IS NULL) ORDER BY a.id DESC LIMIT ? OFFSET ?", rs -> new AlertView(rs.getLong(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), Jdbc.instant(rs, "at"),
                        Jdbc.instant(rs, "deadline"), rs.getString(8), Jdbc.instant(rs, "acknowledged_at")),
                openOnly, paging.limit(), paging.offset());
    }

    public boolean acknowledge(long alertId) {
        return jdbc.update("UPDATE city_case_alert SET acknowledged_by = ?, acknowledged_at = now() WHERE id = ? AND"
                + " acknowledged_at IS NULL", user.username(), alertId) > 0;
    }
}
