package cn.cityops.core.supervision.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.supervision.Addressees;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.worktime.LimitUnit;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;

/**
 * Reading tasks: lists (issued and received) and one task with its live roll-up — per target received,
 * acknowledged, latest progress, completed, overdue (working time), report cycle kept, urgings and their replies —
 * and per province the aggregate of its targets. The roll-up is one SQL statement over the feedback rows (index
 * {@code sup_task_feedback_rollup}); overdue arithmetic uses the node's working calendar.
 */
@ApplicationScoped
public class TaskQueries {

    @Inject
    Jdbc jdbc;

    @Inject
    TaskService tasks;

    @Inject
    WorkingCalendarService calendar;

    @Inject
    Addressees addressees;

    public record TaskSummary(long id, String taskId, String direction, String status, String kind, String title,
            String issuerNode, Instant issuedAt, Instant deadline, boolean overdue, Integer percent, int targets,
            int completed, int overdueTargets, Long relayOf, String originTaskId) {
    }

    public record FeedbackView(long id, String nodeId, String direction, String kind, int percent, String text,
            JsonArray figures, JsonArray breakdown, String reporter, Instant reportedAt) {
    }

    public record TargetView(String nodeId, String name, String province, Instant receivedAt, Instant acknowledgedAt,
            Integer percent, String latestText, JsonArray latestFigures, JsonArray breakdown, Instant latestAt,
            int reports, Instant completedAt, boolean overdue, boolean completedLate, Double overdueWorkingHours,
            Instant nextReportDue, boolean reportOverdue, int urgings, int urgingsUnanswered,
            String latestReplyStatus, Instant latestReplyAt) {
    }

    public record ProvinceView(String province, String name, int targets, int received, int acknowledged,
            int completed, int overdue, int averagePercent) {
    }

    public record Totals(int targets, int received, int acknowledged, int completed, int overdue,
            int averagePercent) {
    }

    public record RollUp(Instant at, Totals totals, List<ProvinceView> provinces, List<TargetView> targets) {
    }

    public record TaskView(long id, String taskId, String direction, String status, String kind, String title,
            String content, String requirements, String documentNo, String priority, String issuerNode,
            String issuerDepartment, String issuerPerson, Instant issuedAt, Instant deadline, String timeLimit,
            boolean overdue, Double overdueWorkingHours, String feedbackCycle, List<String> references,
            List<String> targetNodes, Long relayOf, Long relayedAs, String originNode, String originTaskId,
            Instant originDeadline, String assignee, Instant assignedAt, Integer percent, Instant completedAt,
            String createdBy, List<FeedbackView> feedback, RollUp rollUp) {
    }

    public Paging.Page<TaskSummary> list(String direction, String status, Paging paging) {
        if (direction != null && !Set.of("ISSUED", "RECEIVED").contains(direction)) {
            throw ProblemException.invalid("direction", direction, "ISSUED or RECEIVED");
        }
        String where = " WHERE (?::text IS NULL OR t.direction = ?) AND (?::text IS NULL OR t.status = ?)";
        long total = jdbc.one("SELECT count(*) FROM sup_task t" + where, rs -> rs.getLong(1), direction, direction,
                status, status).orElse(0L);
        Instant now = Instant.now();
        List<TaskSummary> items = jdbc.query("SELECT t.*, (SELECT count(*) FROM sup_task_target g WHERE g.task = t.id)"
                + " AS n_targets, (SELECT count(DISTINCT f.node_id) FROM sup_task_feedback f WHERE f.task = t.id"
                + " AND f.direction = 'IN' AND f.kind = 'COMPLETION') AS n_completed FROM sup_task t" + where
                + " ORDER BY t.id DESC LIMIT ? OFFSET ?", rs -> {
                    Task t = Task.map(rs);
                    int targets = rs.getInt("n_targets");
                    int completed = rs.getInt("n_completed");
                    boolean late = t.deadline() != null && now.isAfter(t.deadline());
                    boolean overdue = late && (t.issued() ? completed < targets : t.completedAt() == null);
                    return new TaskSummary(t.id(), t.taskId(), t.direction(), t.status(), t.kind(), t.title(),
                            t.issuerNode(), t.issuedAt(), t.deadline(), overdue, t.percent(), targets, completed,
                            t.issued() && late && "PUBLISHED".equals(t.status()) ? targets - completed : 0,
                            t.relayOf(), t.originTaskId());
                }, direction, direction, status, status, paging.limit(), paging.offset());
        return paging.page(items, total);
    }

