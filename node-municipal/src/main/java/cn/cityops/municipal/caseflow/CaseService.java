package cn.cityops.municipal.caseflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.core.security.UserRepository;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.classification.ComponentId;
import cn.cityops.model.security.Role;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.municipal.attachment.Attachments;
import cn.cityops.municipal.caseflow.CityCase.Actor;
import cn.cityops.municipal.caseflow.CityCase.Change;
import cn.cityops.municipal.caseflow.CityCase.Inputs;
import cn.cityops.municipal.caseflow.Workflow.Decision;
import cn.cityops.municipal.caseflow.Workflow.Transition;
import cn.cityops.municipal.org.Departments;
import cn.cityops.municipal.space.CaseRouting;
import cn.cityops.municipal.space.ComponentRegistry;
import cn.cityops.municipal.space.GridLocator;
import cn.cityops.municipal.space.Location;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The case loop's application service: turns a report or an action request into a workflow decision, lets the case
 * apply it, and stores the result — one transaction per call, the case row locked meanwhile.
 */
@ApplicationScoped
public class CaseService {

    /** Attachments of a case are owned by ("case", id). */
    public static final String OWNER_KIND = "case";

    @Inject
    WorkflowStore workflows;

    @Inject
    CaseLimits limits;

    @Inject
    CaseRepository cases;

    @Inject
    WorkingCalendarService calendar;

    @Inject
    CurrentUser user;

    @Inject
    NodeConfig node;

    @Inject
    Jdbc jdbc;

    @Inject
    GridLocator locator;

    @Inject
    ComponentRegistry components;

    @Inject
    CaseRouting routing;

    @Inject
    Departments departments;

    @Inject
    UserRepository users;

    @Inject
    Attachments attachments;

    @Inject
    Event<CaseFinished> finished;

    /**
     * A case reached a terminal state (结案, 不予受理, 不予立案, 作废, 合并). Observers run synchronously in the
     * transaction of the action, so what they write commits or rolls back with it.
     */
    public record CaseFinished(long caseId, String caseNo, CaseSource source, String state, String departmentId,
            Long mergedInto, Instant at) {
    }

    /** A report from the street or the hotline (JSON body of {@code POST /api/cases}). */
    public record ReportRequest(String source, String matter, String caseClass, String description, String address,
            Double lon, Double lat, String componentId, String reporterName, String reporterContact,
            String externalRef, List<String> photos, Boolean selfHandled, String result) {
    }

    /** The inputs of an action (JSON body of {@code POST /api/cases/{id}/actions/{action}}). */
    public record ActionRequest(String reason, String department, String inspector, String extension, String result,
            String text, Long target, List<String> photos, String caseClass) {
    }

