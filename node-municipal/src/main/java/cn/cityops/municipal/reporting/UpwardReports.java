package cn.cityops.municipal.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.Outbox;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.reporting.ReportPeriods;
import cn.cityops.core.reporting.ReportingSettings;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.model.node.NodeId;
import cn.cityops.municipal.caseflow.CaseStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Builds the city's upward reports — {@code statistics.report} (cases reported in the period, by region, matter,
 * department, source and status, from {@link CaseStatistics}) and {@code basicdata.report} (grids and components by
 * class, as of the period's last day) — and sends both to the province and to the national node (the national copy is
 * routed through the province, which forwards it unchanged). A scheduled period is sent once per node even with
 * several instances (unique row per period, written in the same transaction as the packages).
 */
@ApplicationScoped
public class UpwardReports {

    static final List<String> KINDS = List.of("DAY", "WEEK", "MONTH", "QUARTER", "HALF_YEAR", "YEAR", "CUSTOM");

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CaseStatistics statistics;

    @Inject
    ReportingSettings settings;

    public record Sent(long id, String reportId, String trigger, String periodKind, LocalDate periodFrom,
            LocalDate periodTo, JsonObject totals, int gridCount, int componentTotal, Instant sentAt, String sentBy) {
    }

    public record OnDemand(String kind, String from, String to) {
    }

    /** The scheduled report of the last completed period, unless sent already; returns whether it was sent now. */
    @Transactional
    public boolean sendScheduled(Instant now) {
        ReportPeriods.Period period = settings.cadence().lastCompleted(now.atZone(node.zone()).toLocalDate());
        boolean done = jdbc.one("SELECT 1 FROM city_report_sent WHERE trigger = 'SCHEDULE' AND period_kind = ? AND"
                + " period_from = ?::date", rs -> 1, period.kind(), period.from()).isPresent();
        return !done && send(period, "SCHEDULE", null) != null;
    }

    /** A report requested by a person, for the last completed period or the one given. */
    @Transactional
    public Sent sendOnDemand(OnDemand request, String username, String remoteAddress) {
        ReportPeriods.Period period = period(request, LocalDate.now(node.zone()));
        Long id = send(period, "ON_DEMAND", username);
        audit.record(username, "reporting.send", "report:" + id, period.kind() + " " + period.from() + ".."
                + period.to(), remoteAddress);
        return find(id);
    }

    /** Validates an on-demand period: none given = the last completed period of the cadence. */
    ReportPeriods.Period period(OnDemand r, LocalDate today) {
        if (r == null || r.from() == null && r.to() == null) {
            return settings.cadence().lastCompleted(today);
        }
        List<Problem.Issue> issues = new ArrayList<>();
        String kind = r.kind() == null ? "CUSTOM" : r.kind();
        if (!KINDS.contains(kind)) {
            issues.add(new Problem.Issue("kind", kind, "one of " + KINDS));
        }
        LocalDate from = date("from", r.from(), issues);
        LocalDate to = date("to", r.to(), issues);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                issues.add(new Problem.Issue("to", r.to(), "must not be before from"));
            } else if (to.isAfter(today)) {
                issues.add(new Problem.Issue("to", r.to(), "must not be after today (" + today + ")"));
            } else if (from.plusDays(366).isBefore(to)) {
                issues.add(new Problem.Issue("from", r.from(), "a period covers at most 366 days"));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        return new ReportPeriods.Period(kind, from, to);
    }

    private static LocalDate date(String field, String value, List<Problem.Issue> issues) {
        try {
            if (value == null) {
                issues.add(new Problem.Issue(field, null, "is required (YYYY-MM-DD)"));
                return null;
            }
            return LocalDate.parse(value);
        } catch (RuntimeException e) {
            issues.add(new Problem.Issue(field, value, "a date YYYY-MM-DD"));
            return null;
        }
    }

