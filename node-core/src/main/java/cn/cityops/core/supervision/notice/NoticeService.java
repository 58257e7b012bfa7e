package cn.cityops.core.supervision.notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.supervision.Addressees;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Notices (监督通报): a national or provincial supervisor drafts and publishes a commendation, criticism or circular
 * to chosen nodes ({@code notice.publish}, one per addressee). On a receiving node each user's first reading is
 * recorded (who, when) and, when the publisher asked for it, answered with a {@code notice.read} receipt addressed
 * to the publisher, who sees per addressee who has read it.
 */
@ApplicationScoped
public class NoticeService {

    private static final Logger LOG = Logger.getLogger(NoticeService.class.getName());
    static final Set<String> KINDS = Set.of("COMMENDATION", "CRITICISM", "CIRCULAR");

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

    public record Subject(String name, String nodeId, String divisionCode) {
    }

    public record NoticeDraft(String kind, String title, String content, String documentNo, List<Subject> subjects,
            List<String> targets, List<String> allCitiesOf, Boolean readReceiptRequested) {
    }

    public record Reader(String nodeId, String reader, String name, String department, Instant readAt) {
    }

    public record TargetReads(String nodeId, String name, boolean read, Instant firstReadAt, List<Reader> readers) {
    }

    public record NoticeSummary(long id, String noticeId, String direction, String status, String kind, String title,
            String publisherNode, Instant publishedAt, boolean readReceiptRequested, int targets, int targetsRead,
            boolean readByMe) {
    }

    public record NoticeView(long id, String noticeId, String direction, String status, String kind, String title,
            String content, String documentNo, JsonArray subjects, String publisherNode, String publisherPerson,
            Instant publishedAt, boolean readReceiptRequested, String createdBy, List<TargetReads> targets,
            List<Reader> readers) {
    }