    /** Records a new case; returns its id. */
    @Transactional
    public long report(ReportRequest r) {
        if (r == null) {
            throw ProblemException.invalid("body", null, "a report is required");
        }
        Workflow w = workflows.current();
        String action = Boolean.TRUE.equals(r.selfHandled()) ? "self_handle"
                : user.roles().contains("intake-operator") && !user.roles().contains("inspector") ? "register"
                        : "report";
        Transition t = allowed(w, Workflow.START, action, null);
        List<Problem.Issue> issues = new ArrayList<>();
        ClassCode matter = matter(r.matter(), issues);
        CaseClass cls = parse(() -> CaseClass.parse(r.caseClass()), "caseClass", r.caseClass(), issues);
        CaseSource source = r.source() == null ? ("report".equals(action) || "self_handle".equals(action)
                ? CaseSource.INSPECTOR : CaseSource.HOTLINE)
                : parse(() -> CaseSource.parse(r.source()), "source", r.source(), issues);
        if (r.description() == null || r.description().isBlank() || r.description().length() > 2000) {
            issues.add(new Problem.Issue("description", null, "问题描述必填，最多 2000 字 / 1 to 2000 characters"));
        }
        Location where = null;
        String componentId = null;
        double lon = r.lon() == null ? Double.NaN : r.lon();
        double lat = r.lat() == null ? Double.NaN : r.lat();
        if (r.componentId() != null && !r.componentId().isBlank()) {
            try {
                var comp = components.find(ComponentId.of(r.componentId()));
                if (comp.isEmpty()) {
                    issues.add(new Problem.Issue("componentId", r.componentId(), "部件不存在 / no such component"));
                } else {
                    componentId = comp.get().id().value();
                    lon = comp.get().lon();
                    lat = comp.get().lat();
                }
            } catch (InvalidValueException e) {
                issues.add(new Problem.Issue("componentId", r.componentId(), e.getMessage()));
            }
        }
        if (Double.isNaN(lon) || Double.isNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            if (componentId == null) {
                issues.add(new Problem.Issue("lon", String.valueOf(r.lon()), "位置必填：经度 -180…180、纬度 -90…90 /"
                        + " a location (lon, lat) or a component id is required"));
            }
        } else {
            where = locator.locate(lon, lat).orElse(null);
            if (where == null) {
                issues.add(new Problem.Issue("lon", lon + "," + lat, "位置不在任何单元网格内 / outside every unit grid"
                        + " of this city"));
            }
        }
        if ("self_handle".equals(action) && (r.result() == null || r.result().isBlank())) {
            issues.add(new Problem.Issue("result", null, "自行处置需要处置结果 / a self-handled report needs the result"));
        }
        List<UUID> photos = uuids(r.photos(), "photos", issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        CityCase c = newCase(source, matter, cls, now, user.username());
        Change change = c.perform(w, t, actor(t), new Inputs(null, null, null, null, r.result(), null, null,
                r.photos() == null ? List.of() : r.photos()), now, limits, calendar.calculator());
        cases.insert(c, new CaseRepository.ReportFacts(r.description().trim(), r.address(), lon, lat,
                where.grid().value(), where.communityCode(), where.streetCode(), where.districtCode(), componentId,
                r.reporterName(), r.reporterContact(), r.externalRef()));
        cases.save(c, change, user.remoteAddress());
        if (!photos.isEmpty()) {
            attachments.link(photos, OWNER_KIND, String.valueOf(c.id()), user.username());
        }
        if (cls == CaseClass.URGENT) {
            cases.alert(c.id(), "URGENT_REPORTED", c.stage(), c.stageClock() == null ? null
                    : c.stageClock().deadline());
        }
        return c.id();
    }

    private CityCase newCase(CaseSource source, ClassCode matter, CaseClass cls, Instant now, String reporter) {
        long[] ids = cases.nextIds();
        String caseNo = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(now, node.zone()))
                + String.format("%06d", ids[1] % 1_000_000);
        return new CityCase(ids[0], caseNo, source, matter, cls, now, reporter);
    }