    /** Writes the sent row and queues the four packages; null when the scheduled period was sent meanwhile. */
    private Long send(ReportPeriods.Period period, String trigger, String username) {
        Instant now = Instant.now();
        JsonObject stats = statisticsPayload(period, now);
        JsonObject basic = basicDataPayload(period.to(), now);
        long id = jdbc.one("SELECT nextval('city_report_sent_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        String reportId = "R" + node.nodeIdText() + "-" + id;
        int gridCount = basic.getInt("gridCount");
        int componentTotal = basic.getInt("componentTotal");
        int inserted = jdbc.update("INSERT INTO city_report_sent (id, report_id, trigger, period_kind, period_from,"
                + " period_to, totals, grid_count, component_total, sent_at, sent_by) VALUES"
                + " (?,?,?,?,?::date,?::date,?,?,?,?,?)"
                + " ON CONFLICT DO NOTHING", id, reportId, trigger, period.kind(), period.from(), period.to(),
                stats.getJsonObject("totals").toString(), gridCount, componentTotal, now, username);
        if (inserted == 0) {
            return null;
        }
        JsonObject statsPayload = Json.createObjectBuilder(stats).add("reportId", reportId).build();
        JsonObject basicPayload = Json.createObjectBuilder(basic).add("reportId", "B" + node.nodeIdText() + "-" + id)
                .build();
        JsonObject basicV1 = Json.createObjectBuilder(basicPayload).remove("coverage").build();
        for (NodeId to : receivers()) {
            outbox.enqueue("statistics.report", to, reportId, statsPayload, false);
            int version = outbox.schemaVersion("basicdata.report", to);
            outbox.enqueue("basicdata.report", version, to, reportId, version >= 2 ? basicPayload : basicV1, false);
        }
        return id;
    }

    private List<NodeId> receivers() {
        return List.of(node.nodeId().parent().orElseThrow(), NodeId.NATIONAL);
    }

    JsonObject statisticsPayload(ReportPeriods.Period period, Instant now) {
        Instant from = period.start(node.zone());
        Instant to = period.end(node.zone());
        List<CaseStatistics.Row> byStatus = statistics.breakdown("status", from, to).rows();
        long reported = 0;
        long filed = 0;
        long closed = 0;
        long onTime = 0;
        long overdue = 0;
        for (CaseStatistics.Row r : byStatus) {
            reported += r.reported();
            filed += r.filed();
            closed += r.closed();
            onTime += r.closedOnTime();
            overdue += r.overdue();
        }
        Map<String, String[]> states = new LinkedHashMap<>();
        jdbc.query("SELECT state, stage, terminal FROM city_workflow_state", rs -> states.put(rs.getString(1),
                new String[] {rs.getString(2), String.valueOf(rs.getBoolean(3))}));
        return Json.createObjectBuilder().add("divisionCode", node.nodeIdText())
                .add("period", Json.createObjectBuilder().add("kind", period.kind())
                        .add("from", period.from().toString()).add("to", period.to().toString()))
                .add("generatedAt", Payloads.ts(now))
                .add("totals", Json.createObjectBuilder().add("reported", reported).add("filed", filed)
                        .add("closed", closed).add("closedOnTime", onTime).add("overdue", overdue))
                .add("byRegion", items(statistics.breakdown("district", from, to).rows(), k -> k))
                .add("byMatter", items(statistics.breakdown("matter", from, to).rows(), k -> k))
                .add("byDepartment", items(statistics.breakdown("department", from, to).rows(), k -> k))
                .add("bySource", items(statistics.breakdown("source", from, to).rows(), UpwardCodes::source))
                .add("byStatus", items(byStatus, k -> {
                    String[] s = states.get(k);
                    return s == null ? "HANDLING" : UpwardCodes.status(k, s[0], Boolean.parseBoolean(s[1]));
                })).build();
    }

    /** Rows of a breakdown as countItems, keys mapped (rows mapping to one key are added up; no key: "NONE"). */
    private static JsonArrayBuilder items(List<CaseStatistics.Row> rows, Function<String, String> key) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (CaseStatistics.Row r : rows) {
            String k = r.key() == null || r.key().isBlank() ? "NONE" : clip(key.apply(r.key()), 64);
            counts.computeIfAbsent(k, x -> new long[1])[0] += r.reported();
            boolean mapped = !k.equals(r.key());
            labels.putIfAbsent(k, mapped || r.name() == null || r.name().isBlank() ? k : clip(r.name(), 200));
        }
        JsonArrayBuilder a = Json.createArrayBuilder();
        counts.forEach((k, c) -> a.add(Json.createObjectBuilder().add("key", k).add("label", labels.get(k))
                .add("count", c[0])));
        return a;
    }

