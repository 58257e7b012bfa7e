package cn.cityops.core.opinion;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.NodeDirectory;
import cn.cityops.core.exchange.Peer;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Public opinion (舆情). A national or provincial supervisor records an item (or imports a feed of them); each goes to
 * the city whose division it concerns ({@code opinion.item}; a province only to its own cities). The city reports
 * how it verified and handled it ({@code opinion.result}: IN_PROGRESS, then HANDLED or UNFOUNDED, addressed to the
 * issuer), and the issuer closes the item once a final result is in. Major negative items (重大负面舆情) are flagged
 * in every list, as are items whose handling deadline has passed without a final result. A province keeps a read-only
 * copy (WATCHED) of the ministry's items to its cities and of the cities' results about them.
 */
@ApplicationScoped
public class OpinionService {

    private static final Logger LOG = Logger.getLogger(OpinionService.class.getName());
    static final Set<String> RESULT_STATUSES = Set.of("IN_PROGRESS", "HANDLED", "UNFOUNDED");

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    NodeDirectory directory;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    SupervisionAccess access;

    public record ResultRequest(String status, String text, String caseId) {
    }

    public record Result(String status, String text, String caseId, String handler, Instant handledAt) {
    }

    public record OpinionView(long id, String opinionId, String direction, String issuerNode, String cityNode,
            String status, String sentiment, boolean major, boolean majorNegative, boolean overdue,
            String divisionCode, Instant publishedAt, Instant handleDeadline, JsonObject item, Instant closedAt,
            String closedBy, List<Result> results) {
    }

    public record Imported(int count, List<Long> ids) {
    }