    /**
     * Registers a 12319 complaint as a case (source {@link CaseSource#NATIONAL_12319}, 受理员登记, state 待受理) in the
     * caller's transaction: on arrival of the forwarded complaint ({@code by} = "12319") or by an intake operator. The
     * caller has located the point to a grid and checked the matter.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CityCase registerComplaint(ClassCode matter, String description, String address, double lon, double lat,
            Location where, String reporterName, String reporterContact, String complaintId, String by,
            String remoteAddr) {
        Workflow w = workflows.current();
        Transition t = w.from(Workflow.START).stream().filter(x -> "register".equals(x.action())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the workflow has no register action"));
        Instant now = Instant.now();
        CityCase c = newCase(CaseSource.NATIONAL_12319, matter, CaseClass.GENERAL, now, by);
        Change change = c.perform(w, t, new Actor(by, t.role(), null), CityCase.Inputs.none(), now, limits,
                calendar.calculator());
        cases.insert(c, new CaseRepository.ReportFacts(description, address, lon, lat, where.grid().value(),
                where.communityCode(), where.streetCode(), where.districtCode(), null, reporterName, reporterContact,
                complaintId));
        cases.save(c, change, remoteAddr);
        return c;
    }

    /**
     * Reopens a finished case on the complainant's 不满意 (the workflow's {@code reopen} transition out of the state
     * the case is in), in the caller's transaction; empty if the workflow has no such transition from that state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CityCase> reopen(long id, String reason, String by) {
        CityCase c = cases.lock(id).orElseThrow(() -> new IllegalStateException("no case " + id));
        Workflow w = workflows.current();
        Optional<Transition> t = w.from(c.state()).stream().filter(x -> "reopen".equals(x.action())).findFirst();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Change change = c.perform(w, t.get(), new Actor(by, t.get().role(), null), new Inputs(reason, null, null,
                null, null, null, null, List.of()), Instant.now(), limits, calendar.calculator());
        cases.save(c, change, null);
        return Optional.of(c);
    }

    /** Takes an action on a case; returns the case as it now is. */
    @Transactional
    public CityCase act(long id, String action, ActionRequest r) {
        ActionRequest in = r == null ? new ActionRequest(null, null, null, null, null, null, null, null, null) : r;
        CityCase c = cases.lock(id).orElseThrow(() -> ProblemException.notFound("case", id));
        Workflow w = workflows.current();
        Transition t = allowed(w, c.state(), action, c);
        List<Problem.Issue> issues = new ArrayList<>();
        String department = in.department();
        if (t.needs().contains(Workflow.Need.DEPARTMENT)) {
            if (department == null || department.isBlank()) {
                department = routedDepartment(c).orElse(null);
            }
            if (department != null && departments.find(department).isEmpty()) {
                issues.add(new Problem.Issue("department", department, "处置部门不存在 / no such department"));
            }
        }
        if (t.needs().contains(Workflow.Need.INSPECTOR) && in.inspector() != null && !isInspector(in.inspector())) {
            issues.add(new Problem.Issue("inspector", in.inspector(), "不是可用的监督员 / not an active inspector"));
        }
        TimeLimit extension = null;
        if (in.extension() != null) {
            try {
                extension = TimeLimit.of(in.extension());
            } catch (InvalidValueException e) {
                issues.add(new Problem.Issue("extension", in.extension(), e.getMessage()));
            }
        }
        if (t.needs().contains(Workflow.Need.TARGET) && in.target() != null) {
            checkMergeTarget(c, in.target(), issues);
        }
        if (in.caseClass() != null) {
            parse(() -> CaseClass.parse(in.caseClass()), "caseClass", in.caseClass(), issues);
        }
        List<UUID> photos = uuids(in.photos(), "photos", issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        if (in.caseClass() != null && "file".equals(action)) {
            c.reclassify(CaseClass.parse(in.caseClass()));
        }
        Instant now = Instant.now();
        Change change;
        try {
            change = c.perform(w, t, actor(t), new Inputs(in.reason(), department, in.inspector(), extension,
                    in.result(), in.text(), in.target(), in.photos() == null ? List.of() : in.photos()), now, limits,
                    calendar.calculator());
        } catch (CityCase.RuleViolation v) {
            if (v.forbidden()) {
                throw new ProblemException(ProblemType.FORBIDDEN, v.getMessage());
            }
            throw new ProblemException(Problem.validation(v.issues().stream()
                    .map(i -> new Problem.Issue(i[0], null, i[1])).toList()));
        }
        cases.save(c, change, user.remoteAddress());
        if (c.mergedInto() != null && t.needs().contains(Workflow.Need.TARGET)) {
            cases.link(c.id(), c.mergedInto());
        }
        if (t.clock() == Workflow.Clock.END) {
            finished.fire(new CaseFinished(c.id(), c.caseNo(), c.source(), c.state(), c.departmentId(),
                    c.mergedInto(), now));
        }
        if (!photos.isEmpty()) {
            attachments.link(photos, OWNER_KIND, String.valueOf(c.id()), user.username());
        }
        if ("file".equals(action) && c.caseClass() == CaseClass.URGENT) {
            cases.alert(c.id(), "URGENT_FILED", c.stage(), c.overallClock() == null ? null
                    : c.overallClock().deadline());
        }
        return c;
    }

    /** The department the routing table (or the grid's responsible department) names for this case. */
    public Optional<String> routedDepartment(CityCase c) {
        return jdbc.one("SELECT grid_code FROM city_case WHERE id = ?", rs -> rs.getString(1), c.id())
                .flatMap(g -> routing.route(c.matter(), cn.cityops.model.grid.UnitGridCode.of(g)))
                .map(rd -> rd.department().id());
    }

    private Transition allowed(Workflow w, String state, String action, CityCase c) {
        Decision d = w.decide(state, action, user.roles());
        if (d instanceof Decision.Allowed a) {
            return a.transition();
        }
        if (d instanceof Decision.WrongRole wr) {
            throw new ProblemException(new Problem(ProblemType.FORBIDDEN, "操作 " + action + " 需要角色 "
                    + wr.roles() + " / action " + action + " needs one of the roles " + wr.roles(), List.of(),
                    Map.of("allowedRoles", List.copyOf(wr.roles()))));
        }
        Decision.Illegal il = (Decision.Illegal) d;
        String label = Workflow.START.equals(state) ? state : w.state(state).label();
        throw ProblemException.conflict("案件当前状态为「" + label + "」，不能执行 " + action + " / in state " + state
                + " the allowed actions are " + il.allowedActions(), Map.of("state", state, "allowedActions",
                        List.copyOf(il.allowedActions()), "case", c == null ? "" : c.caseNo()));
    }

    private Actor actor(Transition t) {
        String dept = departments.ofUser(user.username()).map(d -> d.id()).orElse(null);
        return new Actor(user.username(), t.role(), dept);
    }

    private boolean isInspector(String username) {
        return users.isEnabledWithRole(username, Role.Ids.INSPECTOR);
    }

    private void checkMergeTarget(CityCase c, long target, List<Problem.Issue> issues) {
        Optional<CityCase> o = cases.find(target);
        if (o.isEmpty()) {
            issues.add(new Problem.Issue("target", String.valueOf(target), "案件不存在 / no such case"));
        } else if (o.get().id() == c.id()) {
            issues.add(new Problem.Issue("target", String.valueOf(target), "不能与自身合并 / cannot merge into itself"));
        } else if (o.get().closedAt() != null) {
            issues.add(new Problem.Issue("target", String.valueOf(target), "目标案件已结束 / the original is finished"));
        } else if (!o.get().matter().equals(c.matter())) {
            issues.add(new Problem.Issue("target", String.valueOf(target), "事项不同，不是重复案件 / a duplicate has the"
                    + " same matter"));
        }
    }

    private ClassCode matter(String code, List<Problem.Issue> issues) {
        try {
            ClassCode m = ClassCode.of(code);
            if (jdbc.one("SELECT count(*) FROM ref_class WHERE kind = 'MATTER' AND code = ?", rs -> rs.getLong(1),
                    m.value()).orElse(0L) == 0) {
                issues.add(new Problem.Issue("matter", code, "不是 GB/T 47678.5 管理事项代码 / not a management matter"));
            }
            return m;
        } catch (InvalidValueException e) {
            issues.add(new Problem.Issue("matter", code, e.getMessage()));
            return null;
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> f, String field, String value,
            List<Problem.Issue> issues) {
        try {
            return f.get();
        } catch (InvalidValueException e) {
            issues.add(new Problem.Issue(field, value, e.getMessage()));
            return null;
        }
    }

    private static List<UUID> uuids(List<String> ids, String field, List<Problem.Issue> issues) {
        List<UUID> out = new ArrayList<>();
        if (ids == null) {
            return out;
        }
        for (int i = 0; i < ids.size(); i++) {
            try {
                out.add(UUID.fromString(ids.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                issues.add(new Problem.Issue(field + "[" + i + "]", ids.get(i), "not an attachment id"));
            }
        }
        return out;
    }
}
