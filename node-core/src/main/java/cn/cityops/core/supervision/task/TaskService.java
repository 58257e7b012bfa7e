package cn.cityops.core.supervision.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.supervision.Addressees;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.model.worktime.TimeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

/**
 * Tasks through the hierarchy. The issuer drafts and publishes (one {@code task.issue} per addressee); a province
 * relays a received task to its cities ({@code task.relay}, its own task id, a deadline no later than the original);
 * a receiving node answers automatically with a RECEIVED feedback, then with ACKNOWLEDGED (签收), PROGRESS and
 * COMPLETION feedback addressed to the node that issued or relayed the task it answers. A province that relayed a
 * task rolls its cities' feedback up to the original issuer automatically (average percent, a breakdown per city,
 * COMPLETION once every city completed).
 */
@ApplicationScoped
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class.getName());
    static final Set<String> KINDS = Set.of("SUPERVISION", "INSPECTION", "SPECIAL_ACTION", "DATA_COLLECTION", "OTHER");
    static final Set<String> CYCLES = Set.of("ONCE", "DAILY", "WEEKLY", "MONTHLY");
    static final String COLUMNS = "*";

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    SupervisionAccess access;

    @Inject
    Addressees addressees;

    @Inject
    WorkingCalendarService calendar;

    /** A task as drafted by an issuer. {@code deadline} (RFC 3339) or {@code timeLimit} (e.g. 10工作日). */
    public record TaskDraft(String kind, String title, String content, String requirements, String documentNo,
            String priority, String deadline, String timeLimit, String feedbackCycle, List<String> references,
            List<String> targets, List<String> allCitiesOf, String department) {
    }

    /** A province's relay of a received task; targets default to every city of the province in the directory. */
    public record RelayRequest(List<String> targets, String requirements, String deadline, String timeLimit,
            String feedbackCycle) {
    }

    public record FeedbackRequest(String kind, Integer percent, String text, List<Figure> figures) {
    }

    public record Figure(String name, String value, String unit) {
    }

    public record AssignRequest(String assignee, String note) {
    }

    public record NoteRequest(String note) {
    }

    // ---------------------------------------------------------------- issuing

    @Transactional
    public long create(TaskDraft d) {
        access.requireIssuer("creating a task");
        if (d == null) {
            throw ProblemException.invalid("body", null, "a task is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String kind = d.kind() == null ? "SUPERVISION" : d.kind();
        if (!KINDS.contains(kind)) {
            issues.add(new Problem.Issue("kind", kind, "one of " + KINDS));
        }
        text(issues, "title", d.title(), 200, true);
        text(issues, "content", d.content(), 20000, true);
        text(issues, "requirements", d.requirements(), 20000, false);
        text(issues, "documentNo", d.documentNo(), 100, false);
        text(issues, "department", d.department(), 100, false);
        String priority = d.priority() == null ? "NORMAL" : d.priority();
        if (!Set.of("NORMAL", "URGENT").contains(priority)) {
            issues.add(new Problem.Issue("priority", priority, "NORMAL or URGENT"));
        }
        String cycle = d.feedbackCycle() == null ? "ONCE" : d.feedbackCycle();
        if (!CYCLES.contains(cycle)) {
            issues.add(new Problem.Issue("feedbackCycle", cycle, "one of " + CYCLES + " (ONCE: only on completion)"));
        }
        Deadline due = deadline(d.deadline(), d.timeLimit(), issues);
        List<String> refs = d.references() == null ? List.of() : d.references();
        if (refs.size() > 100) {
            issues.add(new Problem.Issue("references", String.valueOf(refs.size()), "at most 100 references"));
        }
        for (String r : refs) {
            text(issues, "references", r, 2000, true);
        }
        var targets = addressees.resolve(d.targets(), d.allCitiesOf(), issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        long id = jdbc.one("INSERT INTO sup_task (issuer_node, task_id, direction, status, kind, title, content,"
                + " requirements, document_no, priority, issuer_department, issuer_person, deadline, time_limit,"
                + " feedback_cycle, refs, targets, created_by) VALUES (?, 'draft-' || nextval('sup_task_id_seq'),"
                + " 'ISSUED', 'DRAFT', ?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id", rs -> rs.getLong(1),
                node.nodeIdText(), kind, d.title().trim(), d.content(), blankToNull(d.requirements()),
                blankToNull(d.documentNo()), priority, blankToNull(d.department()), access.displayName(),
                due.at(), due.limit(), cycle, Payloads.strings(refs).toString(),
                Payloads.strings(targets.stream().map(a -> a.id().value()).toList()).toString(),
                access.username()).orElseThrow();
        audit.record(access.username(), "supervision.task.create", "task:" + id, d.title(), access.remoteAddress());
        return id;
    }

    /** Publishes a draft: one {@code task.issue} per addressee, in this transaction. */
    @Transactional
    public long publish(long id) {
        access.requireIssuer("publishing a task");
        Task t = find(id);
        if (!t.issued()) {
            throw ProblemException.conflict("task " + id + " was received from " + t.issuerNode()
                    + "; only tasks issued here are published", Map.of());
        }
        if (!"DRAFT".equals(t.status())) {
            throw ProblemException.conflict("task " + id + " is already " + t.status(), Map.of("status", t.status()));
        }
        Instant now = Instant.now();
        Instant deadline = t.timeLimit() != null
                ? calendar.calculator().deadline(now, TimeLimit.parse(t.timeLimit())) : t.deadline();
        if (!deadline.isAfter(now)) {
            throw ProblemException.invalid("deadline", Payloads.ts(deadline), "the deadline has passed; change it"
                    + " before publishing");
        }
        String taskId = "T" + node.nodeIdText() + "-" + id;
        List<String> targets = Payloads.strings(t.targets());
        List<Problem.Issue> issues = new ArrayList<>();
        var resolved = addressees.resolve(targets, List.of(), issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        jdbc.update("UPDATE sup_task SET task_id = ?, status = 'PUBLISHED', issued_at = ?, deadline = ? WHERE id = ?",
                taskId, now, deadline, id);
        Task published = find(id);
        for (var a : resolved) {
            jdbc.update("INSERT INTO sup_task_target (task, node_id, node_name, province_node) VALUES (?,?,?,?)",
                    id, a.id().value(), a.name(), a.province().value());
            outbox.enqueue("task.issue", a.id(), taskId, issuePayload(published, false), true);
        }
        audit.record(access.username(), "supervision.task.publish", "task:" + id, taskId + " to " + targets,
                access.remoteAddress());
        return id;
    }

    /** A province relays a task it received to its cities (all of them unless chosen). */
    @Transactional
    public long relay(long id, RelayRequest r) {
        access.requireLevel(NodeLevel.PROVINCIAL, "relaying a received task to cities");
        access.requireIssuer("relaying a task");
        Task origin = find(id);
        if (!origin.received()) {
            throw ProblemException.conflict("task " + id + " was issued here; only received tasks are relayed"
                    + " (issue your own task to your cities instead)", Map.of());
        }
        jdbc.one("SELECT id FROM sup_task WHERE relay_of = ?", rs -> rs.getLong(1), id).ifPresent(existing -> {
            throw ProblemException.conflict("task " + id + " was already relayed as task " + existing,
                    Map.of("relay", existing));
        });
        if ("COMPLETED".equals(origin.status())) {
            throw ProblemException.conflict("task " + id + " is already completed", Map.of());
        }
        RelayRequest req = r == null ? new RelayRequest(null, null, null, null, null) : r;
        List<Problem.Issue> issues = new ArrayList<>();
        text(issues, "requirements", req.requirements(), 20000, false);
        String cycle = req.feedbackCycle() == null ? origin.feedbackCycle() : req.feedbackCycle();
        if (!CYCLES.contains(cycle)) {
            issues.add(new Problem.Issue("feedbackCycle", cycle, "one of " + CYCLES));
        }
        Instant now = Instant.now();
        Deadline due = req.deadline() == null && req.timeLimit() == null ? new Deadline(origin.deadline(), null)
                : deadline(req.deadline(), req.timeLimit(), issues);
        Instant deadline = due.limit() != null && issues.isEmpty()
                ? calendar.calculator().deadline(now, TimeLimit.parse(due.limit())) : due.at();
        if (deadline != null && deadline.isAfter(origin.deadline())) {
            issues.add(new Problem.Issue("deadline", Payloads.ts(deadline), "must not be later than the original"
                    + " deadline " + Payloads.ts(origin.deadline())));
        }
        List<String> chosen = req.targets() == null || req.targets().isEmpty() ? List.of() : req.targets();
        var targets = addressees.resolve(chosen, chosen.isEmpty() ? List.of(node.nodeIdText()) : List.of(),
                issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        List<String> targetIds = targets.stream().map(a -> a.id().value()).toList();
        long relayId = jdbc.one("INSERT INTO sup_task (issuer_node, task_id, direction, status, kind, title, content,"
                + " requirements, document_no, priority, issuer_person, issued_at, deadline, feedback_cycle, refs,"
                + " targets, relay_of, origin_node, origin_task_id, origin_deadline, created_by) VALUES"
                + " (?, 'relay-' || nextval('sup_task_id_seq'), 'ISSUED', 'PUBLISHED', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " RETURNING id", rs -> rs.getLong(1), node.nodeIdText(), origin.kind(), origin.title(),
                origin.content(), blankToNull(req.requirements()), origin.documentNo(), origin.priority(),
                access.displayName(), now, deadline, cycle, origin.refs(), Payloads.strings(targetIds).toString(), id,
                origin.issuerNode(), origin.taskId(), origin.deadline(), access.username()).orElseThrow();
        String taskId = "R" + node.nodeIdText() + "-" + relayId;
        jdbc.update("UPDATE sup_task SET task_id = ? WHERE id = ?", taskId, relayId);
        Task relay = find(relayId);
        for (var a : targets) {
            jdbc.update("INSERT INTO sup_task_target (task, node_id, node_name, province_node) VALUES (?,?,?,?)",
                    relayId, a.id().value(), a.name(), a.province().value());
            outbox.enqueue("task.relay", a.id(), taskId, issuePayload(relay, true), true);
        }
        if ("RECEIVED".equals(origin.status())) {
            sendFeedback(origin, "ACKNOWLEDGED", 0, "已签收并转发至 " + targets.size() + " 个城市", null, null,
                    access.displayName());
        }
        audit.record(access.username(), "supervision.task.relay", "task:" + id, taskId + " to " + targetIds,
                access.remoteAddress());
        return relayId;
    }

    JsonObject issuePayload(Task t, boolean relay) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("taskId", t.taskId());
        if (relay) {
            b.add("originTaskId", t.originTaskId()).add("originNodeId", t.originNode())
                    .add("originDeadline", Payloads.ts(t.originDeadline()));
        }
        b.add("kind", t.kind()).add("title", t.title()).add("content", withReferences(t));
        Payloads.putIfPresent(b, "requirements", t.requirements());
        Payloads.putIfPresent(b, "documentNo", t.documentNo());
        b.add("priority", t.priority())
                .add("issuer", Payloads.party(t.issuerNode(), t.issuerDepartment(), t.issuerPerson()))
                .add("issuedAt", Payloads.ts(t.issuedAt())).add("deadline", Payloads.ts(t.deadline()))
                .add("feedbackCycle", t.feedbackCycle()).add("targets", Payloads.array(t.targets()));
        return b.build();
    }

    /**
     * References (texts, links) travel inside {@code content} under a fixed heading, since task.issue v1 has no
     * member for them and binary attachments are out of scope; the receiver splits them off again.
     */
    static String withReferences(Task t) {
        List<String> refs = Payloads.strings(t.refs());
        if (refs.isEmpty()) {
            return t.content();
        }
        StringBuilder b = new StringBuilder(t.content()).append(REFERENCES_HEADING);
        refs.forEach(r -> b.append("\n- ").append(r.replace('\n', ' ')));
        return b.toString();
    }

    static final String REFERENCES_HEADING = "\n\n【参考资料】";

    // ---------------------------------------------------------------- handling what was received

    @Transactional
    public Task acknowledge(long id, NoteRequest r) {
        access.requireHandler("signing for a task (签收)");
        Task t = requireReceived(id);
        if (!"RECEIVED".equals(t.status())) {
            throw ProblemException.conflict("task " + id + " is already " + t.status(), Map.of("status", t.status()));
        }
        String note = r == null || r.note() == null || r.note().isBlank() ? "已签收" : r.note();
        text(null, "note", note, 2000, true);
        sendFeedback(t, "ACKNOWLEDGED", 0, note, null, null, access.displayName());
        audit.record(access.username(), "supervision.task.acknowledge", "task:" + id, t.taskId(),
                access.remoteAddress());
        return find(id);
    }

    @Transactional
    public Task assign(long id, AssignRequest r) {
        access.requireHandler("assigning a task internally");
        Task t = requireReceived(id);
        if (r == null || r.assignee() == null || r.assignee().isBlank() || r.assignee().length() > 100) {
            throw ProblemException.invalid("assignee", r == null ? null : r.assignee(), "1 to 100 characters: the"
                    + " department or person who does the task");
        }
        jdbc.update("UPDATE sup_task SET assignee = ?, assigned_at = now() WHERE id = ?", r.assignee().trim(), id);
        audit.record(access.username(), "supervision.task.assign", "task:" + id, r.assignee()
                + (r.note() == null ? "" : ": " + r.note()), access.remoteAddress());
        return find(id);
    }

    @Transactional
    public Task feedback(long id, FeedbackRequest r) {
        access.requireHandler("reporting feedback on a task");
        Task t = requireReceived(id);
        if ("COMPLETED".equals(t.status())) {
            throw ProblemException.conflict("task " + id + " was completed at " + t.completedAt()
                    + "; no further feedback", Map.of("status", t.status()));
        }
        if (r == null) {
            throw ProblemException.invalid("body", null, "feedback is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String kind = r.kind() == null ? "PROGRESS" : r.kind();
        if (!Set.of("PROGRESS", "COMPLETION").contains(kind)) {
            issues.add(new Problem.Issue("kind", kind, "PROGRESS or COMPLETION"));
        }
        if (r.percent() == null || r.percent() < 0 || r.percent() > 100) {
            issues.add(new Problem.Issue("percent", String.valueOf(r.percent()), "an integer from 0 to 100"));
        } else if ("COMPLETION".equals(kind) && r.percent() != 100) {
            issues.add(new Problem.Issue("percent", String.valueOf(r.percent()), "completion is reported with 100"));
        }
        text(issues, "text", r.text(), 20000, true);
        JsonArrayBuilder figures = Json.createArrayBuilder();
        List<Figure> fs = r.figures() == null ? List.of() : r.figures();
        if (fs.size() > 200) {
            issues.add(new Problem.Issue("figures", String.valueOf(fs.size()), "at most 200 figures"));
        }
        for (int i = 0; i < fs.size(); i++) {
            Figure f = fs.get(i);
            if (f == null || f.name() == null || f.name().isBlank() || f.name().length() > 100) {
                issues.add(new Problem.Issue("figures[" + i + "].name", f == null ? null : f.name(),
                        "1 to 100 characters"));
                continue;
            }
            if (f.value() == null || !f.value().matches("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?")) {
                issues.add(new Problem.Issue("figures[" + i + "].value", f.value(), "a decimal number such as 12"
                        + " or 95.5"));
                continue;
            }
            if (f.unit() != null && (f.unit().isBlank() || f.unit().length() > 20)) {
                issues.add(new Problem.Issue("figures[" + i + "].unit", f.unit(), "1 to 20 characters"));
                continue;
            }
            JsonObjectBuilder fb = Json.createObjectBuilder().add("name", f.name()).add("value", f.value());
            Payloads.putIfPresent(fb, "unit", f.unit());
            figures.add(fb);
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        JsonArray figs = figures.build();
        sendFeedback(t, kind, r.percent(), r.text(), figs.isEmpty() ? null : figs, null, access.displayName());
        audit.record(access.username(), "supervision.task.feedback", "task:" + id, kind + " " + r.percent() + "%",
                access.remoteAddress());
        return find(id);
    }

    /**
     * Records this node's feedback on a received task and sends it to the task's issuer (the node that issued or
     * relayed it), in the caller's transaction.
     */
    void sendFeedback(Task t, String kind, int percent, String text, JsonArray figures, JsonArray breakdown,
            String person) {
        Instant now = Instant.now();
        String department = "PROGRESS".equals(kind) || "COMPLETION".equals(kind) ? t.assignee() : null;
        jdbc.update("INSERT INTO sup_task_feedback (task, node_id, direction, kind, percent, text, figures, breakdown,"
                + " reporter, reported_at) VALUES (?,?,'OUT',?,?,?,?,?,?,?)", t.id(), node.nodeIdText(), kind, percent,
                text, figures == null ? null : figures.toString(), breakdown == null ? null : breakdown.toString(),
                person, now);
        String status = switch (kind) {
            case "RECEIVED" -> "RECEIVED";
            case "ACKNOWLEDGED" -> "ACKNOWLEDGED";
            case "COMPLETION" -> "COMPLETED";
            default -> "IN_PROGRESS";
        };
        boolean progress = "PROGRESS".equals(kind) || "COMPLETION".equals(kind);
        jdbc.update("UPDATE sup_task SET status = ?, percent = CASE WHEN ? THEN ? ELSE percent END,"
                + " completed_at = CASE WHEN ? THEN ? ELSE completed_at END WHERE id = ?", status, progress, percent,
                "COMPLETION".equals(kind), now, t.id());
        JsonObjectBuilder p = Json.createObjectBuilder().add("taskId", t.taskId())
                .add("reporter", Payloads.party(node.nodeIdText(), department, person))
                .add("reportedAt", Payloads.ts(now)).add("kind", kind).add("percent", percent)
                .add("text", text.length() > 20000 ? text.substring(0, 20000) : text);
        if (figures != null) {
            p.add("figures", figures);
        }
        if (breakdown != null) {
            p.add("breakdown", breakdown);
        }
        outbox.enqueue("task.feedback", NodeId.of(t.issuerNode()), t.taskId(), p.build(), true);
    }

    // ---------------------------------------------------------------- incoming packages

    /** A task.issue or task.relay addressed to this node: stored once, answered with a RECEIVED feedback. */
    void receive(VerifiedPackage pkg, boolean relay) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        if (!sender.isParentOf(node.nodeId()) && !NodeId.NATIONAL.equals(sender)) {
            LOG.warning(node.tag() + " SUP-101 " + pkg.envelope().type() + " " + pkg.envelope().id() + " from "
                    + sender + " ignored: tasks come from the national node or this node's province");
            return;
        }
        JsonObject issuer = p.getJsonObject("issuer");
        if (!sender.value().equals(issuer.getString("nodeId"))) {
            LOG.warning(node.tag() + " SUP-102 " + pkg.envelope().id() + " ignored: issuer "
                    + issuer.getString("nodeId") + " is not the sender " + sender);
            return;
        }
        String content = p.getString("content");
        List<String> refs = new ArrayList<>();
        int at = content.indexOf(REFERENCES_HEADING);
        if (at >= 0) {
            for (String line : content.substring(at + REFERENCES_HEADING.length()).split("\n")) {
                if (line.startsWith("- ")) {
                    refs.add(line.substring(2));
                }
            }
            content = content.substring(0, at);
        }
        Optional<Long> inserted = jdbc.one("INSERT INTO sup_task (issuer_node, task_id, direction, status, kind, title,"
                + " content, requirements, document_no, priority, issuer_department, issuer_person, issued_at,"
                + " deadline, feedback_cycle, refs, targets, origin_node, origin_task_id, origin_deadline, package_id)"
                + " VALUES (?,?,'RECEIVED','RECEIVED',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (issuer_node, task_id) DO NOTHING RETURNING id", rs -> rs.getLong(1),
                sender.value(), p.getString("taskId"), p.getString("kind"), p.getString("title"), content,
                Payloads.optString(p, "requirements"), Payloads.optString(p, "documentNo"),
                p.getString("priority", "NORMAL"), Payloads.optString(issuer, "department"),
                Payloads.optString(issuer, "person"), Payloads.ts(p.getString("issuedAt")),
                Payloads.ts(p.getString("deadline")), p.getString("feedbackCycle", "ONCE"),
                Payloads.strings(refs).toString(), p.getJsonArray("targets").toString(),
                relay ? p.getString("originNodeId") : null, relay ? p.getString("originTaskId") : null,
                relay ? Payloads.ts(p.getString("originDeadline")) : null, pkg.envelope().id());
        if (inserted.isEmpty()) {
            return; // the same task again (a resent package under a new id): already answered
        }
        Task t = find(inserted.get());
        sendFeedback(t, "RECEIVED", 0, "已接收（" + node.name() + "）", null, null, null);
        LOG.info(node.tag() + " SUP-001 task " + t.taskId() + " received from " + sender);
    }

    /** A task.feedback from one of the targets of a task issued here. */
    void receiveFeedback(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        String taskId = p.getString("taskId");
        Optional<Task> task = jdbc.one("SELECT * FROM sup_task WHERE issuer_node = ? AND task_id = ?"
                + " AND direction = 'ISSUED'", Task::map, node.nodeIdText(), taskId);
        if (task.isEmpty()) {
            LOG.warning(node.tag() + " SUP-103 feedback " + pkg.envelope().id() + " from " + sender
                    + " ignored: no task " + taskId + " was issued here");
            return;
        }
        Task t = task.get();
        boolean target = jdbc.one("SELECT 1 FROM sup_task_target WHERE task = ? AND node_id = ?", rs -> 1, t.id(),
                sender.value()).isPresent();
        if (!target) {
            LOG.warning(node.tag() + " SUP-104 feedback " + pkg.envelope().id() + " from " + sender
                    + " ignored: not an addressee of task " + taskId);
            return;
        }
        JsonObject reporter = p.getJsonObject("reporter");
        int n = jdbc.update("INSERT INTO sup_task_feedback (task, node_id, direction, kind, percent, text, figures,"
                + " breakdown, reporter, reported_at, package_id) VALUES (?,?,'IN',?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (package_id) DO NOTHING", t.id(), sender.value(), p.getString("kind"),
                p.getInt("percent"), p.getString("text"),
                p.containsKey("figures") ? p.getJsonArray("figures").toString() : null,
                p.containsKey("breakdown") ? p.getJsonArray("breakdown").toString() : null,
                Payloads.describe(reporter), Payloads.ts(p.getString("reportedAt")), pkg.envelope().id());
        if (n == 1 && t.relayOf() != null && Set.of("PROGRESS", "COMPLETION").contains(p.getString("kind"))) {
            rollUpToOrigin(t);
        }
    }

    /**
     * A province passes its cities' progress on a relayed task up to the original issuer: average of the cities'
     * latest percentages (a city without progress counts 0), one breakdown row per city, COMPLETION when all
     * completed.
     */
    void rollUpToOrigin(Task relay) {
        Task origin = find(relay.relayOf());
        if ("COMPLETED".equals(origin.status())) {
            return;
        }
        List<Object[]> rows = jdbc.query("SELECT t.node_id, t.node_name, l.percent, l.kind, l.text FROM sup_task_target t"
                + " LEFT JOIN LATERAL (SELECT percent, kind, text FROM sup_task_feedback f WHERE f.task = t.task"
                + " AND f.node_id = t.node_id AND f.kind IN ('PROGRESS', 'COMPLETION')"
                + " ORDER BY reported_at DESC, id DESC LIMIT 1) l ON true WHERE t.task = ? ORDER BY t.node_id",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4),
                    rs.getString(5)}, relay.id());
        int sum = 0;
        int completed = 0;
        JsonArrayBuilder breakdown = Json.createArrayBuilder();
        for (Object[] r : rows) {
            int pct = r[2] == null ? 0 : ((Number) r[2]).intValue();
            sum += pct;
            if ("COMPLETION".equals(r[3])) {
                completed++;
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("nodeId", (String) r[0]).add("percent", pct);
            String note = r[1] + (r[4] == null ? "：尚无进度" : "：" + r[4]);
            b.add("note", note.length() > 2000 ? note.substring(0, 2000) : note);
            breakdown.add(b);
        }
        boolean all = completed == rows.size() && !rows.isEmpty();
        int avg = rows.isEmpty() ? 0 : sum / rows.size();
        int percent = all ? 100 : Math.min(avg, 99);
        String text = (all ? "全省已完成。" : "") + "全省汇总（自动）：转发 " + rows.size() + " 个城市，已完成 " + completed
                + " 个，平均进度 " + avg + "%";
        sendFeedback(origin, all ? "COMPLETION" : "PROGRESS", percent, text, null, breakdown.build(), null);
    }

    // ---------------------------------------------------------------- helpers

    public Task find(long id) {
        return jdbc.one("SELECT * FROM sup_task WHERE id = ?", Task::map, id)
                .orElseThrow(() -> ProblemException.notFound("task", id));
    }

    Task requireReceived(long id) {
        Task t = find(id);
        if (!t.received()) {
            throw ProblemException.conflict("task " + id + " was issued by this node; feedback comes from its"
                    + " addressees", Map.of());
        }
        return t;
    }

    record Deadline(Instant at, String limit) {
    }

    static Deadline deadline(String deadline, String timeLimit, List<Problem.Issue> issues) {
        if ((deadline == null) == (timeLimit == null)) {
            issues.add(new Problem.Issue("deadline", deadline, "give either deadline (RFC 3339 UTC, e.g."
                    + " 2026-12-31T09:00:00.000Z) or timeLimit (working time, e.g. 10工作日)"));
            return new Deadline(null, null);
        }
        if (timeLimit != null) {
            try {
                TimeLimit.parse(timeLimit);
                return new Deadline(null, timeLimit);
            } catch (InvalidValueException e) {
                issues.add(new Problem.Issue("timeLimit", timeLimit, e.getMessage()));
                return new Deadline(null, null);
            }
        }
        try {
            Instant at = Instant.parse(deadline);
            if (!at.isAfter(Instant.now())) {
                issues.add(new Problem.Issue("deadline", deadline, "must be in the future"));
            }
            return new Deadline(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null);
        } catch (java.time.format.DateTimeParseException e) {
            issues.add(new Problem.Issue("deadline", deadline, "not an RFC 3339 UTC time such as"
                    + " 2026-12-31T09:00:00Z"));
            return new Deadline(null, null);
        }
    }

    /**
     * Checks a text field: required and/or at most {@code max} characters; the problem is added to {@code issues}
     * (or thrown as a 400 when {@code issues} is null).
     */
    public static void text(List<Problem.Issue> issues, String field, String value, int max, boolean required) {
        String problem = null;
        if (value == null || value.isBlank()) {
            if (required) {
                problem = "is required";
            }
        } else if (value.length() > max) {
            problem = "at most " + max + " characters";
        }
        if (problem != null) {
            if (issues == null) {
                throw ProblemException.invalid(field, value, problem);
            }
            issues.add(new Problem.Issue(field, value == null || value.length() > 100 ? null : value, problem));
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static JsonValue json(String s) {
        return s == null ? JsonValue.NULL : Payloads.array(s);
    }
}
