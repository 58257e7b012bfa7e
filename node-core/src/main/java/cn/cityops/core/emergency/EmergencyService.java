package cn.cityops.core.emergency;

import static cn.cityops.core.supervision.task.TaskService.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.core.supervision.task.UrgingService;
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
 * Emergencies (突发事件: natural disasters, major infrastructure accidents, mass incidents). A city enters one and
 * updates it until it is closed; every report ({@code emergency.report}, numbered {@code updateNo} 0, 1, …) goes at
 * once to the province and to the national node in one ordered stream per event, so upper levels see the latest
 * state live. A province sees its cities' events, the national node all; both can urge the city about an event
 * (the urging flow of {@link UrgingService}, reference kind EMERGENCY).
 */
@ApplicationScoped
public class EmergencyService {

    private static final Logger LOG = Logger.getLogger(EmergencyService.class.getName());
    static final Set<String> STATUSES = Set.of("ONGOING", "CONTROLLED", "CLOSED");
    static final Set<String> SEVERITIES = Set.of("I", "II", "III", "IV", "UNKNOWN");

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
    UrgingService urgings;

    public record Casualties(Integer deaths, Integer injured, Integer missing) {
    }

    public record EmergencyDraft(String category, String title, String summary, String severity, String divisionCode,
            String address, String lon, String lat, String occurredAt, Casualties casualties, String measures) {
    }

    public record EmergencyUpdate(String status, String summary, String severity, Casualties casualties,
            String measures) {
    }

    public record Update(int updateNo, String status, Instant reportedAt, Instant receivedAt, JsonObject report) {
    }

    public record EmergencyView(long id, String eventId, String cityNode, String direction, int updateNo,
            String status, String severity, String category, String title, Instant firstReportedAt,
            Instant lastReportedAt, Instant lastReceivedAt, JsonObject latest, List<Update> updates,
            List<UrgingService.UrgingView> urgings) {
    }

