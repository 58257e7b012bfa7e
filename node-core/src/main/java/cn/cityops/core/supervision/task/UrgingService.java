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
import cn.cityops.core.rest.Paging;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.worktime.TimeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Urging (督办): the issuer of a task urges one of its targets ({@code urging}, addressed to that target, about the
 * issuer's task); the urged node must reply ({@code urging.reply}, addressed back to the issuer); replies show in the
 * issuer's roll-up. Reply deadline: given, or a working-time limit (default 2工作日).
 */
@ApplicationScoped
public class UrgingService {

    private static final Logger LOG = Logger.getLogger(UrgingService.class.getName());
    static final Set<String> LEVELS = Set.of("NORMAL", "KEY", "LISTED");
    static final Set<String> STATUSES = Set.of("IN_PROGRESS", "COMPLETED", "EXPLAINED");

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
    TaskService tasks;

    @Inject
    WorkingCalendarService calendar;

    public record UrgeRequest(String level, String subject, String content, String replyDeadline,
            String replyTimeLimit) {
    }

    public record ReplyRequest(String status, String text) {
    }

    public record ReplyView(long id, String status, String text, String replier, Instant repliedAt) {
    }

    public record UrgingView(long id, String urgingId, String direction, String issuerNode, Long task,
            String taskId, String targetNode, String level, String subject, String content, Instant issuedAt,
            Instant replyDeadline, boolean replyOverdue, String issuerPerson, List<ReplyView> replies) {
    }

    @Transactional
    public long urge(long taskId, String target, UrgeRequest r) {
        access.requireIssuer("urging (督办)");
        Task t = tasks.find(taskId);
        if (!t.issued() || !"PUBLISHED".equals(t.status())) {
            throw ProblemException.conflict("only a published task issued by this node can be urged; task " + taskId
                    + " is " + t.direction() + " " + t.status(), Map.of());
        }
        boolean isTarget = jdbc.one("SELECT 1 FROM sup_task_target WHERE task = ? AND node_id = ?", rs -> 1, taskId,
                target).isPresent();
        if (!isTarget) {
            throw ProblemException.notFound("target of task " + taskId, target);
        }
        Optional<Instant> completed = jdbc.one("SELECT min(reported_at) FROM sup_task_feedback WHERE task = ?"
                + " AND node_id = ? AND kind = 'COMPLETION'", rs -> Jdbc.instant(rs, "min"), taskId, target);
        if (completed.isPresent()) {
            throw ProblemException.conflict(target + " completed task " + t.taskId() + " at " + completed.get()
                    + "; there is nothing to urge", Map.of());
        }
        return issue(taskId, "TASK", t.taskId(), null, target, "关于《" + t.title() + "》的督办", r, "task:" + taskId);
    }

    /**
     * Urges {@code target} about another business object of this node's concern (e.g. an emergency reported by that
     * city, {@code refKind} EMERGENCY): the same urging and reply flow as for tasks, with {@code target} =
     * {@code {kind, id, nodeId}} naming the object. The caller checks that the object exists and may be urged.
     */
    @Transactional
    public long urgeAbout(String refKind, String refId, String target, String defaultSubject, UrgeRequest r) {
        access.requireIssuer("urging (督办)");
        return issue(null, refKind, refId, target, target, defaultSubject, r, refKind.toLowerCase() + ":" + refId);
    }

    private long issue(Long taskId, String refKind, String refId, String refNode, String target,
            String defaultSubject, UrgeRequest r, String auditObject) {
        UrgeRequest req = r == null ? new UrgeRequest(null, null, null, null, null) : r;
        List<Problem.Issue> issues = new ArrayList<>();
        String level = req.level() == null ? "NORMAL" : req.level();
        if (!LEVELS.contains(level)) {
            issues.add(new Problem.Issue("level", level, "one of " + LEVELS + " (一般 / 重点 / 挂牌督办)"));
        }
        String subject = req.subject() == null || req.subject().isBlank()
                ? clip(defaultSubject, 200) : req.subject();
        TaskService.text(issues, "subject", subject, 200, true);
        TaskService.text(issues, "content", req.content(), 20000, true);
        Instant now = Instant.now();
        Instant replyDeadline = null;
        if (req.replyDeadline() != null) {
            TaskService.Deadline d = TaskService.deadline(req.replyDeadline(), null, issues);
            replyDeadline = d.at();
        } else {
            try {
                replyDeadline = calendar.calculator().deadline(now, TimeLimit.parse(
                        req.replyTimeLimit() == null ? "2工作日" : req.replyTimeLimit()));
            } catch (RuntimeException e) {
                issues.add(new Problem.Issue("replyTimeLimit", req.replyTimeLimit(), e.getMessage()));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        long id = jdbc.one("INSERT INTO sup_urging (issuer_node, urging_id, direction, task, target_node, level,"
                + " subject, content, ref_kind, ref_id, ref_node, issuer_person, issued_at, reply_deadline,"
                + " created_by) VALUES (?, 'draft-' || nextval('sup_urging_id_seq'), 'ISSUED',"
                + " ?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id", rs -> rs.getLong(1), node.nodeIdText(), taskId, target,
                level, subject, req.content(), refKind, refId, refNode, access.displayName(), now, replyDeadline,
                access.username()).orElseThrow();
        String urgingId = "U" + node.nodeIdText() + "-" + id;
        jdbc.update("UPDATE sup_urging SET urging_id = ? WHERE id = ?", urgingId, id);
        JsonObjectBuilder p = Json.createObjectBuilder().add("urgingId", urgingId).add("level", level)
                .add("subject", subject).add("content", req.content())
                .add("target", refNode == null ? Json.createObjectBuilder().add("kind", refKind).add("id", refId)
                        : Json.createObjectBuilder().add("kind", refKind).add("id", refId).add("nodeId", refNode))
                .add("issuer", Payloads.party(node.nodeIdText(), null, access.displayName()))
                .add("issuedAt", Payloads.ts(now)).add("replyDeadline", Payloads.ts(replyDeadline));
        outbox.enqueue("urging", NodeId.of(target), urgingId, p.build(), false);
        audit.record(access.username(), "supervision.urging.issue", auditObject, urgingId + " to " + target,
                access.remoteAddress());
        return id;
    }

    @Transactional
    public UrgingView reply(long id, ReplyRequest r) {
        access.requireHandler("replying to an urging");
        UrgingView u = find(id);
        if (!"RECEIVED".equals(u.direction())) {
            throw ProblemException.conflict("urging " + id + " was issued by this node; replies come from "
                    + u.targetNode(), Map.of());
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String status = r == null ? null : r.status();
        if (status == null || !STATUSES.contains(status)) {
            issues.add(new Problem.Issue("status", status, "one of " + STATUSES));
        }
        TaskService.text(issues, "text", r == null ? null : r.text(), 20000, true);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        String person = access.displayName();
        jdbc.update("INSERT INTO sup_urging_reply (urging, status, text, replier, replied_at) VALUES (?,?,?,?,?)", id,
                status, r.text(), person + " (" + node.nodeIdText() + ")", now);
        JsonObject p = Json.createObjectBuilder().add("urgingId", u.urgingId())
                .add("replier", Payloads.party(node.nodeIdText(), null, person)).add("repliedAt", Payloads.ts(now))
                .add("status", status).add("text", r.text()).build();
        outbox.enqueue("urging.reply", NodeId.of(u.issuerNode()), u.urgingId(), p, false);
        audit.record(access.username(), "supervision.urging.reply", "urging:" + id, status, access.remoteAddress());
        return find(id);
    }

    /** An urging addressed to this node. */
    void receive(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        if (!sender.isParentOf(node.nodeId()) && !NodeId.NATIONAL.equals(sender)) {
            LOG.warning(node.tag() + " SUP-105 urging " + pkg.envelope().id() + " from " + sender
                    + " ignored: urgings come from above");
            return;
        }
        JsonObject ref = p.containsKey("target") ? p.getJsonObject("target") : null;
        String refKind = ref == null ? null : ref.getString("kind");
        String refId = ref == null ? null : ref.getString("id");
        String refNode = ref == null ? null : ref.getString("nodeId", sender.value());
        Long task = "TASK".equals(refKind) ? jdbc.one("SELECT id FROM sup_task WHERE issuer_node = ? AND task_id = ?"
                + " AND direction = 'RECEIVED'", rs -> rs.getLong(1), refNode, refId).orElse(null) : null;
        jdbc.update("INSERT INTO sup_urging (issuer_node, urging_id, direction, task, target_node, level, subject,"
                + " content, ref_kind, ref_id, ref_node, issuer_person, issued_at, reply_deadline, package_id) VALUES"
                + " (?,?,'RECEIVED',?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (issuer_node, urging_id) DO NOTHING",
                sender.value(), p.getString("urgingId"), task, node.nodeIdText(), p.getString("level", "NORMAL"),
                p.getString("subject"), p.getString("content"), refKind, refId, refNode,
                Payloads.optString(p.getJsonObject("issuer"), "person"), Payloads.ts(p.getString("issuedAt")),
                Payloads.ts(p.getString("replyDeadline")), pkg.envelope().id());
    }

    /** A reply from the urged node. */
    void receiveReply(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        Optional<Long> urging = jdbc.one("SELECT id FROM sup_urging WHERE issuer_node = ? AND urging_id = ?"
                + " AND direction = 'ISSUED' AND target_node = ?", rs -> rs.getLong(1), node.nodeIdText(),
                p.getString("urgingId"), sender.value());
        if (urging.isEmpty()) {
            LOG.warning(node.tag() + " SUP-106 urging.reply " + pkg.envelope().id() + " from " + sender
                    + " ignored: no urging " + p.getString("urgingId") + " of this node was addressed to it");
            return;
        }
        jdbc.update("INSERT INTO sup_urging_reply (urging, status, text, replier, replied_at, package_id) VALUES"
                + " (?,?,?,?,?,?) ON CONFLICT (package_id) DO NOTHING", urging.get(), p.getString("status"),
                p.getString("text"), Payloads.describe(p.getJsonObject("replier")),
                Payloads.ts(p.getString("repliedAt")), pkg.envelope().id());
    }

    public UrgingView find(long id) {
        return jdbc.one("SELECT u.*, t.task_id AS local_task_id FROM sup_urging u LEFT JOIN sup_task t"
                + " ON t.id = u.task WHERE u.id = ?", rs -> view(rs, replies(rs.getLong("id"))), id)
                .orElseThrow(() -> ProblemException.notFound("urging", id));
    }

    public Paging.Page<UrgingView> list(String direction, Long task, Paging paging) {
        if (direction != null && !Set.of("ISSUED", "RECEIVED").contains(direction)) {
            throw ProblemException.invalid("direction", direction, "ISSUED or RECEIVED");
        }
        String where = " WHERE (?::text IS NULL OR u.direction = ?) AND (?::bigint IS NULL OR u.task = ?)";
        long total = jdbc.one("SELECT count(*) FROM sup_urging u" + where, rs -> rs.getLong(1), direction, direction,
                task, task).orElse(0L);
        List<UrgingView> items = jdbc.query("SELECT u.*, t.task_id AS local_task_id FROM sup_urging u LEFT JOIN"
                + " sup_task t ON t.id = u.task" + where + " ORDER BY u.id DESC LIMIT ? OFFSET ?",
                rs -> view(rs, replies(rs.getLong("id"))), direction, direction, task, task, paging.limit(),
                paging.offset());
        return paging.page(items, total);
    }

    /** The urgings of this node (either direction) about one business object, newest first. */
    public List<UrgingView> about(String refKind, String refId) {
        return jdbc.query("SELECT u.*, t.task_id AS local_task_id FROM sup_urging u LEFT JOIN sup_task t"
                + " ON t.id = u.task WHERE u.ref_kind = ? AND u.ref_id = ? ORDER BY u.id DESC",
                rs -> view(rs, replies(rs.getLong("id"))), refKind, refId);
    }

    private List<ReplyView> replies(long urging) {
        return jdbc.query("SELECT * FROM sup_urging_reply WHERE urging = ? ORDER BY replied_at, id",
                rs -> new ReplyView(rs.getLong("id"), rs.getString("status"), rs.getString("text"),
                        rs.getString("replier"), Jdbc.instant(rs, "replied_at")), urging);
    }

    private static UrgingView view(java.sql.ResultSet rs, List<ReplyView> replies) throws java.sql.SQLException {
        Instant deadline = Jdbc.instant(rs, "reply_deadline");
        boolean overdue = replies.isEmpty() && Instant.now().isAfter(deadline);
        String taskId = rs.getString("local_task_id");
        return new UrgingView(rs.getLong("id"), rs.getString("urging_id"), rs.getString("direction"),
                rs.getString("issuer_node"), Jdbc.longOrNull(rs, "task"), taskId != null ? taskId : rs.getString("ref_id"),
                rs.getString("target_node"), rs.getString("level"), rs.getString("subject"), rs.getString("content"),
                Jdbc.instant(rs, "issued_at"), deadline, overdue, rs.getString("issuer_person"), replies);
    }

    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
