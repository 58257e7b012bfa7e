package cn.cityops.core.reporting;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.NodeDirectory;
import cn.cityops.core.exchange.Peer;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.supervision.Payloads;
import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * The reports of cities at a province (its own cities) and at the national node (every city): stored as received,
 * one row per report; the overview shows per city the last report, its key figures, and whether the city has missed
 * the report of the latest due period ({@link ReportPeriods#missing}). Cities in the node directory that never
 * reported are listed too — that is the point of the overview.
 */
@ApplicationScoped
public class CityReports {

    private static final Logger LOG = Logger.getLogger(CityReports.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    NodeDirectory directory;

    @Inject
    ReportingSettings settings;

    @Inject
    SupervisionAccess access;

    @Inject
    CityCoverage coverage;

    public record BasicData(LocalDate asOf, Instant receivedAt, long gridCount, Long componentTotal) {
    }

    public record CityStatus(String nodeId, String name, String province, Instant lastReportAt, String lastReportId,
            String periodKind, LocalDate periodFrom, LocalDate periodTo, JsonObject totals, BasicData basicData,
            boolean missing) {
    }

    /**
     * A province's cities added up: how many, how many missed the due report, and the sums of the latest reports'
     * totals (the periods of the cities' latest reports, normally the same due period).
     */
    public record ProvinceSum(String province, String name, int cities, int missing, Map<String, Long> totals) {
    }

    public record Overview(String cadence, long graceHours, ReportPeriods.Period duePeriod, int cities, int missing,
            List<ProvinceSum> provinces, List<CityStatus> items) {
    }

    public record Report(long id, String kind, String reportId, Instant receivedAt, JsonObject payload) {
    }

    /**
     * Applies a statistics.report or basicdata.report from a city (kind STATISTICS / BASICDATA). The coverage of a
     * basic-data report (version 2) is kept in {@link CityCoverage}, not in the stored report.
     */
    void receive(VerifiedPackage pkg, String kind) {
        NodeId sender = pkg.envelope().sender();
        if (!accepts(sender)) {
            LOG.warning(node.tag() + " REP-101 " + pkg.envelope().type() + " " + pkg.envelope().id() + " from "
                    + sender + " ignored: " + (node.level() == NodeLevel.MUNICIPAL ? "a city receives no reports"
                            : "reports come from this node's cities"));
            return;
        }
        JsonObject p = pkg.pkg().payload();
        boolean stats = "STATISTICS".equals(kind);
        JsonObject period = stats ? p.getJsonObject("period") : null;
        int inserted = jdbc.update("INSERT INTO rep_city_report (city_node, kind, report_id, period_kind, period_from,"
                + " period_to, as_of, generated_at, payload, package_id) VALUES (?,?,?,?,?::date,?::date,?::date,?,?,?)"
                + " ON CONFLICT DO NOTHING", sender.value(), kind, p.getString("reportId"),
                stats ? period.getString("kind") : null,
                stats ? LocalDate.parse(period.getString("from")) : null,
                stats ? LocalDate.parse(period.getString("to")) : null,
                stats ? null : LocalDate.parse(p.getString("asOf")), Payloads.ts(p.getString("generatedAt")),
                (p.containsKey("coverage") ? Json.createObjectBuilder(p).remove("coverage").build() : p).toString(),
                pkg.envelope().id());
        if (inserted > 0 && !stats) {
            coverage.keep(sender, p);
        }
    }

    private boolean accepts(NodeId sender) {
        return switch (node.level()) {
            case NATIONAL -> sender.level() == NodeLevel.MUNICIPAL;
            case PROVINCIAL -> sender.level() == NodeLevel.MUNICIPAL && node.nodeId().isParentOf(sender);
            case MUNICIPAL -> false;
        };
    }

    /** Per city this node oversees: last report, key figures, missing flag. */
    public Overview overview(Instant now) {
        requireOverseer();
        ReportPeriods.Period due = ReportPeriods.due(settings.cadence(), now, node.zone(), settings.grace());
        Map<String, CityStatus> latest = new HashMap<>();
        jdbc.query("SELECT DISTINCT ON (city_node) * FROM rep_city_report WHERE kind = 'STATISTICS'"
                + " ORDER BY city_node, period_to DESC, received_at DESC", rs -> {
                    JsonObject p = json(rs.getString("payload"));
                    latest.put(rs.getString("city_node"), new CityStatus(rs.getString("city_node"), null, null,
                            Jdbc.instant(rs, "received_at"), rs.getString("report_id"), rs.getString("period_kind"),
                            rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                            p.getJsonObject("totals"), null, false));
                    return null;
                });
        Map<String, BasicData> basic = new HashMap<>();
        jdbc.query("SELECT DISTINCT ON (city_node) * FROM rep_city_report WHERE kind = 'BASICDATA'"
                + " ORDER BY city_node, as_of DESC, received_at DESC", rs -> {
                    JsonObject p = json(rs.getString("payload"));
                    basic.put(rs.getString("city_node"), new BasicData(rs.getObject("as_of", LocalDate.class),
                            Jdbc.instant(rs, "received_at"), p.getJsonNumber("gridCount").longValue(),
                            p.containsKey("componentTotal") ? p.getJsonNumber("componentTotal").longValue() : null));
                    return null;
                });
        List<CityStatus> items = new ArrayList<>();
        for (NodeId city : cities()) {
            CityStatus s = latest.get(city.value());
            boolean missing = ReportPeriods.missing(s == null ? null : s.periodTo(), settings.cadence(), now,
                    node.zone(), settings.grace());
            String name = directory.find(city).map(Peer::name).orElse(city.value());
            String province = city.parent().map(NodeId::value).orElse(null);
            items.add(s == null
                    ? new CityStatus(city.value(), name, province, null, null, null, null, null, null,
                            basic.get(city.value()), true)
                    : new CityStatus(city.value(), name, province, s.lastReportAt(), s.lastReportId(), s.periodKind(),
                            s.periodFrom(), s.periodTo(), s.totals(), basic.get(city.value()), missing));
        }
        int missing = (int) items.stream().filter(CityStatus::missing).count();
        return new Overview(settings.cadence().name(), settings.grace().toHours(), due, items.size(), missing,
                provinces(items), items);
    }

    private List<ProvinceSum> provinces(List<CityStatus> items) {
        Map<String, List<CityStatus>> byProvince = new TreeMap<>();
        items.forEach(c -> byProvince.computeIfAbsent(c.province(), k -> new ArrayList<>()).add(c));
        List<ProvinceSum> out = new ArrayList<>();
        byProvince.forEach((province, cities) -> {
            Map<String, Long> totals = new TreeMap<>();
            for (CityStatus c : cities) {
                if (c.totals() != null) {
                    c.totals().forEach((k, v) -> totals.merge(k, ((JsonNumber) v).longValue(), Long::sum));
                }
            }
            String name = directory.find(NodeId.of(province)).map(Peer::name).orElse(province);
            out.add(new ProvinceSum(province, name, cities.size(),
                    (int) cities.stream().filter(CityStatus::missing).count(), totals));
        });
        return out;
    }

    /** The latest reports of one city (newest first). */
    public List<Report> reports(String city, int limit) {
        requireOverseer();
        NodeId id;
        try {
            id = NodeId.of(city);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("city", city, e.getMessage());
        }
        if (!cities().contains(id)) {
            throw ProblemException.notFound("city overseen by node " + node.nodeIdText(), city);
        }
        return jdbc.query("SELECT * FROM rep_city_report WHERE city_node = ? ORDER BY received_at DESC, id DESC"
                + " LIMIT ?", rs -> new Report(rs.getLong("id"), rs.getString("kind"), rs.getString("report_id"),
                        Jdbc.instant(rs, "received_at"), json(rs.getString("payload"))), id.value(), limit);
    }

    /** The cities of the directory this node oversees: all (national) or its own (provincial). */
    private List<NodeId> cities() {
        return directory.all().stream().filter(p -> p.level() == NodeLevel.MUNICIPAL).map(Peer::id)
                .filter(id -> node.level() == NodeLevel.NATIONAL || node.nodeId().isParentOf(id)).sorted(
                        (a, b) -> a.value().compareTo(b.value())).toList();
    }

    private void requireOverseer() {
        if (node.level() == NodeLevel.MUNICIPAL) {
            throw SupervisionAccess.forbidden("cities' reports are seen on their provincial node and the national"
                    + " node; a city sees what it sent at /api/reporting/sent");
        }
    }

    static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }
}