    @Transactional
    public long report(EmergencyDraft d) {
        access.requireLevel(NodeLevel.MUNICIPAL, "reporting an emergency");
        access.requireHandler("reporting an emergency");
        if (d == null) {
            throw ProblemException.invalid("body", null, "an emergency is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        text(issues, "category", d.category(), 100, true);
        text(issues, "title", d.title(), 200, true);
        text(issues, "summary", d.summary(), 20000, true);
        text(issues, "measures", d.measures(), 20000, false);
        text(issues, "address", d.address(), 256, false);
        String severity = d.severity() == null ? "UNKNOWN" : d.severity();
        if (!SEVERITIES.contains(severity)) {
            issues.add(new Problem.Issue("severity", severity, "one of " + SEVERITIES + " (I 特别重大 … IV 一般)"));
        }
        String division = d.divisionCode() == null ? node.nodeIdText() : d.divisionCode();
        if (!division.matches("[0-9]{6}([0-9]{3})?") || !division.startsWith(node.nodeIdText().substring(0, 4))) {
            issues.add(new Problem.Issue("divisionCode", division, "6 or 9 digits, a division of this city "
                    + node.nodeIdText()));
        }
        JsonObjectBuilder location = Json.createObjectBuilder().add("divisionCode", division);
        Payloads.putIfPresent(location, "address", d.address());
        if (d.lon() != null || d.lat() != null) {
            if (coordinate(issues, "lon", d.lon(), 180) && coordinate(issues, "lat", d.lat(), 90)) {
                location.add("point", Json.createObjectBuilder().add("lon", d.lon()).add("lat", d.lat()));
            }
        }
        Instant occurred = instant(issues, "occurredAt", d.occurredAt());
        if (occurred != null && occurred.isAfter(Instant.now().plusSeconds(300))) {
            issues.add(new Problem.Issue("occurredAt", d.occurredAt(), "must not be in the future"));
        }
        casualties(issues, d.casualties());
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        long id = jdbc.one("SELECT nextval('emg_event_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        String eventId = "E" + node.nodeIdText() + "-" + id;
        Instant now = Instant.now();
        JsonObjectBuilder p = Json.createObjectBuilder().add("eventId", eventId).add("updateNo", 0)
                .add("status", "ONGOING").add("severity", severity).add("category", d.category().trim())
                .add("title", d.title().trim()).add("summary", d.summary()).add("location", location)
                .add("occurredAt", Payloads.ts(occurred)).add("reportedAt", Payloads.ts(now))
                .add("reporter", Payloads.party(node.nodeIdText(), null, access.displayName()));
        if (d.casualties() != null) {
            p.add("casualties", casualtiesJson(d.casualties()));
        }
        Payloads.putIfPresent(p, "measures", d.measures());
        JsonObject payload = p.build();
        jdbc.update("INSERT INTO emg_event (id, city_node, event_id, direction, update_no, status, latest,"
                + " first_reported_at, last_reported_at, created_by) VALUES (?,?,?,'REPORTED',0,'ONGOING',?,?,?,?)",
                id, node.nodeIdText(), eventId, payload.toString(), now, now, access.username());
        sendUp(id, payload, now);
        audit.record(access.username(), "emergency.report", "emergency:" + id, eventId + " " + d.title(),
                access.remoteAddress());
        return id;
    }

    @Transactional
    public long update(long id, EmergencyUpdate u) {
        access.requireLevel(NodeLevel.MUNICIPAL, "updating an emergency");
        access.requireHandler("updating an emergency");
        EmergencyView e = find(id);
        if (!"REPORTED".equals(e.direction())) {
            throw ProblemException.conflict("emergency " + id + " was reported by " + e.cityNode()
                    + "; only that city updates it", Map.of());
        }
        if ("CLOSED".equals(e.status())) {
            throw ProblemException.conflict("emergency " + e.eventId() + " is closed; report a new one", Map.of());
        }
        if (u == null) {
            throw ProblemException.invalid("status", null, "one of " + STATUSES + " is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        if (u.status() == null || !STATUSES.contains(u.status())) {
            issues.add(new Problem.Issue("status", u.status(), "one of " + STATUSES + " (处置中 / 已控制 / 已结束)"));
        }
        if (u.severity() != null && !SEVERITIES.contains(u.severity())) {
            issues.add(new Problem.Issue("severity", u.severity(), "one of " + SEVERITIES));
        }
        text(issues, "summary", u.summary(), 20000, false);
        text(issues, "measures", u.measures(), 20000, false);
        casualties(issues, u.casualties());
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        int no = e.updateNo() + 1;
        JsonObjectBuilder p = Json.createObjectBuilder(e.latest()).add("updateNo", no).add("status", u.status())
                .add("reportedAt", Payloads.ts(now))
                .add("reporter", Payloads.party(node.nodeIdText(), null, access.displayName()));
        if (u.severity() != null) {
            p.add("severity", u.severity());
        }
        if (u.summary() != null && !u.summary().isBlank()) {
            p.add("summary", u.summary());
        }
        Payloads.putIfPresent(p, "measures", u.measures());
        if (u.casualties() != null) {
            p.add("casualties", casualtiesJson(u.casualties()));
        }
        JsonObject payload = p.build();
        jdbc.update("UPDATE emg_event SET update_no = ?, status = ?, latest = ?, last_reported_at = ?,"
                + " last_received_at = ? WHERE id = ?", no, u.status(), payload.toString(), now, now, id);
        sendUp(id, payload, now);
        audit.record(access.username(), "emergency.update", "emergency:" + id, e.eventId() + " #" + no + " "
                + u.status(), access.remoteAddress());
        return id;
    }

    private void sendUp(long id, JsonObject payload, Instant now) {
        jdbc.update("INSERT INTO emg_update (event, update_no, payload, reported_at, received_at) VALUES (?,?,?,?,?)",
                id, payload.getInt("updateNo"), payload.toString(), now, now);
        String eventId = payload.getString("eventId");
        for (NodeId to : List.of(node.nodeId().parent().orElseThrow(), NodeId.NATIONAL)) {
            outbox.enqueue("emergency.report", to, eventId, payload, true);
        }
    }

    /** An upper level urges the city about one of its emergencies that is not closed. */
    @Transactional
    public long urge(long id, UrgingService.UrgeRequest r) {
        access.requireIssuer("urging (督办) about an emergency");
        EmergencyView e = find(id);
        if (!"RECEIVED".equals(e.direction())) {
            throw ProblemException.conflict("emergency " + id + " was reported by this node", Map.of());
        }
        if ("CLOSED".equals(e.status())) {
            throw ProblemException.conflict("emergency " + e.eventId() + " is closed; there is nothing to urge",
                    Map.of());
        }
        return urgings.urgeAbout("EMERGENCY", e.eventId(), e.cityNode(), "关于突发事件《" + e.title() + "》的督办", r);
    }

    /** An emergency.report from a city (the province's own cities; the national node: any city). */
    void receive(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        boolean accepted = sender.level() == NodeLevel.MUNICIPAL && switch (node.level()) {
            case NATIONAL -> true;
            case PROVINCIAL -> node.nodeId().isParentOf(sender);
            case MUNICIPAL -> false;
        };
        if (!accepted) {
            LOG.warning(node.tag() + " EMG-101 emergency.report " + pkg.envelope().id() + " from " + sender
                    + " ignored: emergencies are reported by this node's cities");
            return;
        }
        JsonObject p = pkg.pkg().payload();
        Instant reportedAt = Payloads.ts(p.getString("reportedAt"));
        int no = p.getInt("updateNo");
        jdbc.update("INSERT INTO emg_event (city_node, event_id, direction, update_no, status, latest,"
                + " first_reported_at, last_reported_at) VALUES (?,?,'RECEIVED',?,?,?,?,?)"
                + " ON CONFLICT (city_node, event_id) DO UPDATE SET update_no = excluded.update_no,"
                + " status = excluded.status, latest = excluded.latest, last_reported_at = excluded.last_reported_at,"
                + " last_received_at = now() WHERE emg_event.update_no < excluded.update_no",
                sender.value(), p.getString("eventId"), no, p.getString("status"), p.toString(), reportedAt,
                reportedAt);
        long event = jdbc.one("SELECT id FROM emg_event WHERE city_node = ? AND event_id = ?", rs -> rs.getLong(1),
                sender.value(), p.getString("eventId")).orElseThrow();
        jdbc.update("INSERT INTO emg_update (event, update_no, payload, reported_at, package_id) VALUES (?,?,?,?,?)"
                + " ON CONFLICT (event, update_no) DO NOTHING", event, no, p.toString(), reportedAt,
                pkg.envelope().id());
    }

    public EmergencyView find(long id) {
        EmergencyView e = jdbc.one("SELECT * FROM emg_event WHERE id = ?", EmergencyService::view, id)
                .orElseThrow(() -> ProblemException.notFound("emergency", id));
        List<Update> updates = jdbc.query("SELECT * FROM emg_update WHERE event = ? ORDER BY update_no DESC",
                rs -> {
                    JsonObject p = Json.createReader(new java.io.StringReader(rs.getString("payload"))).readObject();
                    return new Update(rs.getInt("update_no"), p.getString("status"), Jdbc.instant(rs, "reported_at"),
                            Jdbc.instant(rs, "received_at"), p);
                }, id);
        return new EmergencyView(e.id(), e.eventId(), e.cityNode(), e.direction(), e.updateNo(), e.status(),
                e.severity(), e.category(), e.title(), e.firstReportedAt(), e.lastReportedAt(), e.lastReceivedAt(),
                e.latest(), updates, urgings.about("EMERGENCY", e.eventId()));
    }

    /** Events of this node, the open ones first and newest first; {@code status} OPEN (default), CLOSED or ALL. */
    public List<EmergencyView> list(String status, int limit) {
        String s = status == null ? "OPEN" : status;
        if (!Set.of("OPEN", "CLOSED", "ALL").contains(s)) {
            throw ProblemException.invalid("status", status, "OPEN, CLOSED or ALL");
        }
        return jdbc.query("SELECT * FROM emg_event WHERE (? = 'ALL' OR (? = 'OPEN') = (status <> 'CLOSED'))"
                + " ORDER BY status = 'CLOSED', last_reported_at DESC LIMIT ?", EmergencyService::view, s, s, limit);
    }

    private static EmergencyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        JsonObject latest = Json.createReader(new java.io.StringReader(rs.getString("latest"))).readObject();
        return new EmergencyView(rs.getLong("id"), rs.getString("event_id"), rs.getString("city_node"),
                rs.getString("direction"), rs.getInt("update_no"), rs.getString("status"),
                latest.getString("severity", null), latest.getString("category"), latest.getString("title"),
                Jdbc.instant(rs, "first_reported_at"), Jdbc.instant(rs, "last_reported_at"),
                Jdbc.instant(rs, "last_received_at"), latest, null, null);
    }

    private static JsonObject casualtiesJson(Casualties c) {
        return Json.createObjectBuilder().add("deaths", c.deaths() == null ? 0 : c.deaths())
                .add("injured", c.injured() == null ? 0 : c.injured())
                .add("missing", c.missing() == null ? 0 : c.missing()).build();
    }

    private static void casualties(List<Problem.Issue> issues, Casualties c) {
        if (c == null) {
            return;
        }
        for (var f : Map.of("deaths", c.deaths() == null ? 0 : c.deaths(), "injured",
                c.injured() == null ? 0 : c.injured(), "missing", c.missing() == null ? 0 : c.missing()).entrySet()) {
            if (f.getValue() < 0) {
                issues.add(new Problem.Issue("casualties." + f.getKey(), String.valueOf(f.getValue()), "must be >= 0"));
            }
        }
    }

    private static boolean coordinate(List<Problem.Issue> issues, String field, String value, int max) {
        try {
            double v = Double.parseDouble(value);
            if (value.matches("-?(0|[1-9][0-9]{0,2})(\\.[0-9]{1,9})?") && Math.abs(v) <= max) {
                return true;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        issues.add(new Problem.Issue(field, value, "a decimal degree string within ±" + max + ", e.g. 112.43"));
        return false;
    }

    static Instant instant(List<Problem.Issue> issues, String field, String value) {
        if (value == null) {
            issues.add(new Problem.Issue(field, null, "is required (RFC 3339, e.g. 2026-11-21T08:30:00Z)"));
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (RuntimeException e) {
            issues.add(new Problem.Issue(field, value, "an RFC 3339 timestamp, e.g. 2026-11-21T08:30:00Z"));
            return null;
        }
    }
}
