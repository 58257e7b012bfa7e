package cn.cityops.core.reporting;

import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.model.node.NodeId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * The area each city's unit grids cover, kept from the {@code coverage} of its latest {@code basicdata.report}
 * (schema version 2), and the question the 12319 channel asks of it: which city's grids hold this point?
 */
@ApplicationScoped
public class CityCoverage {

    private static final Logger LOG = Logger.getLogger(CityCoverage.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    /** A city whose grids cover a point, from its basic data of {@code asOf}. */
    public record Hit(NodeId city, LocalDate asOf, String reportId) {
    }

    /**
     * Keeps the coverage of a city's basic-data report when it is not older than the one kept. An outline that is no
     * valid multipolygon is ignored with a warning; the report itself still applies.
     */
    void keep(NodeId city, JsonObject report) {
        JsonObject coverage = report.getJsonObject("coverage");
        if (coverage == null) {
            return;
        }
        String reportId = report.getString("reportId");
        int stored = jdbc.update("INSERT INTO rep_city_coverage (city_node, report_id, as_of, tolerance_metres, geom)"
                + " SELECT ?, ?, ?::date, ?, g FROM (SELECT rep_coverage_geometry(?) AS g) c WHERE g IS NOT NULL"
                + " ON CONFLICT (city_node) DO UPDATE SET report_id = excluded.report_id, as_of = excluded.as_of,"
                + " tolerance_metres = excluded.tolerance_metres, geom = excluded.geom, received_at = now()"
                + " WHERE rep_city_coverage.as_of <= excluded.as_of", city.value(), reportId,
                LocalDate.parse(report.getString("asOf")), coverage.getInt("toleranceMetres"),
                coverage.getString("wkt"));
        if (stored == 0 && jdbc.one("SELECT rep_coverage_geometry(?) IS NULL", rs -> rs.getBoolean(1),
                coverage.getString("wkt")).orElse(true)) {
            LOG.warning(node.tag() + " REP-102 coverage of basic-data report " + reportId + " from " + city
                    + " ignored: not a valid MULTIPOLYGON in CGCS2000 lon/lat");
        }
    }

    /**
     * The city whose reported grid coverage holds the point; when outlines overlap (simplification, or a boundary
     * change not reported by both cities yet) the most recent basic data wins.
     */
    public Optional<Hit> cityAt(double lon, double lat) {
        return jdbc.one("SELECT city_node, as_of, report_id FROM rep_city_coverage"
                + " WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4490)) ORDER BY as_of DESC, received_at DESC"
                + " LIMIT 1", rs -> new Hit(NodeId.of(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getString(3)), lon, lat);
    }
}
