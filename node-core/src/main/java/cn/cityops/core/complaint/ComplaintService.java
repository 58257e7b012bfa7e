package cn.cityops.core.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.NodeDirectory;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.exchange.Peer;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.reporting.CityCoverage;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * The national 12319 centre (SPEC.md §6.7). Ministry staff take in complaints, enquiries and suggestions; a complaint
 * goes to the city that owns its location ({@code complaint.forward}) in the same transaction as its intake, the
 * city's {@code complaint.result} comes back when it closes the case, and the complainant's rating goes down as
 * {@code satisfaction.result} (不满意 reopens the city's case). Enquiries and suggestions — and complaints no city node
 * owns — are answered here. The complainant follows the item by its status token.
 */
@ApplicationScoped
public class ComplaintService {

    private static final Logger LOG = Logger.getLogger(ComplaintService.class.getName());
    static final Set<String> KINDS = Set.of("COMPLAINT", "ENQUIRY", "SUGGESTION");
    static final Set<String> CHANNELS = Set.of("HOTLINE", "WEB", "APP", "WECHAT", "EMAIL", "LETTER", "VISIT", "OTHER");
    static final Set<String> METHODS = Set.of("PHONE", "SMS", "APP", "VISIT", "OTHER");
    static final Map<String, String> STATUS_LABELS = Map.of("RECEIVED", "已受理", "UNROUTED", "待人工分办",
            "FORWARDED", "已转办至城市", "RESULT_RECEIVED", "已办结，待回访", "REOPENED", "不满意，重新办理",
            "ANSWERED", "已答复", "CLOSED", "已办结");
    static final Map<String, String> ACTION_LABELS = Map.ofEntries(Map.entry("RECEIVED", "12319 受理"),
            Map.entry("UNROUTED", "无法自动定位到城市，待人工分办"), Map.entry("FORWARDED", "转办至城市"),
            Map.entry("RESULT", "城市反馈办理结果"), Map.entry("RATED", "回访满意度"),
            Map.entry("REOPENED", "不满意，退回城市重新办理"), Map.entry("ANSWERED", "直接答复"));

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
    NodeDirectory directory;

    @Inject
    WorkingCalendarService calendar;

    @Inject
    ComplaintSettings settings;

    @Inject
    CityCoverage coverage;

    /** Where it is: division (required for a complaint), address, point. */
    public record Place(String divisionCode, String address, Double lon, Double lat) {
    }

    /** How to reach the complainant. */
    public record Contact(String name, String phone, Boolean anonymous, Boolean replyRequested) {
    }

    /** A photo reference (files are stored by the channel that took them; packages carry references). */
    public record Photo(String name, String mediaType, Long size, String sha256, String url) {
    }

    /** Body of {@code POST /api/12319/items}. */
    public record Intake(String kind, String channel, String title, String text, String matter, Place location,
            Contact contact, List<Photo> photos) {
    }

    public record Answer(String text) {
    }

    /** Body of {@code POST /api/12319/items/{id}/forward}: a corrected division, or none to try the same again. */
    public record Reroute(String divisionCode) {
    }

    public record Rating(String satisfaction, String method, String comment) {
    }

    public record Event(Instant at, String action, String label, String note, String actor) {
    }

    public record ComplaintView(long id, String complaintId, String kind, String channel, String status,
            String statusLabel, String title, String text, String matterClass, String divisionCode, String address,
            String lon, String lat, String contactName, String contactPhone, boolean anonymous,
            boolean replyRequested, JsonArray photos, String cityNode, String cityName, Instant receivedAt,
            Instant handleDeadline, int rounds, String answer, Instant answeredAt, String resultOutcome,
            String resultText, String resultCaseId, String resultHandler, Instant resultAt, String satisfaction,
            String satisfactionComment, Instant ratedAt, String createdBy, List<Event> events) {
    }

    /** What the complainant sees: no contact data, no staff names. */
    public record PublicStatus(String complaintId, String kind, String status, String statusLabel,
            Instant receivedAt, String handledBy, String answer, String resultOutcome, String resultOutcomeLabel,
            String resultText, Instant resultAt, String satisfaction, List<Event> timeline) {
    }

    /** The answer to an intake: the item and, once only, the complainant's status token. */
    public record Accepted(ComplaintView item, String statusToken, String statusPath) {
    }

    @Transactional
    public Accepted accept(Intake in) {
        requireStaff("taking in a 12319 item");
        if (in == null) {
            throw ProblemException.invalid("body", null, "a complaint, enquiry or suggestion is required");
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String kind = in.kind() == null ? null : in.kind().trim();
        if (kind == null || !KINDS.contains(kind)) {
            issues.add(new Problem.Issue("kind", in.kind(), "one of " + KINDS + " (投诉 / 咨询 / 建议)"));
        }
        String channel = in.channel() == null ? "HOTLINE" : in.channel().trim();
        if (!CHANNELS.contains(channel)) {
            issues.add(new Problem.Issue("channel", in.channel(), "one of " + CHANNELS));
        }
        text(issues, "title", in.title(), 200, false);
        text(issues, "text", in.text(), 20000, true);
        String matter = in.matter() == null || in.matter().isBlank() ? null : in.matter().trim();
        if (matter != null && jdbc.one("SELECT count(*) FROM ref_class WHERE kind = 'MATTER' AND code = ?",
                rs -> rs.getLong(1), matter).orElse(0L) == 0) {
            issues.add(new Problem.Issue("matter", matter, "not a GB/T 47678.5 management matter class (5 digits)"));
        }
        Place place = in.location();
        boolean complaint = "COMPLAINT".equals(kind);
        String division = null;
        String lon = null;
        String lat = null;
        if (place == null || place.divisionCode() == null || place.divisionCode().isBlank()) {
            if (complaint && (place == null || place.lon() == null || place.lat() == null)) {
                issues.add(new Problem.Issue("location.divisionCode", null, "a complaint needs where it happened:"
                        + " the division (6-digit county or city code, or 9-digit township code) or lon and lat"));
            }
        } else {
            division = place.divisionCode().trim();
            if (!division.matches("[0-9]{6}([0-9]{3})?")) {
                issues.add(new Problem.Issue("location.divisionCode", division, "6 or 9 digits (GB/T 2260 / 10114)"));
                division = null;
            } else if (!knownDivision(division.substring(0, 6))) {
                issues.add(new Problem.Issue("location.divisionCode", division, "not a known GB/T 2260 division"));
                division = null;
            }
        }
        if (place != null) {
            text(issues, "location.address", place.address(), 256, false);
            if ((place.lon() == null) != (place.lat() == null)) {
                issues.add(new Problem.Issue(place.lon() == null ? "location.lon" : "location.lat", null,
                        "give both lon and lat, or neither"));
            } else if (place.lon() != null) {
                if (place.lon().isNaN() || place.lon() < -180 || place.lon() > 180) {
                    issues.add(new Problem.Issue("location.lon", String.valueOf(place.lon()), "-180…180 degrees"));
                } else {
                    lon = ComplaintPayloads.degrees(place.lon());
                }
                if (place.lat().isNaN() || place.lat() < -90 || place.lat() > 90) {
                    issues.add(new Problem.Issue("location.lat", String.valueOf(place.lat()), "-90…90 degrees"));
                } else {
                    lat = ComplaintPayloads.degrees(place.lat());
                }
            }
        }
        Contact contact = in.contact() == null ? new Contact(null, null, true, false) : in.contact();
        boolean anonymous = Boolean.TRUE.equals(contact.anonymous())
                || (contact.name() == null && contact.phone() == null);
        text(issues, "contact.name", contact.name(), 50, false);
        if (contact.phone() != null && !contact.phone().matches("[0-9+][0-9 ()+-]{2,31}")) {
            issues.add(new Problem.Issue("contact.phone", contact.phone(), "digits, spaces, + ( ) -, 3 to 32"));
        }
        JsonArray photos = photos(in.photos(), issues);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        long id = jdbc.one("SELECT nextval('cmp_complaint_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        String complaintId = "12319-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(now, node.zone()))
                + "-" + String.format("%06d", id);
        String token = StatusToken.generate();
        jdbc.update("INSERT INTO cmp_complaint (id, complaint_id, token_sha256, kind, channel, status, title, text,"
                + " matter_class, division_code, address, lon, lat, contact_name, contact_phone, anonymous,"
                + " reply_requested, photos, received_at, created_by) VALUES (?,?,?,?,?,'RECEIVED',?,?,?,?,?,?,?,?,?,"
                + "?,?,?,?,?)", id, complaintId, StatusToken.sha256(token), kind, channel, blankToNull(in.title()),
                in.text().trim(), matter, division, place == null ? null : blankToNull(place.address()), lon, lat,
                anonymous ? null : blankToNull(contact.name()), anonymous ? null : blankToNull(contact.phone()),
                anonymous, contact.replyRequested() == null || contact.replyRequested(), photos.toString(), now,
                access.username());
        event(id, now, "RECEIVED", channel, access.username(), null);
        if (complaint) {
            CityLocator.Route route = route(division, lon == null || lat == null ? null : place);
            if (route.found()) {
                if (division == null) {
                    jdbc.update("UPDATE cmp_complaint SET division_code = ? WHERE id = ?", route.city().value(), id);
                }
                forward(id, route.city(), now, false, route.reason());
            } else {
                jdbc.update("UPDATE cmp_complaint SET status = 'UNROUTED' WHERE id = ?", id);
                event(id, now, "UNROUTED", route.reason(), null, null);
                LOG.warning(node.tag() + " CMP-002 12319 complaint " + complaintId + " not forwarded: "
                        + route.reason());
            }
        }
        audit.record(access.username(), "complaint.accept", "complaint:" + id, complaintId, access.remoteAddress());
        return new Accepted(find(id), token, "/api/12319/status/" + token);
    }

    /**
     * The city of a complaint: by geometry when a point is given and a city's reported unit grids cover it (SPEC
     * §6.7), otherwise by the division code.
     */
    private CityLocator.Route route(String division, Place point) {
        if (point != null) {
            Optional<CityCoverage.Hit> hit = coverage.cityAt(point.lon(), point.lat());
            if (hit.isPresent() && isCityNode(hit.get().city())) {
                return new CityLocator.Route(hit.get().city(), "point " + point.lon() + "," + point.lat()
                        + " lies in the unit grids city " + hit.get().city() + " reported on " + hit.get().asOf());
            }
            if (division == null) {
                return new CityLocator.Route(null, "point " + point.lon() + "," + point.lat() + " lies in no"
                        + " city's reported unit grids, and no division was given");
            }
        }
        return CityLocator.locate(division, this::parentOf, this::isCityNode);
    }

    /**
     * Sends the complaint (again) to its city: status FORWARDED or REOPENED, a fresh handling deadline; {@code why}
     * says how the city was found (logged with the first forward).
     */
    private void forward(long id, NodeId city, Instant now, boolean reopen, String why) {
        Instant deadline = calendar.calculator().deadline(now, settings.handleLimit());
        jdbc.update("UPDATE cmp_complaint SET status = ?, city_node = ?, rounds = rounds + 1, handle_deadline = ?,"
                + " version = version + 1 WHERE id = ?", reopen ? "REOPENED" : "FORWARDED", city.value(), deadline,
                id);
        if (!reopen) {
            ComplaintPayloads.Item item = item(id);
            outbox.enqueue("complaint.forward", city, item.complaintId(), ComplaintPayloads.forward(item, deadline),
                    true);
            event(id, now, "FORWARDED", name(city), null, null);
            LOG.info(node.tag() + " CMP-001 12319 complaint " + item.complaintId() + " forwarded to " + city + ": "
                    + why);
        }
    }

    /**
     * Forwards an UNROUTED complaint once its city can be found: with a corrected division, or after the city node
     * has joined the directory.
     */
    @Transactional
    public ComplaintView reroute(long id, Reroute r) {
        requireStaff("forwarding a 12319 complaint");
        ComplaintView c = find(id);
        if (!"UNROUTED".equals(c.status())) {
            throw ProblemException.conflict("12319 item " + c.complaintId() + " is " + c.status() + "; only an"
                    + " UNROUTED complaint is forwarded by hand", Map.of("status", c.status()));
        }
        String given = r == null || r.divisionCode() == null || r.divisionCode().isBlank() ? null
                : r.divisionCode().trim();
        if (given != null && (!given.matches("[0-9]{6}([0-9]{3})?") || !knownDivision(given.substring(0, 6)))) {
            throw ProblemException.invalid("divisionCode", given, "a known GB/T 2260 division (6 or 9 digits)");
        }
        // a division the operator gives overrides the point; otherwise the point is tried again (a city may have
        // reported its grids since)
        Place point = given != null || c.lon() == null || c.lat() == null ? null
                : new Place(null, null, Double.valueOf(c.lon()), Double.valueOf(c.lat()));
        String division = given != null ? given : c.divisionCode();
        if (division == null && point == null) {
            throw ProblemException.invalid("divisionCode", null, "the complaint names no division and no point;"
                    + " give the division (6 or 9 digits)");
        }
        CityLocator.Route route = route(division, point);
        if (!route.found()) {
            throw ProblemException.conflict(route.reason(), Map.of("divisionCode", String.valueOf(division)));
        }
        if (division == null) {
            division = route.city().value();
        }
        Instant now = Instant.now();
        jdbc.update("UPDATE cmp_complaint SET division_code = ? WHERE id = ?", division, id);
        forward(id, route.city(), now, false, route.reason());
        audit.record(access.username(), "complaint.forward", "complaint:" + id, c.complaintId() + " → "
                + route.city(), access.remoteAddress());
        return find(id);
    }

    @Transactional
    public ComplaintView answer(long id, Answer a) {
        requireStaff("answering a 12319 item");
        ComplaintView c = find(id);
        boolean direct = !"COMPLAINT".equals(c.kind()) && "RECEIVED".equals(c.status());
        if (!direct && !"UNROUTED".equals(c.status())) {
            throw ProblemException.conflict("12319 item " + c.complaintId() + " is " + c.status() + "; enquiries and"
                    + " suggestions are answered here, complaints by the city they were forwarded to",
                    Map.of("status", c.status()));
        }
        if (a == null || a.text() == null || a.text().isBlank() || a.text().length() > 20000) {
            throw ProblemException.invalid("text", null, "the answer: 1 to 20000 characters");
        }
        Instant now = Instant.now();
        jdbc.update("UPDATE cmp_complaint SET status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?,"
                + " version = version + 1 WHERE id = ?", a.text().trim(), access.username(), now, id);
        event(id, now, "ANSWERED", a.text().trim(), access.username(), null);
        audit.record(access.username(), "complaint.answer", "complaint:" + id, c.complaintId(),
                access.remoteAddress());
        return find(id);
    }

    /** Records the complainant's rating after the city's result; 不满意 sends the case back to the city. */
    @Transactional
    public ComplaintView rate(long id, Rating r) {
        requireStaff("recording a 12319 rating");
        ComplaintView c = find(id);
        if (!"RESULT_RECEIVED".equals(c.status())) {
            throw ProblemException.conflict("12319 item " + c.complaintId() + " is " + c.status() + "; the"
                    + " complainant rates a complaint once the city's result is back", Map.of("status", c.status()));
        }
        List<Problem.Issue> issues = new ArrayList<>();
        Optional<Satisfaction> s = Satisfaction.parse(r == null ? null : r.satisfaction());
        if (s.isEmpty()) {
            issues.add(new Problem.Issue("satisfaction", r == null ? null : r.satisfaction(),
                    "one of SATISFIED, BASICALLY_SATISFIED, DISSATISFIED (满意 / 基本满意 / 不满意)"));
        }
        String method = r == null || r.method() == null ? "PHONE" : r.method();
        if (!METHODS.contains(method)) {
            issues.add(new Problem.Issue("method", method, "one of " + METHODS));
        }
        if (r != null) {
            text(issues, "comment", r.comment(), 2000, false);
        }
        if (s.isPresent() && s.get().reopens() && (r.comment() == null || r.comment().isBlank())) {
            issues.add(new Problem.Issue("comment", null, "不满意 needs the complainant's reason: the city handles the"
                    + " case again because of it"));
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        Instant now = Instant.now();
        String comment = blankToNull(r.comment());
        jdbc.update("UPDATE cmp_complaint SET satisfaction = ?, satisfaction_method = ?, satisfaction_comment = ?,"
                + " rated_by = ?, rated_at = ?, status = 'CLOSED', version = version + 1 WHERE id = ?",
                s.get().name(), method, comment, access.username(), now, id);
        event(id, now, "RATED", s.get().label() + (comment == null ? "" : "：" + comment), access.username(), null);
        NodeId city = NodeId.of(c.cityNode());
        outbox.enqueue("satisfaction.result", city, c.complaintId(), ComplaintPayloads.satisfaction(c.complaintId(),
                s.get(), method, comment, now, node.nodeIdText(), access.displayName()), true);
        if (s.get().reopens()) {
            forward(id, city, now, true, null);
            event(id, now, "REOPENED", name(city), null, null);
        }
        audit.record(access.username(), "complaint.rate", "complaint:" + id, c.complaintId() + " " + s.get(),
                access.remoteAddress());
        return find(id);
    }

    /** Applies a city's complaint.result: only from the city the complaint is with, only while it handles it. */
    void receiveResult(VerifiedPackage pkg) {
        NodeId sender = pkg.envelope().sender();
        ComplaintPayloads.Result r = ComplaintPayloads.result(pkg.pkg().payload());
        if (node.level() != NodeLevel.NATIONAL) {
            LOG.warning(node.tag() + " CMP-103 complaint.result " + pkg.envelope().id() + " ignored: 12319 results"
                    + " go to the national node");
            return;
        }
        Optional<Object[]> row = jdbc.one("SELECT id, status, city_node FROM cmp_complaint WHERE complaint_id = ?"
                + " FOR UPDATE", rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)},
                r.complaintId());
        if (row.isEmpty() || !sender.value().equals(row.get()[2])) {
            LOG.warning(node.tag() + " CMP-101 complaint.result " + pkg.envelope().id() + " from " + sender
                    + " ignored: complaint " + r.complaintId() + " was not forwarded to it");
            return;
        }
        long id = (Long) row.get()[0];
        if (!Set.of("FORWARDED", "REOPENED", "RESULT_RECEIVED").contains((String) row.get()[1])) {
            LOG.warning(node.tag() + " CMP-102 complaint.result " + pkg.envelope().id() + " for " + r.complaintId()
                    + " ignored: the complaint is " + row.get()[1]);
            return;
        }
        jdbc.update("UPDATE cmp_complaint SET status = 'RESULT_RECEIVED', result_outcome = ?, result_text = ?,"
                + " result_case_id = ?, result_handler = ?, result_at = ?, version = version + 1 WHERE id = ?",
                r.outcome(), r.text(), r.caseId(), r.handler(), r.handledAt(), id);
        event(id, r.handledAt(), "RESULT", ComplaintPayloads.OUTCOMES.get(r.outcome()) + "：" + r.text(),
                r.handler(), pkg.envelope().id());
    }

    /** The complainant's view by token (no sign-in). */
    public PublicStatus status(String token) {
        if (node.level() != NodeLevel.NATIONAL) {
            throw ProblemException.notFound("12319 item", "token");
        }
        if (!StatusToken.wellFormed(token)) {
            throw ProblemException.invalid("token", null, "a status token has 32 characters of A-Z a-z 0-9 _ -");
        }
        long id = jdbc.one("SELECT id FROM cmp_complaint WHERE token_sha256 = ?", rs -> rs.getLong(1),
                StatusToken.sha256(token)).orElseThrow(() -> ProblemException.notFound("12319 item", "token"));
        ComplaintView c = find(id);
        List<Event> timeline = c.events().stream().map(e -> new Event(e.at(), e.action(), e.label(),
                "RESULT".equals(e.action()) || "ANSWERED".equals(e.action()) || "FORWARDED".equals(e.action())
                        || "REOPENED".equals(e.action()) ? e.note() : null, null)).toList();
        return new PublicStatus(c.complaintId(), c.kind(), c.status(), c.statusLabel(), c.receivedAt(), c.cityName(),
                c.answer(), c.resultOutcome(), c.resultOutcome() == null ? null
                        : ComplaintPayloads.OUTCOMES.get(c.resultOutcome()), c.resultText(), c.resultAt(),
                c.satisfaction(), timeline);
    }

    public ComplaintView get(long id) {
        requireReader();
        return find(id);
    }

    ComplaintView find(long id) {
        return jdbc.one("SELECT * FROM cmp_complaint WHERE id = ?", rs -> {
            String city = rs.getString("city_node");
            return new ComplaintView(rs.getLong("id"), rs.getString("complaint_id"), rs.getString("kind"),
                    rs.getString("channel"), rs.getString("status"), STATUS_LABELS.get(rs.getString("status")),
                    rs.getString("title"), rs.getString("text"), rs.getString("matter_class"),
                    rs.getString("division_code"), rs.getString("address"), rs.getString("lon"), rs.getString("lat"),
                    rs.getString("contact_name"), rs.getString("contact_phone"), rs.getBoolean("anonymous"),
                    rs.getBoolean("reply_requested"), Payloads.array(rs.getString("photos")), city,
                    city == null ? null : name(NodeId.of(city)), Jdbc.instant(rs, "received_at"),
                    Jdbc.instant(rs, "handle_deadline"), rs.getInt("rounds"), rs.getString("answer"),
                    Jdbc.instant(rs, "answered_at"), rs.getString("result_outcome"), rs.getString("result_text"),
                    rs.getString("result_case_id"), rs.getString("result_handler"), Jdbc.instant(rs, "result_at"),
                    rs.getString("satisfaction"), rs.getString("satisfaction_comment"), Jdbc.instant(rs, "rated_at"),
                    rs.getString("created_by"), events(id));
        }, id).orElseThrow(() -> ProblemException.notFound("12319 item", id));
    }

    public record Summary(long id, String complaintId, String kind, String channel, String status, String statusLabel,
            String title, String divisionCode, String cityNode, Instant receivedAt, Instant handleDeadline,
            int rounds, String satisfaction) {
    }

    /** The national queue, newest first; filters by status, kind and city. */
    public Paging.Page<Summary> list(String status, String kind, String city, Paging paging) {
        requireReader();
        if (status != null && !STATUS_LABELS.containsKey(status)) {
            throw ProblemException.invalid("status", status, "one of " + STATUS_LABELS.keySet());
        }
        if (kind != null && !KINDS.contains(kind)) {
            throw ProblemException.invalid("kind", kind, "one of " + KINDS);
        }
        if (city != null && !city.matches("[0-9]{6}")) {
            throw ProblemException.invalid("city", city, "a city node id (6 digits)");
        }
        String where = " WHERE (?::text IS NULL OR status = ?) AND (?::text IS NULL OR kind = ?)"
                + " AND (?::text IS NULL OR city_node = ?)";
        Object[] args = {status, status, kind, kind, city, city};
        long total = jdbc.one("SELECT count(*) FROM cmp_complaint" + where, rs -> rs.getLong(1), args).orElse(0L);
        Object[] page = new Object[args.length + 2];
        System.arraycopy(args, 0, page, 0, args.length);
        page[args.length] = paging.limit();
        page[args.length + 1] = paging.offset();
        List<Summary> items = jdbc.query("SELECT * FROM cmp_complaint" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> new Summary(rs.getLong("id"), rs.getString("complaint_id"), rs.getString("kind"),
                        rs.getString("channel"), rs.getString("status"), STATUS_LABELS.get(rs.getString("status")),
                        rs.getString("title"), rs.getString("division_code"), rs.getString("city_node"),
                        Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "handle_deadline"), rs.getInt("rounds"),
                        rs.getString("satisfaction")), page);
        return paging.page(items, total);
    }

    private List<Event> events(long id) {
        return jdbc.query("SELECT at, action, note, actor FROM cmp_complaint_event WHERE complaint = ? ORDER BY id",
                rs -> new Event(Jdbc.instant(rs, "at"), rs.getString("action"),
                        ACTION_LABELS.get(rs.getString("action")), rs.getString("note"), rs.getString("actor")), id);
    }

    private void event(long id, Instant at, String action, String note, String actor, java.util.UUID packageId) {
        jdbc.update("INSERT INTO cmp_complaint_event (complaint, at, action, note, actor, package_id) VALUES"
                + " (?,?,?,?,?,?)", id, at, action, note, actor, packageId);
    }

    private ComplaintPayloads.Item item(long id) {
        return jdbc.one("SELECT * FROM cmp_complaint WHERE id = ?", rs -> new ComplaintPayloads.Item(
                rs.getString("complaint_id"), rs.getString("kind"), rs.getString("channel"), rs.getString("title"),
                rs.getString("text"), rs.getString("matter_class"), rs.getString("division_code"),
                rs.getString("address"), rs.getString("lon"), rs.getString("lat"), rs.getString("contact_name"),
                rs.getString("contact_phone"), rs.getBoolean("anonymous"), rs.getBoolean("reply_requested"),
                Payloads.array(rs.getString("photos")), Jdbc.instant(rs, "received_at")), id).orElseThrow();
    }

    private JsonArray photos(List<Photo> list, List<Problem.Issue> issues) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        List<Photo> photos = list == null ? List.of() : list;
        if (photos.size() > 100) {
            issues.add(new Problem.Issue("photos", String.valueOf(photos.size()), "at most 100 photos"));
            return a.build();
        }
        for (int i = 0; i < photos.size(); i++) {
            Photo p = photos.get(i);
            if (p == null) {
                issues.add(new Problem.Issue("photos[" + i + "]", null, "a photo reference is required"));
                continue;
            }
            JsonObjectBuilder b = Json.createObjectBuilder();
            putOrIssue(b, issues, i, "name", p.name());
            putOrIssue(b, issues, i, "mediaType", p.mediaType());
            putOrIssue(b, issues, i, "sha256", p.sha256());
            putOrIssue(b, issues, i, "url", p.url());
            if (p.size() == null || p.size() < 0) {
                issues.add(new Problem.Issue("photos[" + i + "].size", String.valueOf(p.size()), "bytes, >= 0"));
            } else {
                b.add("size", p.size());
            }
            if (p.sha256() != null && !p.sha256().matches("[0-9a-f]{64}")) {
                issues.add(new Problem.Issue("photos[" + i + "].sha256", p.sha256(), "64 lowercase hex digits"));
            }
            if (p.mediaType() != null && !p.mediaType().matches("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/"
                    + "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")) {
                issues.add(new Problem.Issue("photos[" + i + "].mediaType", p.mediaType(), "a media type such as"
                        + " image/jpeg"));
            }
            if (p.url() != null && !absoluteUrl(p.url())) {
                issues.add(new Problem.Issue("photos[" + i + "].url", p.url(), "an absolute http(s) URL"));
            }
            JsonObject photo = b.build();
            a.add(photo);
        }
        return a.build();
    }

    private static boolean absoluteUrl(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            return url.length() <= 2048 && u.isAbsolute() && u.getHost() != null
                    && Set.of("http", "https").contains(u.getScheme()) && url.chars().allMatch(ch -> ch > 32 && ch < 127);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void putOrIssue(JsonObjectBuilder b, List<Problem.Issue> issues, int i, String key, String v) {
        if (v == null || v.isBlank()) {
            issues.add(new Problem.Issue("photos[" + i + "]." + key, null, "is required"));
        } else {
            b.add(key, v);
        }
    }

    private boolean knownDivision(String code6) {
        return jdbc.one("SELECT count(*) FROM ref_division WHERE code IN (?, ?)", rs -> rs.getLong(1), code6,
                code6.substring(0, 4) + "00").orElse(0L) > 0;
    }

    private Optional<String> parentOf(String code) {
        return jdbc.one("SELECT parent_code FROM ref_division WHERE code = ?", rs -> rs.getString(1), code)
                .filter(p -> p != null);
    }

    private boolean isCityNode(NodeId id) {
        return directory.find(id).filter(p -> p.level() == NodeLevel.MUNICIPAL).isPresent();
    }

    private String name(NodeId id) {
        return directory.find(id).map(Peer::name).orElse(id.value());
    }

    private void requireStaff(String action) {
        access.requireLevel(NodeLevel.NATIONAL, action);
        if (!access.has(Role.Ids.MINISTRY_SUPERVISOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, action + " needs the role "
                    + Role.Ids.MINISTRY_SUPERVISOR + " (leader is read-only)");
        }
    }

    private void requireReader() {
        access.requireLevel(NodeLevel.NATIONAL, "the 12319 queue");
        if (!access.has(Role.Ids.MINISTRY_SUPERVISOR) && !access.has(Role.Ids.LEADER)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "the 12319 queue needs the role "
                    + Role.Ids.MINISTRY_SUPERVISOR + " or " + Role.Ids.LEADER);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void text(List<Problem.Issue> issues, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                issues.add(new Problem.Issue(field, value, "is required"));
            }
        } else if (value.length() > max) {
            issues.add(new Problem.Issue(field, null, "at most " + max + " characters"));
        }
    }
}