    public TaskView detail(long id) {
        Task t = tasks.find(id);
        Instant now = Instant.now();
        WorkingTimeCalculator calc = calendar.calculator();
        List<FeedbackView> feedback = jdbc.query("SELECT * FROM sup_task_feedback WHERE task = ?"
                + (t.issued() ? " ORDER BY reported_at DESC, id DESC LIMIT 200" : " ORDER BY reported_at, id"),
                rs -> new FeedbackView(rs.getLong("id"), rs.getString("node_id"), rs.getString("direction"),
                        rs.getString("kind"), rs.getInt("percent"), rs.getString("text"),
                        json(rs.getString("figures")), json(rs.getString("breakdown")), rs.getString("reporter"),
                        Jdbc.instant(rs, "reported_at")), id);
        Long relayedAs = jdbc.one("SELECT id FROM sup_task WHERE relay_of = ?", rs -> rs.getLong(1), id).orElse(null);
        boolean overdue = t.received() && t.deadline() != null && t.completedAt() == null && now.isAfter(t.deadline());
        Double overdueHours = t.received() && t.deadline() != null
                ? hours(calc, t.deadline(), t.completedAt() == null ? now : t.completedAt()) : null;
        RollUp rollUp = t.issued() && "PUBLISHED".equals(t.status()) ? rollUp(t, now, calc) : null;
        return new TaskView(t.id(), t.taskId(), t.direction(), t.status(), t.kind(), t.title(), t.content(),
                t.requirements(), t.documentNo(), t.priority(), t.issuerNode(), t.issuerDepartment(),
                t.issuerPerson(), t.issuedAt(), t.deadline(), t.timeLimit(), overdue, overdueHours,
                t.feedbackCycle(), Payloads.strings(t.refs()), Payloads.strings(t.targets()), t.relayOf(), relayedAs,
                t.originNode(), t.originTaskId(), t.originDeadline(), t.assignee(), t.assignedAt(), t.percent(),
                t.completedAt(), t.createdBy(), feedback, rollUp);
    }

    /** The roll-up SQL: one row per target with its receipt, acknowledgement, latest progress and urgings. */
    public static final String ROLL_UP_SQL = "SELECT g.node_id, g.node_name, g.province_node,"
            + " a.received_at, a.acknowledged_at, a.completed_at, a.reports, a.last_report_at,"
            + " l.percent, l.text, l.figures, l.breakdown, l.reported_at AS latest_at,"
            + " u.urgings, u.unanswered, r.status AS reply_status, r.replied_at"
            + " FROM sup_task_target g"
            + " LEFT JOIN LATERAL (SELECT min(f.reported_at) FILTER (WHERE f.kind = 'RECEIVED') AS received_at,"
            + "   min(f.reported_at) FILTER (WHERE f.kind <> 'RECEIVED') AS acknowledged_at,"
            + "   min(f.reported_at) FILTER (WHERE f.kind = 'COMPLETION') AS completed_at,"
            + "   count(*) FILTER (WHERE f.kind IN ('PROGRESS', 'COMPLETION')) AS reports,"
            + "   max(f.reported_at) FILTER (WHERE f.kind IN ('PROGRESS', 'COMPLETION')) AS last_report_at"
            + "   FROM sup_task_feedback f WHERE f.task = g.task AND f.node_id = g.node_id) a ON true"
            + " LEFT JOIN LATERAL (SELECT f.percent, f.text, f.figures, f.breakdown, f.reported_at"
            + "   FROM sup_task_feedback f WHERE f.task = g.task AND f.node_id = g.node_id"
            + "   AND f.kind IN ('PROGRESS', 'COMPLETION') ORDER BY f.reported_at DESC, f.id DESC LIMIT 1) l ON true"
            + " LEFT JOIN LATERAL (SELECT count(*) AS urgings, count(*) FILTER (WHERE NOT EXISTS (SELECT 1"
            + "   FROM sup_urging_reply x WHERE x.urging = s.id)) AS unanswered FROM sup_urging s"
            + "   WHERE s.task = g.task AND s.target_node = g.node_id) u ON true"
            + " LEFT JOIN LATERAL (SELECT x.status, x.replied_at FROM sup_urging s JOIN sup_urging_reply x"
            + "   ON x.urging = s.id WHERE s.task = g.task AND s.target_node = g.node_id"
            + "   ORDER BY x.replied_at DESC, x.id DESC LIMIT 1) r ON true"
            + " WHERE g.task = ? ORDER BY g.province_node, g.node_id";

