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
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import cn.cityops.model.text.Csv;
import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.classification.ComponentId;
import cn.cityops.model.grid.UnitGridCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The component register (管理部件): all-or-nothing import from GeoJSON or CSV (the grid is found by location when not
 * given; street and community are filled from the grid), filtered lists and exports.
 */
@ApplicationScoped
public class ComponentRegistry {

    private static final Logger LOG = Logger.getLogger(ComponentRegistry.class.getName());

    @Inject
    NodeBootstrap bootstrap;

    @Inject
    Jdbc jdbc;

    @Inject
    CityArea city;

    @Inject
    AuditLog audit;

    /** What an import did. */
    public record ImportResult(int components, int inserted, int updated, long millis) {
    }

    /** A component with all its attributes (dates as YYYYMMDD, as in the standard). */
    public record ComponentView(String id, String classCode, String name, String competentDeptCode,
                                String competentDeptName, String ownerCode, String ownerName, String maintainerCode,
                                String maintainerName, String gridCode, String status, String initialDate,
                                String changeDate, String dataSource, String remark, String streetCode,
                                String streetName, String communityCode, String communityName, double lon,
                                double lat) {
    }

    /** List filters; null = any. */
    public record Filter(String classCode, String gridCode, String status) {
    }

    public Optional<ComponentRef> find(ComponentId id) {
        return jdbc.one("SELECT id, name, class_code, ST_X(geom) AS lon, ST_Y(geom) AS lat, grid_code, status"
                + " FROM city_component WHERE id = ?", rs -> new ComponentRef(ComponentId.of(rs.getString(1).trim()),
                        rs.getString(2), ClassCode.of(rs.getString(3).trim()), rs.getDouble(4), rs.getDouble(5),
                        UnitGridCode.of(rs.getString(6).trim()), rs.getString(7)), id.value());
    }

    public Optional<ComponentView> view(ComponentId id) {
        return jdbc.one(SELECT + " WHERE id = ?", ComponentRegistry::view, id.value());
    }

    public List<ComponentView> list(Filter f, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        params.add(offset);
        return jdbc.query(SELECT + where + " ORDER BY id LIMIT ? OFFSET ?", ComponentRegistry::view,
                params.toArray());
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.one("SELECT count(*) FROM city_component" + where, rs -> rs.getLong(1), params.toArray())
                .orElse(0L);
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder sb = new StringBuilder(" WHERE 1 = 1");
        if (f.classCode() != null) {
            sb.append(" AND class_code = ?");
            params.add(f.classCode());
        }
        if (f.gridCode() != null) {
            sb.append(" AND grid_code = ?");
            params.add(f.gridCode());
        }
        if (f.status() != null) {
            sb.append(" AND status = ?");
            params.add(f.status());
        }
        return sb.toString();
    }

    private static final String SELECT = "SELECT id, class_code, name, competent_dept_code, competent_dept_name,"
            + " owner_code, owner_name, maintainer_code, maintainer_name, grid_code, status, initial_date,"
            + " change_date, data_source, remark, street_code, street_name, community_code, community_name,"
            + " ST_X(geom) AS lon, ST_Y(geom) AS lat FROM city_component";