    @Transactional
    public long create(OpinionFeed.Item item) {
        access.requireIssuer("recording a public-opinion item");
        List<Problem.Issue> issues = new ArrayList<>();
        OpinionFeed.Checked c = OpinionFeed.check(item, "", issues);
        NodeId city = c == null ? null : city(c.item().divisionCode(), "divisionCode", issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        long id = issue(c, city);
        audit.record(access.username(), "opinion.create", "opinion:" + id, c.item().source(), access.remoteAddress());
        return id;
    }

    /** Imports a feed all or nothing: one bad row refuses the feed with every problem named. */
    @Transactional
    public Imported importFeed(String mediaType, String body) {
        access.requireIssuer("importing public-opinion items");
        OpinionFeed.Parsed parsed = OpinionFeed.parse(mediaType, body);
        List<Problem.Issue> issues = new ArrayList<>(parsed.issues());
        List<NodeId> cities = new ArrayList<>();
        if (issues.isEmpty()) {
            // every row passed its checks, so item n is data row n + 1
            for (int n = 0; n < parsed.items().size(); n++) {
                cities.add(city(parsed.items().get(n).item().divisionCode(), "rows[" + (n + 1) + "].divisionCode",
                        issues));
            }
        }
        if (issues.isEmpty() && parsed.items().isEmpty()) {
            issues.add(new Problem.Issue("body", null, "the feed holds no item"));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues.size() > 100 ? issues.subList(0, 100) : issues));
        }
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < parsed.items().size(); n++) {
            ids.add(issue(parsed.items().get(n), cities.get(n)));
        }
        audit.record(access.username(), "opinion.import", "opinion:" + ids.get(0), ids.size() + " items",
                access.remoteAddress());
        return new Imported(ids.size(), ids);
    }

    /** The city node a division belongs to, if this node may address it. */
    private NodeId city(String division, String field, List<Problem.Issue> issues) {
        NodeId city = cityOf(division);
        if (city == null) {
            issues.add(new Problem.Issue(field, division, "no prefecture-level city for this division"));
            return null;
        }
        Optional<Peer> peer = directory.find(city);
        if (peer.isEmpty() || peer.get().level() != NodeLevel.MUNICIPAL) {
            issues.add(new Problem.Issue(field, division, "city " + city + " is not in the node directory"));
            return null;
        }
        if (node.level() == NodeLevel.PROVINCIAL && !node.nodeId().isParentOf(city)) {
            issues.add(new Problem.Issue(field, division, "a provincial node forwards items only to its own cities"));
            return null;
        }
        return city;
    }

    /** The prefecture-level city of a division code (its first four digits + "00"), or null. */
    private static NodeId cityOf(String division) {
        try {
            return NodeId.of(division.substring(0, 4) + "00");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private long issue(OpinionFeed.Checked c, NodeId city) {
        OpinionFeed.Item i = c.item();
        long id = jdbc.one("SELECT nextval('op_item_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        String opinionId = "O" + node.nodeIdText() + "-" + id;
        boolean major = Boolean.TRUE.equals(i.major());
        JsonObjectBuilder b = Json.createObjectBuilder().add("opinionId", opinionId).add("source", i.source());
        Payloads.putIfPresent(b, "sourceKind", i.sourceKind());
        Payloads.putIfPresent(b, "link", i.link());
        Payloads.putIfPresent(b, "title", i.title());
        b.add("summary", i.summary()).add("sentiment", i.sentiment()).add("divisionCode", i.divisionCode())
                .add("publishedAt", Payloads.ts(c.publishedAt())).add("major", major);
        if (c.handleDeadline() != null) {
            b.add("handleDeadline", Payloads.ts(c.handleDeadline()));
        }
        JsonObject payload = b.build();
        jdbc.update("INSERT INTO op_item (id, issuer_node, opinion_id, direction, city_node, status, sentiment, major,"
                + " division_code, published_at, handle_deadline, payload, created_by) VALUES"
                + " (?,?,?,'ISSUED',?,'OPEN',?,?,?,?,?,?,?)", id, node.nodeIdText(), opinionId, city.value(),
                i.sentiment(), major, i.divisionCode(), c.publishedAt(), c.handleDeadline(), payload.toString(),
                access.username());
        outbox.enqueue("opinion.item", city, opinionId, payload, true);
        if (node.level() == NodeLevel.NATIONAL) {
            provinceNode(city).ifPresent(p -> outbox.enqueue("opinion.item", p, opinionId, payload, true));
        }
        return id;
    }

    /**
     * The province of a city, when it has a node: it keeps a copy of the ministry's items to the city and of the
     * city's results about them.
     */
    private Optional<NodeId> provinceNode(NodeId city) {
        return city.parent().filter(p -> directory.find(p).map(Peer::level).orElse(null) == NodeLevel.PROVINCIAL);
    }

    /** The city reports verification and handling; addressed to the issuer of the item. */
    @Transactional
    public long result(long id, ResultRequest r) {
        access.requireLevel(NodeLevel.MUNICIPAL, "reporting how a public-opinion item was handled");
        access.requireHandler("reporting how a public-opinion item was handled");
        OpinionView o = find(id);
        if (!"RECEIVED".equals(o.direction())) {
            throw ProblemException.conflict("opinion " + id + " was issued by this node", Map.of());
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String status = r == null ? null : r.status();
        if (status == null || !RESULT_STATUSES.contains(status)) {
            issues.add(new Problem.Issue("status", status, "one of " + RESULT_STATUSES + " (处理中 / 已处理 / 不属实)"));
        }
        String text = r == null ? null : r.text();
        if (text == null || text.isBlank()) {
            issues.add(new Problem.Issue("text", text, "is required"));
        } else if (text.length() > 20000) {
            issues.add(new Problem.Issue("text", null, "at most 20000 characters"));
        }
        String caseId = r == null ? null : r.caseId();
        if (caseId != null && !caseId.matches("[A-Za-z0-9._:-]{1,64}")) {
            issues.add(new Problem.Issue("caseId", caseId, "a case id: letters, digits . _ : -, at most 64"));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        String person = access.displayName();
        jdbc.update("INSERT INTO op_result (item, status, text, case_id, handler, handled_at) VALUES (?,?,?,?,?,?)",
                id, status, text, caseId, person + " (" + node.nodeIdText() + ")", now);
        jdbc.update("UPDATE op_item SET status = ? WHERE id = ?", status, id);
        JsonObjectBuilder p = Json.createObjectBuilder().add("opinionId", o.opinionId()).add("status", status)
                .add("text", text).add("handler", Payloads.party(node.nodeIdText(), null, person))
                .add("handledAt", Payloads.ts(now));
        Payloads.putIfPresent(p, "caseId", caseId);
        JsonObject payload = p.build();
        outbox.enqueue("opinion.result", NodeId.of(o.issuerNode()), o.opinionId(), payload, true);
        if (NodeId.NATIONAL.value().equals(o.issuerNode())) {
            provinceNode(node.nodeId()).ifPresent(prov -> outbox.enqueue("opinion.result", prov, o.opinionId(),
                    payload, true));
        }
        audit.record(access.username(), "opinion.result", "opinion:" + id, status, access.remoteAddress());
        return id;
    }

    /** The issuer closes an item once the city reported it handled or unfounded. */
    @Transactional
    public long close(long id) {
        access.requireIssuer("closing a public-opinion item");
        OpinionView o = find(id);
        if (!"ISSUED".equals(o.direction())) {
            throw ProblemException.conflict("opinion " + id + " was received from " + o.issuerNode()
                    + "; the issuer closes it", Map.of());
        }
        if (!Set.of("HANDLED", "UNFOUNDED").contains(o.status())) {
            throw ProblemException.conflict("opinion " + o.opinionId() + " is " + o.status() + "; it can be closed"
                    + " once " + o.cityNode() + " reports it HANDLED or UNFOUNDED", Map.of("status", o.status()));
        }
        jdbc.update("UPDATE op_item SET status = 'CLOSED', closed_at = now(), closed_by = ? WHERE id = ?",
                access.username(), id);
        audit.record(access.username(), "opinion.close", "opinion:" + id, o.opinionId(), access.remoteAddress());
        return id;
    }

    /** An item from above: a city handles it; a province keeps a copy of the ministry's items to its cities. */
    void receive(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        NodeId city = cityOf(p.getString("divisionCode"));
        boolean handles = node.level() == NodeLevel.MUNICIPAL
                && (sender.isParentOf(node.nodeId()) || NodeId.NATIONAL.equals(sender));
        boolean watches = node.level() == NodeLevel.PROVINCIAL && NodeId.NATIONAL.equals(sender) && city != null
                && node.nodeId().isParentOf(city);
        if (!handles && !watches) {
            LOG.warning(node.tag() + " OPN-101 opinion.item " + pkg.envelope().id() + " from " + sender
                    + " ignored: items come from above to a city (a province keeps the ministry's to its cities)");
            return;
        }
        jdbc.update("INSERT INTO op_item (issuer_node, opinion_id, direction, city_node, status, sentiment, major,"
                + " division_code, published_at, handle_deadline, payload, package_id) VALUES"
                + " (?,?,?,?,'OPEN',?,?,?,?,?,?,?) ON CONFLICT (issuer_node, opinion_id) DO NOTHING",
                sender.value(), p.getString("opinionId"), handles ? "RECEIVED" : "WATCHED",
                handles ? node.nodeIdText() : city.value(), p.getString("sentiment"),
                p.getBoolean("major"), p.getString("divisionCode"), Payloads.ts(p.getString("publishedAt")),
                p.containsKey("handleDeadline") ? Payloads.ts(p.getString("handleDeadline")) : null, p.toString(),
                pkg.envelope().id());
    }

    void receiveResult(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        // an item this node issued to the sender, or (a province) one the ministry issued to it
        Optional<Long> item = jdbc.one("SELECT id FROM op_item WHERE opinion_id = ? AND city_node = ? AND"
                + " ((direction = 'ISSUED' AND issuer_node = ?) OR (direction = 'WATCHED' AND issuer_node = ?))",
                rs -> rs.getLong(1), p.getString("opinionId"), sender.value(), node.nodeIdText(),
                NodeId.NATIONAL.value());
        if (item.isEmpty()) {
            LOG.warning(node.tag() + " OPN-102 opinion.result " + pkg.envelope().id() + " from " + sender
                    + " ignored: opinion " + p.getString("opinionId") + " was not sent to it from here");
            return;
        }
        int inserted = jdbc.update("INSERT INTO op_result (item, status, text, case_id, handler, handled_at,"
                + " package_id) VALUES (?,?,?,?,?,?,?) ON CONFLICT (package_id) DO NOTHING", item.get(),
                p.getString("status"), p.getString("text"), Payloads.optString(p, "caseId"),
                Payloads.describe(p.getJsonObject("handler")), Payloads.ts(p.getString("handledAt")),
                pkg.envelope().id());
        if (inserted == 1) {
            jdbc.update("UPDATE op_item SET status = ? WHERE id = ? AND status <> 'CLOSED'", p.getString("status"),
                    item.get());
        }
    }

    public OpinionView find(long id) {
        OpinionView o = jdbc.one("SELECT * FROM op_item WHERE id = ?", OpinionService::view, id)
                .orElseThrow(() -> ProblemException.notFound("opinion", id));
        List<Result> results = jdbc.query("SELECT * FROM op_result WHERE item = ? ORDER BY handled_at, id",
                rs -> new Result(rs.getString("status"), rs.getString("text"), rs.getString("case_id"),
                        rs.getString("handler"), Jdbc.instant(rs, "handled_at")), id);
        return new OpinionView(o.id(), o.opinionId(), o.direction(), o.issuerNode(), o.cityNode(), o.status(),
                o.sentiment(), o.major(), o.majorNegative(), o.overdue(), o.divisionCode(), o.publishedAt(),
                o.handleDeadline(), o.item(), o.closedAt(), o.closedBy(), results);
    }

    /** Items of this node, newest first; filters: status (or OPEN = not closed), flagged = major negative only. */
    public List<OpinionView> list(String status, Boolean flagged, int limit) {
        if (status != null && !Set.of("OPEN", "IN_PROGRESS", "HANDLED", "UNFOUNDED", "CLOSED", "NOT_CLOSED")
                .contains(status)) {
            throw ProblemException.invalid("status", status, "OPEN, IN_PROGRESS, HANDLED, UNFOUNDED, CLOSED or"
                    + " NOT_CLOSED");
        }
        boolean onlyFlagged = Boolean.TRUE.equals(flagged);
        return jdbc.query("SELECT * FROM op_item WHERE (?::text IS NULL OR status = ? OR (? = 'NOT_CLOSED' AND"
                + " status <> 'CLOSED')) AND (NOT ? OR (major AND sentiment = 'NEGATIVE'))"
                + " ORDER BY published_at DESC, id DESC LIMIT ?", OpinionService::view, status, status, status,
                onlyFlagged, limit);
    }

    private static OpinionView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String status = rs.getString("status");
        boolean major = rs.getBoolean("major");
        Instant deadline = Jdbc.instant(rs, "handle_deadline");
        boolean overdue = deadline != null && Instant.now().isAfter(deadline)
                && Set.of("OPEN", "IN_PROGRESS").contains(status);
        JsonObject item;
        try (var r = Json.createReader(new StringReader(rs.getString("payload")))) {
            item = r.readObject();
        }
        return new OpinionView(rs.getLong("id"), rs.getString("opinion_id"), rs.getString("direction"),
                rs.getString("issuer_node"), rs.getString("city_node"), status, rs.getString("sentiment"), major,
                major && "NEGATIVE".equals(rs.getString("sentiment")), overdue, rs.getString("division_code"),
                Jdbc.instant(rs, "published_at"), deadline, item, Jdbc.instant(rs, "closed_at"),
                rs.getString("closed_by"), null);
    }
}