    RollUp rollUp(Task t, Instant now, WorkingTimeCalculator calc) {
        TimeLimit cycle = switch (t.feedbackCycle()) {
            case "DAILY" -> new TimeLimit(1, LimitUnit.WORKING_DAYS);
            case "WEEKLY" -> new TimeLimit(5, LimitUnit.WORKING_DAYS);
            case "MONTHLY" -> new TimeLimit(22, LimitUnit.WORKING_DAYS);
            default -> null;
        };
        List<TargetView> targets = jdbc.query(ROLL_UP_SQL, rs -> {
            Instant completedAt = Jdbc.instant(rs, "completed_at");
            Instant lastReport = Jdbc.instant(rs, "last_report_at");
            int p = rs.getInt("percent");
            Integer percent = rs.wasNull() ? null : p;
            boolean overdue = completedAt == null && now.isAfter(t.deadline());
            boolean completedLate = completedAt != null && completedAt.isAfter(t.deadline());
            Double overdueHours = overdue || completedLate
                    ? hours(calc, t.deadline(), completedAt == null ? now : completedAt) : null;
            Instant nextDue = cycle == null || completedAt != null ? null
                    : calc.deadline(lastReport == null ? t.issuedAt() : lastReport, cycle);
            return new TargetView(rs.getString("node_id"), rs.getString("node_name"), rs.getString("province_node"),
                    Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "acknowledged_at"), percent,
                    rs.getString("text"), json(rs.getString("figures")), json(rs.getString("breakdown")),
                    Jdbc.instant(rs, "latest_at"), rs.getInt("reports"), completedAt, overdue, completedLate,
                    overdueHours, nextDue, nextDue != null && now.isAfter(nextDue), rs.getInt("urgings"),
                    rs.getInt("unanswered"), rs.getString("reply_status"), Jdbc.instant(rs, "replied_at"));
        }, t.id());
        Map<String, List<TargetView>> byProvince = new LinkedHashMap<>();
        targets.forEach(v -> byProvince.computeIfAbsent(v.province(), k -> new ArrayList<>()).add(v));
        List<ProvinceView> provinces = new ArrayList<>();
        byProvince.forEach((prov, list) -> {
            Totals s = totals(list);
            provinces.add(new ProvinceView(prov, addressees.name(NodeId.of(prov)), s.targets(), s.received(),
                    s.acknowledged(), s.completed(), s.overdue(), s.averagePercent()));
        });
        return new RollUp(now, totals(targets), provinces, targets);
    }

    static Totals totals(List<TargetView> list) {
        int received = 0;
        int ack = 0;
        int done = 0;
        int overdue = 0;
        long sum = 0;
        for (TargetView v : list) {
            received += v.receivedAt() != null ? 1 : 0;
            ack += v.acknowledgedAt() != null ? 1 : 0;
            done += v.completedAt() != null ? 1 : 0;
            overdue += v.overdue() ? 1 : 0;
            sum += v.percent() == null ? 0 : v.percent();
        }
        return new Totals(list.size(), received, ack, done, overdue, list.isEmpty() ? 0 : (int) (sum / list.size()));
    }

    static Double hours(WorkingTimeCalculator calc, Instant from, Instant to) {
        Duration d = calc.elapsedWorkingTime(from, to);
        return Math.round(d.toMinutes() / 6.0) / 10.0;
    }

    static JsonArray json(String s) {
        return s == null ? null : Payloads.array(s);
    }
}
