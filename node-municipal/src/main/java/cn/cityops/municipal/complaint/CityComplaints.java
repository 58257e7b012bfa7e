package cn.cityops.municipal.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.security.Role;
import cn.cityops.model.validation.InvalidValueException;
import cn.cityops.municipal.caseflow.CaseService;
import cn.cityops.municipal.caseflow.CaseService.CaseFinished;
import cn.cityops.municipal.caseflow.CaseSource;
import cn.cityops.municipal.caseflow.CityCase;
import cn.cityops.municipal.org.DepartmentRef;
import cn.cityops.municipal.org.Departments;
import cn.cityops.municipal.space.GridLocator;
import cn.cityops.municipal.space.Location;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/**
 * The city's side of the 12319 channel (SPEC.md §6.7). A forwarded complaint becomes a case of source 12319 at once
 * when its point lies in one of the city's grids and it names a matter; otherwise it waits for an intake operator to
 * place it. When the case finishes, its result goes up as {@code complaint.result} in the same transaction; the
 * national {@code satisfaction.result} is recorded, and 不满意 reopens the case.
 */
@ApplicationScoped
public class CityComplaints {

    private static final Logger LOG = Logger.getLogger(CityComplaints.class.getName());
    /** Who the case history names when the exchange, not a person, acts. */
    static final String CHANNEL_ACTOR = "12319";

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    Outbox outbox;

    @Inject
    CaseService cases;

    @Inject
    GridLocator locator;

    @Inject
    Departments departments;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    /** Body of {@code POST /api/complaints/{id}/case}: what the complaint lacked to become a case. */
    public record Placement(String matter, Double lon, Double lat) {
    }

    public record ComplaintView(long id, String originNode, String complaintId, String kind, String channel,
            String title, String text, String matterCode, String divisionCode, String address, Double lon, Double lat,
            String contactName, String contactPhone, boolean replyRequested, JsonArray photos, Instant receivedAt,
            Instant handleDeadline, Instant forwardedAt, String status, String note, Long caseId, String caseNo,
            String caseState, int rounds, Instant resultSentAt, String satisfaction, String satisfactionComment,
            Instant ratedAt) {
    }

