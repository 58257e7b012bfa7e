package cn.cityops.municipal.space;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.municipal.org.Departments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Unit grids (单元网格): all-or-nothing GeoJSON import (checked in Java, then in PostGIS through a staging table and
 * indexed joins: validity, overlaps within the file and with stored grids), GeoJSON export and the area tree.
 */
@ApplicationScoped
public class GridService {

    private static final Logger LOG = Logger.getLogger(GridService.class.getName());
    static final int CHUNK = 1000;
    /** Interiors may overlap by at most this much (m²) — slivers of digitising, shared edges are always fine. */
    static final double OVERLAP_TOLERANCE_M2 = 1.0;

    @Inject
    NodeBootstrap bootstrap;

    @Inject
    Jdbc jdbc;

    @Inject
    CityArea city;

    @Inject
    Departments departments;

    @Inject
    AuditLog audit;

    /** What an import did. */
    public record ImportResult(int features, int inserted, int updated, long millis) {
    }

    /** A node of the district → street → community tree, with the number of grids below it. */
    public record AreaNode(String code, String name, String level, long gridCount, List<AreaNode> children) {
    }

    @Transactional
    public ImportResult importGeoJson(InputStream body, String by, String from) {
        long t0 = System.nanoTime();
        GridFeatures.Parsed parsed = GridFeatures.parse(body, city::districtProblem,
                id -> departments.find(id).isPresent());
        parsed.issues().throwIfAny();
        UUID importId = UUID.randomUUID();
        int inserted = 0;
        int total = parsed.rows().size();
        try (Connection c = dataSource().getConnection()) {
            stage(c, importId, parsed.rows());
            Issues issues = new Issues();
            checkInDatabase(c, importId, issues);
            issues.throwIfAny();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO city_grid(code, name, community_code,"
                    + " community_name, street_code, street_name, district_code, responsible_department_id, area_m2,"
                    + " valid_from, valid_to, geom)"
                    + " SELECT code, name, substr(code, 1, 12), community_name, substr(code, 1, 9), street_name,"
                    + " substr(code, 1, 6), responsible_department_id, ST_Area(geom::geography), valid_from, valid_to,"
                    + " ST_Multi(geom) FROM city_grid_staging WHERE import_id = ?"
                    + " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
                    + " community_name = EXCLUDED.community_name, street_name = EXCLUDED.street_name,"
                    + " responsible_department_id = EXCLUDED.responsible_department_id, area_m2 = EXCLUDED.area_m2,"
                    + " valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, geom = EXCLUDED.geom"
                    + " RETURNING (xmax = 0)")) {
                ps.setObject(1, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM city_grid_staging WHERE import_id = ?")) {
                ps.setObject(1, importId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("grid import failed: " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        audit.record(by, "grid.import", "city_grid", total + " grids: " + inserted + " new, " + (total - inserted)
                + " replaced (" + ms + " ms)", from);
        LOG.info("SPC-001 grid import by " + by + ": " + total + " grids, " + inserted + " new, " + ms + " ms");
        return new ImportResult(total, inserted, total - inserted, ms);
    }

    private DataSource dataSource() {
        DataSource ds = bootstrap.dataSource();
        if (ds == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the database is not available yet");
        }
        return ds;
    }

    private static void stage(Connection c, UUID importId, List<GridFeatures.Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO city_grid_staging(import_id, idx, code, name,"
                + " community_name, street_name, responsible_department_id, valid_from, valid_to, geom)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromGeoJSON(?), 4490))")) {
            int n = 0;
            for (GridFeatures.Row r : rows) {
                ps.setObject(1, importId);
                ps.setInt(2, r.index());
                ps.setString(3, r.code());
                ps.setString(4, r.name());
                ps.setString(5, r.communityName());
                ps.setString(6, r.streetName());
                ps.setString(7, r.department());
                ps.setObject(8, r.validFrom() == null ? null : Date.valueOf(r.validFrom()), java.sql.Types.DATE);
                ps.setObject(9, r.validTo() == null ? null : Date.valueOf(r.validTo()), java.sql.Types.DATE);
                ps.setString(10, r.geometryJson());
                ps.addBatch();
                if (++n % CHUNK == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("ANALYZE city_grid_staging")) {
            ps.execute();
        }
    }

    /** Geometry validity, then overlaps inside the file and with stored grids (not replaced by this import). */
    private static void checkInDatabase(Connection c, UUID importId, Issues issues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, code, ST_IsValidReason(geom) FROM"
                + " city_grid_staging WHERE import_id = ? AND NOT ST_IsValid(geom) ORDER BY idx")) {
            ps.setObject(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    issues.add(GridFeatures.field(rs.getInt(1), "geometry"), rs.getString(2).trim(),
                            "invalid polygon: " + rs.getString(3));
                }
            }
        }
        if (!issues.isEmpty()) {
            return; // overlap of invalid polygons cannot be computed reliably
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.idx, a.code, b.idx, b.code, o.area"
                + " FROM city_grid_staging a JOIN city_grid_staging b ON b.import_id = a.import_id AND a.idx < b.idx"
                + " AND a.geom && b.geom"
                + " CROSS JOIN LATERAL (SELECT ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS area) o"
                + " WHERE a.import_id = ? AND ST_Intersects(a.geom, b.geom) AND NOT ST_Touches(a.geom, b.geom)"
                + " AND o.area > ? ORDER BY a.idx, b.idx")) {
            ps.setObject(1, importId);
            ps.setDouble(2, OVERLAP_TOLERANCE_M2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String a = rs.getString(2).trim();
                    String b = rs.getString(4).trim();
                    issues.add(GridFeatures.field(rs.getInt(3), "geometry"), b, "grid " + b + " overlaps grid " + a
                            + " (features[" + rs.getInt(1) + "]) by " + Math.round(rs.getDouble(5)) + " m²");
                }
            }
        }
        // stored grids this import does not replace first (a re-import of 100,000 grids leaves none), then probe
        // the staging GiST index with each of them
        try (PreparedStatement ps = c.prepareStatement("WITH other AS MATERIALIZED (SELECT code, geom FROM city_grid g"
                + " WHERE NOT EXISTS (SELECT 1 FROM city_grid_staging r WHERE r.import_id = ? AND r.code = g.code))"
                + " SELECT s.idx, s.code, g.code, o.area"
                + " FROM other g JOIN city_grid_staging s ON s.import_id = ? AND s.geom && g.geom"
                + " CROSS JOIN LATERAL (SELECT ST_Area(ST_Intersection(s.geom, g.geom)::geography) AS area) o"
                + " WHERE ST_Intersects(s.geom, g.geom) AND NOT ST_Touches(s.geom, g.geom)"
                + " AND o.area > ? ORDER BY s.idx, g.code")) {
            ps.setObject(1, importId);
            ps.setObject(2, importId);
            ps.setDouble(3, OVERLAP_TOLERANCE_M2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = rs.getString(2).trim();
                    String g = rs.getString(3).trim();
                    issues.add(GridFeatures.field(rs.getInt(1), "geometry"), s, "grid " + s
                            + " overlaps the stored grid " + g + " by " + Math.round(rs.getDouble(4)) + " m²");
                }
            }
        }
    }

    private static final String SELECT = "SELECT code, name, community_name, street_name, responsible_department_id,"
            + " valid_from, valid_to, area_m2, ST_AsGeoJSON(geom, 15, 0) AS geojson FROM city_grid";

    /** The grids (optionally only those whose bounding box meets {@code bbox}) as a GeoJSON FeatureCollection. */
    public StreamingOutput export(double[] bbox) {
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("{\"type\":\"FeatureCollection\",\"features\":[");
            try (Connection c = dataSource().getConnection()) {
                boolean auto = c.getAutoCommit();
                try {
                    if (auto) {
                        c.setAutoCommit(false); // lets the driver stream with a fetch size
                    }
                    try (PreparedStatement ps = c.prepareStatement(SELECT + (bbox == null ? ""
                            : " WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)") + " ORDER BY code")) {
                        ps.setFetchSize(2000);
                        if (bbox != null) {
                            for (int i = 0; i < 4; i++) {
                                ps.setDouble(i + 1, bbox[i]);
                            }
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            boolean first = true;
                            while (rs.next()) {
                                if (!first) {
                                    w.write(',');
                                }
                                first = false;
                                writeFeature(w, rs);
                            }
                        }
                    }
                } finally {
                    if (auto) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                }
            } catch (SQLException e) {
                throw new IOException("grid export failed: " + e.getMessage(), e);
            }
            w.write("]}");
            w.flush();
        };
    }

    /** One grid as a GeoJSON Feature. */
    public Optional<String> feature(String code) {
        return jdbc.one(SELECT + " WHERE code = ?", rs -> {
            java.io.StringWriter w = new java.io.StringWriter();
            try {
                writeFeature(w, rs);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return w.toString();
        }, code);
    }

    private static void writeFeature(Writer w, ResultSet rs) throws SQLException, IOException {
        String code = rs.getString("code").trim();
        JsonObjectBuilder p = Json.createObjectBuilder().add("code", code).add("name", rs.getString("name"));
        addOrNull(p, "communityName", rs.getString("community_name"));
        addOrNull(p, "streetName", rs.getString("street_name"));
        addOrNull(p, "responsibleDepartment", rs.getString("responsible_department_id"));
        Date vf = rs.getDate("valid_from");
        Date vt = rs.getDate("valid_to");
        addOrNull(p, "validFrom", vf == null ? null : vf.toLocalDate().toString());
        addOrNull(p, "validTo", vt == null ? null : vt.toLocalDate().toString());
        p.add("areaM2", Math.round(rs.getDouble("area_m2") * 100) / 100.0);
        w.write("{\"type\":\"Feature\",\"id\":\"");
        w.write(code);
        w.write("\",\"properties\":");
        w.write(p.build().toString());
        w.write(",\"geometry\":");
        w.write(rs.getString("geojson"));
        w.write('}');
    }

    private static void addOrNull(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    /** The district → street → community tree derived from the grids, with grid counts. */
    public List<AreaNode> areas() {
        record Row(String district, String districtName, String street, String streetName, String community,
                   String communityName, long count) {
        }
        List<Row> rows = jdbc.query("SELECT g.district_code, d.name AS district_name, g.street_code,"
                + " max(g.street_name) AS street_name, g.community_code, max(g.community_name) AS community_name,"
                + " count(*) AS n FROM city_grid g LEFT JOIN ref_division d ON d.code = g.district_code"
                + " GROUP BY g.district_code, d.name, g.street_code, g.community_code"
                + " ORDER BY g.district_code, g.street_code, g.community_code",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7)));
        Map<String, List<Row>> byDistrict = new LinkedHashMap<>();
        rows.forEach(r -> byDistrict.computeIfAbsent(r.district(), k -> new ArrayList<>()).add(r));
        List<AreaNode> out = new ArrayList<>();
        byDistrict.forEach((district, drows) -> {
            Map<String, List<Row>> byStreet = new LinkedHashMap<>();
            drows.forEach(r -> byStreet.computeIfAbsent(r.street(), k -> new ArrayList<>()).add(r));
            List<AreaNode> streets = new ArrayList<>();
            byStreet.forEach((street, srows) -> {
                List<AreaNode> communities = srows.stream().map(r -> new AreaNode(r.community(), r.communityName(),
                        "COMMUNITY", r.count(), List.of())).toList();
                streets.add(new AreaNode(street, srows.get(0).streetName(), "STREET",
                        srows.stream().mapToLong(Row::count).sum(), communities));
            });
            out.add(new AreaNode(district, drows.get(0).districtName(), "DISTRICT",
                    drows.stream().mapToLong(Row::count).sum(), streets));
        });
        return out;
    }
}