    JsonObject basicDataPayload(LocalDate asOf, Instant now) {
        JsonArrayBuilder grids = Json.createArrayBuilder();
        long[] gridCount = {0};
        double[] area = {0};
        jdbc.query("SELECT g.district_code, coalesce(d.name, g.district_code) AS name, count(*), sum(g.area_m2)"
                + " FROM city_grid g LEFT JOIN ref_division d ON d.code = g.district_code GROUP BY 1, 2 ORDER BY 1",
                rs -> {
                    grids.add(Json.createObjectBuilder().add("key", rs.getString(1).trim())
                            .add("label", clip(rs.getString(2), 200)).add("count", rs.getLong(3)));
                    gridCount[0] += rs.getLong(3);
                    area[0] += rs.getDouble(4);
                    return null;
                });
        JsonArrayBuilder components = Json.createArrayBuilder();
        long[] componentTotal = {0};
        jdbc.query("SELECT c.class_code, coalesce(r.name, c.class_code), count(*) FROM city_component c"
                + " LEFT JOIN ref_class r ON r.kind = 'COMPONENT' AND r.code = c.class_code GROUP BY 1, 2 ORDER BY 1",
                rs -> {
                    components.add(Json.createObjectBuilder().add("key", rs.getString(1).trim())
                            .add("label", clip(rs.getString(2), 200)).add("count", rs.getLong(3)));
                    componentTotal[0] += rs.getLong(3);
                    return null;
                });
        JsonObjectBuilder b = Json.createObjectBuilder().add("divisionCode", node.nodeIdText())
                .add("asOf", asOf.toString()).add("generatedAt", Payloads.ts(now)).add("gridCount", gridCount[0])
                .add("gridAreaKm2", BigDecimal.valueOf(area[0] / 1_000_000d).setScale(3, RoundingMode.HALF_UP)
                        .toPlainString())
                .add("gridsByDivision", grids).add("componentTotal", componentTotal[0])
                .add("componentsByClass", components);
        coverage(asOf).ifPresent(wkt -> b.add("coverage", Json.createObjectBuilder().add("wkt", wkt)
                .add("toleranceMetres", COVERAGE_TOLERANCE_METRES)));
        return b.build();
    }

    /** No point of the reported outline is further than this from the grids (basicdata.report v2 coverage). */
    static final int COVERAGE_TOLERANCE_METRES = 10;

    /**
     * The outline of the grids valid on {@code asOf}: their union, simplified by 0.00009° (at most 10 m in latitude,
     * less in longitude), as MULTIPOLYGON WKT with 6 fraction digits (about 0.1 m); empty without grids.
     */
    Optional<String> coverage(LocalDate asOf) {
        return jdbc.one("SELECT ST_AsText(ST_Multi(ST_CollectionExtract(ST_SimplifyPreserveTopology(ST_Union(geom),"
                + " 0.00009), 3)), 6) FROM city_grid WHERE (valid_from IS NULL OR valid_from <= ?::date)"
                + " AND (valid_to IS NULL OR valid_to >= ?::date)", rs -> rs.getString(1), asOf, asOf)
                .filter(wkt -> wkt != null && wkt.startsWith("MULTIPOLYGON"));
    }

    public Sent find(long id) {
        return jdbc.one("SELECT * FROM city_report_sent WHERE id = ?", UpwardReports::sent, id)
                .orElseThrow(() -> ProblemException.notFound("report", id));
    }

    public List<Sent> recent(int limit) {
        return jdbc.query("SELECT * FROM city_report_sent ORDER BY sent_at DESC, id DESC LIMIT ?", UpwardReports::sent,
                limit);
    }

    private static Sent sent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Sent(rs.getLong("id"), rs.getString("report_id"), rs.getString("trigger"),
                rs.getString("period_kind"), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), Json.createReader(new java.io.StringReader(
                        rs.getString("totals"))).readObject(), rs.getInt("grid_count"), rs.getInt("component_total"),
                Jdbc.instant(rs, "sent_at"), rs.getString("sent_by"));
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