    /** Stores a forwarded complaint once and opens its case when it can. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        if (!NodeId.NATIONAL.equals(sender)) {
            LOG.warning(node.tag() + " CMP-201 complaint.forward " + pkg.envelope().id() + " from " + sender
                    + " ignored: 12319 complaints come from the national node");
            return;
        }
        JsonObject p = pkg.pkg().payload();
        JsonObject location = p.getJsonObject("location");
        JsonObject point = location.containsKey("point") ? location.getJsonObject("point") : null;
        JsonObject contact = p.containsKey("contact") ? p.getJsonObject("contact") : null;
        Optional<Long> id = jdbc.one("INSERT INTO city_complaint (origin_node, complaint_id, kind, channel, title, text,"
                + " matter_code, division_code, address, lon, lat, contact_name, contact_phone, reply_requested,"
                + " photos, received_at, handle_deadline, forwarded_at, status, package_id) VALUES"
                + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'PENDING_CASE',?) ON CONFLICT (origin_node, complaint_id)"
                + " DO NOTHING RETURNING id", rs -> rs.getLong(1), sender.value(), p.getString("complaintId"),
                p.getString("kind"), p.getString("channel"), Payloads.optString(p, "title"), p.getString("text"),
                Payloads.optString(p, "matterCode"), location.getString("divisionCode"),
                Payloads.optString(location, "address"),
                point == null ? null : Double.valueOf(point.getString("lon")),
                point == null ? null : Double.valueOf(point.getString("lat")),
                Payloads.optString(contact, "name"), Payloads.optString(contact, "phone"),
                contact == null || contact.getBoolean("replyRequested"),
                p.containsKey("photos") ? p.getJsonArray("photos").toString() : "[]",
                Payloads.ts(p.getString("receivedAt")), Payloads.ts(p.getString("handleDeadline")), Instant.now(),
                pkg.envelope().id());
        if (id.isEmpty()) {
            return;
        }
        String matterCode = Payloads.optString(p, "matterCode");
        List<String> missing = new ArrayList<>();
        ClassCode matter = matter(matterCode == null ? null : matterCode.substring(6)).orElse(null);
        if (matter == null) {
            missing.add(matterCode == null ? "no matter named" : "matter " + matterCode + " is not a management"
                    + " matter");
        }
        Location where = null;
        if (point == null) {
            missing.add("no point given (address only)");
        } else {
            where = locator.locate(Double.parseDouble(point.getString("lon")),
                    Double.parseDouble(point.getString("lat"))).orElse(null);
            if (where == null) {
                missing.add("the point lies outside every unit grid of this city");
            }
        }
        if (!missing.isEmpty()) {
            String note = String.join("; ", missing);
            jdbc.update("UPDATE city_complaint SET note = ? WHERE id = ?", note, id.get());
            LOG.info(node.tag() + " CMP-202 12319 complaint " + p.getString("complaintId") + " waits for an intake"
                    + " operator: " + note);
            return;
        }
        open(id.get(), matter, where, CHANNEL_ACTOR, null);
    }

    /** An intake operator places a complaint that could not become a case on arrival. */
    @Transactional
    public ComplaintView place(long id, Placement in) {
        requireRole(Role.Ids.INTAKE_OPERATOR, "placing a 12319 complaint as a case");
        ComplaintView c = find(id);
        if (!"PENDING_CASE".equals(c.status())) {
            throw ProblemException.conflict("12319 complaint " + c.complaintId() + " is " + c.status()
                    + "; only a complaint without a case is placed", Map.of("status", c.status()));
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String m = in == null || in.matter() == null ? (c.matterCode() == null ? null : c.matterCode().substring(6))
                : in.matter();
        ClassCode matter = null;
        if (m == null) {
            issues.add(new Problem.Issue("matter", null, "the complaint names no matter: give a 5-digit matter class"));
        } else {
            matter = matter(m).orElse(null);
            if (matter == null) {
                issues.add(new Problem.Issue("matter", m, "not a GB/T 47678.5 management matter class (5 digits)"));
            }
        }
        Double lon = in == null || in.lon() == null ? c.lon() : in.lon();
        Double lat = in == null || in.lat() == null ? c.lat() : in.lat();
        Location where = null;
        if (lon == null || lat == null || lon.isNaN() || lat.isNaN() || lon < -180 || lon > 180 || lat < -90
                || lat > 90) {
            issues.add(new Problem.Issue("lon", String.valueOf(lon), "a point (lon -180…180, lat -90…90) is required"));
        } else {
            where = locator.locate(lon, lat).orElse(null);
            if (where == null) {
                issues.add(new Problem.Issue("lon", lon + "," + lat, "outside every unit grid of this city"));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        jdbc.update("UPDATE city_complaint SET lon = ?, lat = ? WHERE id = ?", lon, lat, id);
        open(id, matter, where, user.username(), user.remoteAddress());
        audit.record(user.username(), "complaint.place", "complaint:" + id, c.complaintId(), user.remoteAddress());
        return find(id);
    }

    private void open(long id, ClassCode matter, Location where, String by, String remoteAddr) {
        ComplaintView c = find(id);
        String title = c.title() == null ? "" : c.title() + "：";
        String description = "【12319 " + c.complaintId() + "】" + title + c.text();
        CityCase cc = cases.registerComplaint(matter, description.length() > 2000 ? description.substring(0, 2000)
                : description, c.address(), c.lon(), c.lat(), where, c.contactName(), c.contactPhone(),
                c.complaintId(), by, remoteAddr);
        jdbc.update("UPDATE city_complaint SET case_id = ?, status = 'IN_CASE', rounds = rounds + 1, note = NULL"
                + " WHERE id = ?", cc.id(), id);
        LOG.info(node.tag() + " CMP-203 12319 complaint " + c.complaintId() + " is case " + cc.caseNo());
    }

    /** A case of source 12319 finished: its complaint's result goes up in this transaction. */
    void onFinished(@Observes CaseFinished f) {
        if (f.source() != CaseSource.NATIONAL_12319) {
            return;
        }
        Optional<ComplaintView> linked = jdbc.one("SELECT id FROM city_complaint WHERE case_id = ?",
                rs -> rs.getLong(1), f.caseId()).map(this::find);
        if (linked.isEmpty() || !"IN_CASE".equals(linked.get().status())) {
            return;
        }
        ComplaintView c = linked.get();
        Optional<String> outcome = ComplaintResults.outcome(f.state());
        if (outcome.isEmpty()) {
            if (f.mergedInto() != null && jdbc.update("UPDATE city_complaint SET case_id = ? WHERE id = ? AND NOT"
                    + " EXISTS (SELECT 1 FROM city_complaint WHERE case_id = ?)", f.mergedInto(), c.id(),
                    f.mergedInto()) == 1) {
                LOG.info(node.tag() + " CMP-204 12319 complaint " + c.complaintId() + " follows case "
                        + f.mergedInto() + " (merged)");
            }
            return;
        }
        String text = jdbc.one("SELECT note FROM city_case_event WHERE case_id = ? AND note IS NOT NULL AND"
                + " (action IN ('feedback', 'self_handle') OR to_state = ?) ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1), f.caseId(), "CLOSED".equals(f.state()) ? "-" : f.state()).orElse(null);
        String department = f.departmentId() == null ? null
                : departments.find(f.departmentId()).map(DepartmentRef::name).orElse(f.departmentId());
        outbox.enqueue("complaint.result", NodeId.of(c.originNode()), c.complaintId(), ComplaintResults.result(
                c.complaintId(), outcome.get(), text, f.caseNo(), node.nodeIdText(), department, f.at()), true);
        jdbc.update("UPDATE city_complaint SET status = 'RESULT_SENT', result_sent_at = ? WHERE id = ?", f.at(),
                c.id());
        LOG.info(node.tag() + " CMP-205 12319 complaint " + c.complaintId() + " result " + outcome.get()
                + " sent to " + c.originNode());
    }

    /** The complainant's rating from the national node; 不满意 reopens the case. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receiveSatisfaction(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        JsonObject p = pkg.pkg().payload();
        Optional<ComplaintView> found = jdbc.one("SELECT id FROM city_complaint WHERE origin_node = ? AND"
                + " complaint_id = ? FOR UPDATE", rs -> rs.getLong(1), sender.value(), p.getString("complaintId"))
                .map(this::find);
        if (found.isEmpty()) {
            LOG.warning(node.tag() + " CMP-206 satisfaction.result " + pkg.envelope().id() + " from " + sender
                    + " ignored: complaint " + p.getString("complaintId") + " was not forwarded here by it");
            return;
        }
        ComplaintView c = found.get();
        String satisfaction = p.getString("satisfaction");
        String comment = Payloads.optString(p, "comment");
        jdbc.update("UPDATE city_complaint SET satisfaction = ?, satisfaction_comment = ?, rated_at = ? WHERE id = ?",
                satisfaction, comment, Payloads.ts(p.getString("surveyedAt")), c.id());
        if (!"DISSATISFIED".equals(satisfaction)) {
            jdbc.update("UPDATE city_complaint SET status = 'CLOSED' WHERE id = ?", c.id());
            return;
        }
        Optional<CityCase> reopened = c.caseId() == null ? Optional.empty()
                : cases.reopen(c.caseId(), "12319 回访不满意" + (comment == null ? "" : "：" + comment), CHANNEL_ACTOR);
        if (reopened.isEmpty()) {
            LOG.warning(node.tag() + " CMP-207 12319 complaint " + c.complaintId() + " rated 不满意 but case "
                    + c.caseNo() + " (" + c.caseState() + ") cannot be reopened by the workflow");
            return;
        }
        jdbc.update("UPDATE city_complaint SET status = 'IN_CASE', rounds = rounds + 1 WHERE id = ?", c.id());
        LOG.info(node.tag() + " CMP-208 12319 complaint " + c.complaintId() + " rated 不满意: case "
                + reopened.get().caseNo() + " reopened");
    }

    public Paging.Page<ComplaintView> list(String status, Paging paging) {
        requireReader();
        if (status != null && !Set.of("PENDING_CASE", "IN_CASE", "RESULT_SENT", "CLOSED").contains(status)) {
            throw ProblemException.invalid("status", status, "PENDING_CASE, IN_CASE, RESULT_SENT or CLOSED");
        }
        long total = jdbc.one("SELECT count(*) FROM city_complaint WHERE (?::text IS NULL OR status = ?)",
                rs -> rs.getLong(1), status, status).orElse(0L);
        List<ComplaintView> items = jdbc.query(VIEW + " WHERE (?::text IS NULL OR k.status = ?) ORDER BY k.id DESC"
                + " LIMIT ? OFFSET ?", CityComplaints::view, status, status, paging.limit(), paging.offset());
        return paging.page(items, total);
    }

    public ComplaintView get(long id) {
        requireReader();
        return find(id);
    }

    /** A complaint with its case's number and state: one row per complaint. */
    private static final String VIEW = "SELECT k.*, c.case_no, c.state AS case_state FROM city_complaint k"
            + " LEFT JOIN city_case c ON c.id = k.case_id";

    ComplaintView find(long id) {
        return jdbc.one(VIEW + " WHERE k.id = ?", CityComplaints::view, id)
                .orElseThrow(() -> ProblemException.notFound("12319 complaint", id));
    }

    private static ComplaintView view(ResultSet rs) throws SQLException {
        double lon = rs.getDouble("lon");
        Double lonOrNull = rs.wasNull() ? null : lon;
        double lat = rs.getDouble("lat");
        Double latOrNull = rs.wasNull() ? null : lat;
        return new ComplaintView(rs.getLong("id"), rs.getString("origin_node"), rs.getString("complaint_id"),
                rs.getString("kind"), rs.getString("channel"), rs.getString("title"), rs.getString("text"),
                rs.getString("matter_code"), rs.getString("division_code"), rs.getString("address"), lonOrNull,
                latOrNull, rs.getString("contact_name"), rs.getString("contact_phone"),
                rs.getBoolean("reply_requested"), Payloads.array(rs.getString("photos")),
                Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "handle_deadline"), Jdbc.instant(rs, "forwarded_at"),
                rs.getString("status"), rs.getString("note"), Jdbc.longOrNull(rs, "case_id"), rs.getString("case_no"),
                rs.getString("case_state"), rs.getInt("rounds"), Jdbc.instant(rs, "result_sent_at"),
                rs.getString("satisfaction"), rs.getString("satisfaction_comment"), Jdbc.instant(rs, "rated_at"));
    }

    private Optional<ClassCode> matter(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            ClassCode m = ClassCode.of(code);
            return jdbc.one("SELECT count(*) FROM ref_class WHERE kind = 'MATTER' AND code = ?", rs -> rs.getLong(1),
                    m.value()).orElse(0L) > 0 ? Optional.of(m) : Optional.empty();
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private void requireRole(String role, String action) {
        if (!user.roles().contains(role)) {
            throw new ProblemException(ProblemType.FORBIDDEN, action + " needs the role " + role);
        }
    }

    private void requireReader() {
        if (user.roles().stream().noneMatch(Set.of(Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD,
                Role.Ids.DISPATCHER, Role.Ids.LEADER)::contains)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "12319 complaints are seen by intake-operator,"
                    + " shift-lead, dispatcher and leader");
        }
    }
}