    @Transactional
    public long create(NoticeDraft d) {
        access.requireIssuer("drafting a notice");
        if (d == null) {
            throw ProblemException.invalid("body", null, "a notice is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String kind = d.kind();
        if (kind == null || !KINDS.contains(kind)) {
            issues.add(new Problem.Issue("kind", kind, "one of " + KINDS + " (通报表扬 / 通报批评 / 情况通报)"));
        }
        text(issues, "title", d.title(), 200, true);
        text(issues, "content", d.content(), 20000, true);
        text(issues, "documentNo", d.documentNo(), 100, false);
        JsonArrayBuilder subjects = Json.createArrayBuilder();
        List<Subject> list = d.subjects() == null ? List.of() : d.subjects();
        for (int i = 0; i < list.size(); i++) {
            Subject s = list.get(i);
            String f = "subjects[" + i + "]";
            if (s == null || s.name() == null || s.name().isBlank() || s.name().length() > 200) {
                issues.add(new Problem.Issue(f + ".name", s == null ? null : s.name(), "1 to 200 characters"));
                continue;
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("name", s.name());
            if (s.nodeId() != null) {
                try {
                    b.add("nodeId", NodeId.of(s.nodeId()).value());
                } catch (InvalidValueException e) {
                    issues.add(new Problem.Issue(f + ".nodeId", s.nodeId(), e.getMessage()));
                }
            }
            if (s.divisionCode() != null) {
                if (!s.divisionCode().matches("[0-9]{6}([0-9]{3})?")) {
                    issues.add(new Problem.Issue(f + ".divisionCode", s.divisionCode(), "6 or 9 digits"));
                } else {
                    b.add("divisionCode", s.divisionCode());
                }
            }
            subjects.add(b);
        }
        var targets = addressees.resolve(d.targets(), d.allCitiesOf(), issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        long id = jdbc.one("INSERT INTO sup_notice (publisher_node, notice_id, direction, status, kind, title, content,"
                + " document_no, subjects, read_receipt_requested, publisher_person, created_by) VALUES"
                + " (?, 'draft-' || nextval('sup_notice_id_seq'), 'ISSUED', 'DRAFT', ?,?,?,?,?,?,?,?) RETURNING id",
                rs -> rs.getLong(1), node.nodeIdText(), kind, d.title().trim(), d.content(),
                d.documentNo() == null || d.documentNo().isBlank() ? null : d.documentNo(),
                subjects.build().toString(), d.readReceiptRequested() == null || d.readReceiptRequested(),
                access.displayName(), access.username()).orElseThrow();
        for (var a : targets) {
            jdbc.update("INSERT INTO sup_notice_target (notice, node_id, node_name) VALUES (?,?,?)", id,
                    a.id().value(), a.name());
        }
        audit.record(access.username(), "supervision.notice.create", "notice:" + id, d.title(),
                access.remoteAddress());
        return id;
    }

    @Transactional
    public long publish(long id) {
        access.requireIssuer("publishing a notice");
        NoticeView n = find(id);
        if (!"ISSUED".equals(n.direction())) {
            throw ProblemException.conflict("notice " + id + " was received from " + n.publisherNode(), Map.of());
        }
        if (!"DRAFT".equals(n.status())) {
            throw ProblemException.conflict("notice " + id + " is already " + n.status(), Map.of());
        }
        String noticeId = "N" + node.nodeIdText() + "-" + id;
        Instant now = Instant.now();
        jdbc.update("UPDATE sup_notice SET notice_id = ?, status = 'PUBLISHED', published_at = ? WHERE id = ?",
                noticeId, now, id);
        JsonObjectBuilder b = Json.createObjectBuilder().add("noticeId", noticeId).add("kind", n.kind())
                .add("title", n.title()).add("content", n.content());
        Payloads.putIfPresent(b, "documentNo", n.documentNo());
        b.add("publisher", Payloads.party(node.nodeIdText(), null, n.publisherPerson()))
                .add("publishedAt", Payloads.ts(now)).add("subjects", n.subjects())
                .add("readReceiptRequested", n.readReceiptRequested());
        JsonObject payload = b.build();
        for (TargetReads t : n.targets()) {
            outbox.enqueue("notice.publish", NodeId.of(t.nodeId()), noticeId, payload, false);
        }
        audit.record(access.username(), "supervision.notice.publish", "notice:" + id, noticeId,
                access.remoteAddress());
        return id;
    }

    /** The signed-in user reads a received notice: recorded once per user, receipted to the publisher if asked. */
    @Transactional
    public long read(long id) {
        NoticeView n = find(id);
        if (!"RECEIVED".equals(n.direction())) {
            throw ProblemException.conflict("notice " + id + " was published by this node; read receipts are"
                    + " recorded by the nodes that received it", Map.of());
        }
        Instant now = Instant.now();
        String name = access.displayName();
        int inserted = jdbc.update("INSERT INTO sup_notice_read (notice, node_id, reader, reader_name, read_at)"
                + " VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING", id, node.nodeIdText(), access.username(), name, now);
        if (inserted == 1) {
            if (n.readReceiptRequested()) {
                outbox.enqueue("notice.read", NodeId.of(n.publisherNode()), n.noticeId(), Json.createObjectBuilder()
                        .add("noticeId", n.noticeId()).add("reader", Payloads.party(node.nodeIdText(), null, name))
                        .add("readAt", Payloads.ts(now)).build(), false);
            }
            audit.record(access.username(), "supervision.notice.read", "notice:" + id, n.noticeId(),
                    access.remoteAddress());
        }
        return id;
    }

    void receive(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        if (!sender.isParentOf(node.nodeId()) && !NodeId.NATIONAL.equals(sender)) {
            LOG.warning(node.tag() + " SUP-107 notice " + pkg.envelope().id() + " from " + sender
                    + " ignored: notices come from above");
            return;
        }
        jdbc.update("INSERT INTO sup_notice (publisher_node, notice_id, direction, status, kind, title, content,"
                + " document_no, subjects, read_receipt_requested, publisher_person, published_at, package_id)"
                + " VALUES (?,?,'RECEIVED','RECEIVED',?,?,?,?,?,?,?,?,?) ON CONFLICT (publisher_node, notice_id)"
                + " DO NOTHING", sender.value(), p.getString("noticeId"), p.getString("kind"), p.getString("title"),
                p.getString("content"), Payloads.optString(p, "documentNo"),
                p.containsKey("subjects") ? p.getJsonArray("subjects").toString() : "[]",
                p.getBoolean("readReceiptRequested"), Payloads.optString(p.getJsonObject("publisher"), "person"),
                Payloads.ts(p.getString("publishedAt")), pkg.envelope().id());
    }

    void receiveRead(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        Optional<Long> notice = jdbc.one("SELECT n.id FROM sup_notice n JOIN sup_notice_target t ON t.notice = n.id"
                + " AND t.node_id = ? WHERE n.publisher_node = ? AND n.notice_id = ? AND n.direction = 'ISSUED'",
                rs -> rs.getLong(1), sender.value(), node.nodeIdText(), p.getString("noticeId"));
        if (notice.isEmpty()) {
            LOG.warning(node.tag() + " SUP-108 notice.read " + pkg.envelope().id() + " from " + sender
                    + " ignored: notice " + p.getString("noticeId") + " was not published to it here");
            return;
        }
        JsonObject reader = p.getJsonObject("reader");
        String person = Payloads.optString(reader, "person");
        String who = person == null ? "(" + sender.value() + ")" : person;
        jdbc.update("INSERT INTO sup_notice_read (notice, node_id, reader, reader_name, department, read_at,"
                + " package_id) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", notice.get(), sender.value(), who, who,
                Payloads.optString(reader, "department"), Payloads.ts(p.getString("readAt")), pkg.envelope().id());
    }

    public NoticeView find(long id) {
        return jdbc.one("SELECT * FROM sup_notice WHERE id = ?", rs -> {
            List<Reader> readers = jdbc.query("SELECT * FROM sup_notice_read WHERE notice = ? ORDER BY read_at, reader",
                    r -> new Reader(r.getString("node_id"), r.getString("reader"), r.getString("reader_name"),
                            r.getString("department"), Jdbc.instant(r, "read_at")), id);
            Map<String, List<Reader>> byNode = new LinkedHashMap<>();
            readers.forEach(r -> byNode.computeIfAbsent(r.nodeId(), k -> new ArrayList<>()).add(r));
            List<TargetReads> targets = jdbc.query("SELECT node_id, node_name FROM sup_notice_target WHERE notice = ?"
                    + " ORDER BY node_id", r -> {
                        List<Reader> of = byNode.getOrDefault(r.getString(1), List.of());
                        return new TargetReads(r.getString(1), r.getString(2), !of.isEmpty(),
                                of.isEmpty() ? null : of.get(0).readAt(), of);
                    }, id);
            return new NoticeView(rs.getLong("id"), rs.getString("notice_id"), rs.getString("direction"),
                    rs.getString("status"), rs.getString("kind"), rs.getString("title"), rs.getString("content"),
                    rs.getString("document_no"), Payloads.array(rs.getString("subjects")),
                    rs.getString("publisher_node"), rs.getString("publisher_person"),
                    Jdbc.instant(rs, "published_at"), rs.getBoolean("read_receipt_requested"),
                    rs.getString("created_by"), targets, readers);
        }, id).orElseThrow(() -> ProblemException.notFound("notice", id));
    }

    public Paging.Page<NoticeSummary> list(String direction, Paging paging) {
        if (direction != null && !Set.of("ISSUED", "RECEIVED").contains(direction)) {
            throw ProblemException.invalid("direction", direction, "ISSUED or RECEIVED");
        }
        String where = " WHERE (?::text IS NULL OR n.direction = ?)";
        long total = jdbc.one("SELECT count(*) FROM sup_notice n" + where, rs -> rs.getLong(1), direction, direction)
                .orElse(0L);
        List<NoticeSummary> items = jdbc.query("SELECT n.*, (SELECT count(*) FROM sup_notice_target t WHERE"
                + " t.notice = n.id) AS n_targets, (SELECT count(DISTINCT r.node_id) FROM sup_notice_read r WHERE"
                + " r.notice = n.id) AS n_read, EXISTS (SELECT 1 FROM sup_notice_read r WHERE r.notice = n.id AND"
                + " r.node_id = ? AND r.reader = ?) AS read_by_me FROM sup_notice n" + where
                + " ORDER BY n.id DESC LIMIT ? OFFSET ?", rs -> new NoticeSummary(rs.getLong("id"),
                        rs.getString("notice_id"), rs.getString("direction"), rs.getString("status"),
                        rs.getString("kind"), rs.getString("title"), rs.getString("publisher_node"),
                        Jdbc.instant(rs, "published_at"), rs.getBoolean("read_receipt_requested"),
                        rs.getInt("n_targets"), rs.getInt("n_read"), rs.getBoolean("read_by_me")),
                node.nodeIdText(), access.username(), direction, direction, paging.limit(), paging.offset());
        return paging.page(items, total);
    }

    static void text(List<Problem.Issue> issues, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                issues.add(new Problem.Issue(field, value, "is required"));
            }
        } else if (value.length() > max) {
            issues.add(new Problem.Issue(field, null, "at most " + max + " characters"));
        }
    }
}