    private static ComponentView view(ResultSet rs) throws SQLException {
        return new ComponentView(trim(rs.getString(1)), trim(rs.getString(2)), rs.getString(3), trim(rs.getString(4)),
                rs.getString(5), trim(rs.getString(6)), rs.getString(7), trim(rs.getString(8)), rs.getString(9),
                trim(rs.getString(10)), rs.getString(11), date(rs.getDate(12)), date(rs.getDate(13)),
                rs.getString(14), rs.getString(15), trim(rs.getString(16)), rs.getString(17), trim(rs.getString(18)),
                rs.getString(19), rs.getDouble(20), rs.getDouble(21));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String date(Date d) {
        return d == null ? null : d.toLocalDate().format(ComponentFeatures.YYYYMMDD);
    }

    private ComponentFeatures.Rules rules() {
        return new ComponentFeatures.Rules(this::classProblem, city::districtProblem);
    }

    /** Null when {@code code} is a component class in ref_class, else why not. */
    String classProblem(String code) {
        Map<String, String> kinds = new HashMap<>();
        jdbc.query("SELECT kind, name FROM ref_class WHERE code = ?", rs -> kinds.put(rs.getString(1),
                rs.getString(2)), code);
        if (kinds.containsKey("COMPONENT")) {
            return null;
        }
        if (kinds.containsKey("MATTER")) {
            return "class " + code + " (" + kinds.get("MATTER") + ") is a matter class, not a component class";
        }
        return "class " + code + " is not a component class of GB/T 47678.5-2026";
    }

    @Transactional
    public ImportResult importGeoJson(InputStream body, String by, String from) {
        return store(ComponentFeatures.parseGeoJson(body, rules()), "geojson", by, from);
    }

    @Transactional
    public ImportResult importCsv(InputStream body, String by, String from) {
        return store(ComponentFeatures.parseCsv(body, rules()), "csv", by, from);
    }

    private ImportResult store(ComponentFeatures.Parsed parsed, String format, String by, String from) {
        long t0 = System.nanoTime();
        parsed.issues().throwIfAny();
        List<ComponentFeatures.Row> rows = parsed.rows();
        int existing;
        try (Connection c = dataSource().getConnection()) {
            rows = place(c, rows);
            existing = countExisting(c, rows);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO city_component(id, class_code, name,"
                    + " competent_dept_code, competent_dept_name, owner_code, owner_name, maintainer_code,"
                    + " maintainer_name, grid_code, status, initial_date, change_date, data_source, remark,"
                    + " street_code, street_name, community_code, community_name, geom) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_Point(?, ?), 4490))"
                    + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                    + " competent_dept_code = EXCLUDED.competent_dept_code,"
                    + " competent_dept_name = EXCLUDED.competent_dept_name, owner_code = EXCLUDED.owner_code,"
                    + " owner_name = EXCLUDED.owner_name, maintainer_code = EXCLUDED.maintainer_code,"
                    + " maintainer_name = EXCLUDED.maintainer_name, grid_code = EXCLUDED.grid_code,"
                    + " status = EXCLUDED.status, initial_date = EXCLUDED.initial_date,"
                    + " change_date = EXCLUDED.change_date, data_source = EXCLUDED.data_source,"
                    + " remark = EXCLUDED.remark, street_code = EXCLUDED.street_code,"
                    + " street_name = EXCLUDED.street_name, community_code = EXCLUDED.community_code,"
                    + " community_name = EXCLUDED.community_name, geom = EXCLUDED.geom")) {
                int n = 0;
                for (ComponentFeatures.Row r : rows) {
                    int i = 1;
                    for (String s : new String[] {r.id(), r.classCode(), r.name(), r.competentDeptCode(),
                        r.competentDeptName(), r.ownerCode(), r.ownerName(), r.maintainerCode(), r.maintainerName(),
                        r.gridCode(), r.status()}) {
                        ps.setString(i++, s);
                    }
                    ps.setObject(i++, Date.valueOf(r.initialDate()), Types.DATE);
                    ps.setObject(i++, r.changeDate() == null ? null : Date.valueOf(r.changeDate()), Types.DATE);
                    for (String s : new String[] {r.dataSource(), r.remark(), r.streetCode(), r.streetName(),
                        r.communityCode(), r.communityName()}) {
                        ps.setString(i++, s);
                    }
                    ps.setDouble(i++, r.lon());
                    ps.setDouble(i, r.lat());
                    ps.addBatch();
                    if (++n % GridService.CHUNK == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("component import failed: " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int total = rows.size();
        audit.record(by, "component.import", "city_component", format + ": " + total + " components, "
                + (total - existing) + " new, " + existing + " replaced", from);
        LOG.info("SPC-002 component import by " + by + ": " + total + " components (" + format + "), " + ms + " ms");
        return new ImportResult(total, total - existing, existing, ms);
    }

    private int countExisting(Connection c, List<ComponentFeatures.Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM city_component WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(ComponentFeatures.Row::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Resolves missing grids by location, checks given grids exist, fills street/community from the grid. */
    private List<ComponentFeatures.Row> place(Connection c, List<ComponentFeatures.Row> rows) throws SQLException {
        Issues issues = new Issues();
        Map<Integer, String> located = new HashMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).gridCode() == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.i, g.code FROM unnest(?::int[], ?::float8[],"
                    + " ?::float8[]) AS t(i, lon, lat) LEFT JOIN LATERAL (SELECT code FROM city_grid g"
                    + " WHERE ST_Intersects(g.geom, ST_SetSRID(ST_Point(t.lon, t.lat), 4490)) AND "
                    + GridLocator.VALID_TODAY + " ORDER BY code LIMIT 1) g ON true")) {
                ps.setArray(1, c.createArrayOf("integer", missing.toArray()));
                ps.setArray(2, c.createArrayOf("float8", missing.stream().map(i -> rows.get(i).lon()).toArray()));
                ps.setArray(3, c.createArrayOf("float8", missing.stream().map(i -> rows.get(i).lat()).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        located.put(rs.getInt(1), rs.getString(2) == null ? null : rs.getString(2).trim());
                    }
                }
            }
        }
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String g = rows.get(i).gridCode() != null ? rows.get(i).gridCode() : located.get(i);
            if (g != null) {
                codes.add(g);
            }
        }
        Map<String, String[]> grids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, street_code, street_name, community_code,"
                + " community_name FROM city_grid WHERE code = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grids.put(rs.getString(1).trim(), new String[] {rs.getString(2).trim(), rs.getString(3),
                        rs.getString(4).trim(), rs.getString(5)});
                }
            }
        }
        List<ComponentFeatures.Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ComponentFeatures.Row r = rows.get(i);
            String g = r.gridCode() != null ? r.gridCode() : located.get(i);
            if (g == null) {
                issues.add(r.field() + ".geometry", r.id(), "the point " + r.lon() + "," + r.lat()
                        + " is outside every unit grid; give gridCode or fix the location");
                continue;
            }
            String[] grid = grids.get(g);
            if (grid == null) {
                issues.add(r.field() + ".gridCode", g, "unit grid " + g + " does not exist");
                continue;
            }
            out.add(r.withPlace(g, r.streetCode() != null ? r.streetCode() : grid[0],
                    r.streetName() != null ? r.streetName() : grid[1],
                    r.communityCode() != null ? r.communityCode() : grid[2],
                    r.communityName() != null ? r.communityName() : grid[3]));
        }
        issues.throwIfAny();
        return out;
    }

    private DataSource dataSource() {
        DataSource ds = bootstrap.dataSource();
        if (ds == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the database is not available yet");
        }
        return ds;
    }

    /** Export as GeoJSON ({@code geojson}) or CSV with a header row ({@code csv}). */
    public StreamingOutput export(Filter f, boolean csv) {
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            List<Object> params = new ArrayList<>();
            String sql = SELECT + where(f, params) + " ORDER BY id";
            if (csv) {
                w.write(String.join(",", ComponentFeatures.ATTRIBUTES) + ",lon,lat\r\n");
            } else {
                w.write("{\"type\":\"FeatureCollection\",\"features\":[");
            }
            try (Connection c = dataSource().getConnection()) {
                boolean auto = c.getAutoCommit();
                try {
                    if (auto) {
                        c.setAutoCommit(false);
                    }
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setFetchSize(2000);
                        for (int i = 0; i < params.size(); i++) {
                            ps.setObject(i + 1, params.get(i));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            boolean first = true;
                            while (rs.next()) {
                                ComponentView v = view(rs);
                                if (csv) {
                                    writeCsv(w, v);
                                } else {
                                    if (!first) {
                                        w.write(',');
                                    }
                                    w.write(feature(v));
                                }
                                first = false;
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
                throw new IOException("component export failed: " + e.getMessage(), e);
            }
            if (!csv) {
                w.write("]}");
            }
            w.flush();
        };
    }

    private static String[] values(ComponentView v) {
        return new String[] {v.id(), v.name(), v.competentDeptCode(), v.competentDeptName(), v.ownerCode(),
            v.ownerName(), v.maintainerCode(), v.maintainerName(), v.gridCode(), v.status(), v.initialDate(),
            v.changeDate(), v.dataSource(), v.remark(), v.streetCode(), v.streetName(), v.communityCode(),
            v.communityName()};
    }

    private static void writeCsv(Writer w, ComponentView v) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String s : values(v)) {
            sb.append(Csv.field(s)).append(',');
        }
        sb.append(v.lon()).append(',').append(v.lat()).append("\r\n");
        w.write(sb.toString());
    }

    static String feature(ComponentView v) {
        JsonObjectBuilder p = Json.createObjectBuilder();
        String[] vals = values(v);
        for (int i = 0; i < vals.length; i++) {
            if (vals[i] == null) {
                p.addNull(ComponentFeatures.ATTRIBUTES.get(i));
            } else {
                p.add(ComponentFeatures.ATTRIBUTES.get(i), vals[i]);
            }
        }
        p.add("classCode", v.classCode());
        return Json.createObjectBuilder().add("type", "Feature").add("id", v.id()).add("properties", p)
                .add("geometry", Json.createObjectBuilder().add("type", "Point")
                        .add("coordinates", Json.createArrayBuilder().add(v.lon()).add(v.lat())))
                .build().toString();
    }
}
