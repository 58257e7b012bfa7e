package cn.cityops.municipal.space;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.text.Csv;
import cn.cityops.model.classification.ComponentId;
import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Parses and checks component (管理部件) uploads — GeoJSON Point features or CSV rows — against the 18 standard
 * attributes of GB/T 47678.5-2026 (reference/component-attributes.csv), named in camelCase English.
 */
final class ComponentFeatures {

    /** The attribute names, in the standard's order (CSV adds {@code lon, lat}). */
    static final List<String> ATTRIBUTES = List.of("id", "name", "competentDeptCode", "competentDeptName",
            "ownerCode", "ownerName", "maintainerCode", "maintainerName", "gridCode", "status", "initialDate",
            "changeDate", "dataSource", "remark", "streetCode", "streetName", "communityCode", "communityName");

    /** 管理部件状态: the values component-attributes.csv names. */
    static final Set<String> STATUSES = Set.of("完好", "破损", "丢失", "废弃", "移除");

    /** 数据来源 (component-attributes.csv). */
    static final Set<String> DATA_SOURCES = Set.of("实测", "地形图", "基础地理数据", "其他");

    static final String USCC = "[0-9A-HJ-NPQRTUWXY]{18}";

    static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** One checked component; {@code field} is the prefix naming it in issues ({@code features[3]}, {@code rows[3]}). */
    record Row(String field, String id, String classCode, String name, String competentDeptCode,
               String competentDeptName, String ownerCode, String ownerName, String maintainerCode,
               String maintainerName, String gridCode, String status, LocalDate initialDate, LocalDate changeDate,
               String dataSource, String remark, String streetCode, String streetName, String communityCode,
               String communityName, double lon, double lat) {

        Row withPlace(String grid, String street, String streetN, String community, String communityN) {
            return new Row(field, id, classCode, name, competentDeptCode, competentDeptName, ownerCode, ownerName,
                    maintainerCode, maintainerName, grid, status, initialDate, changeDate, dataSource, remark, street,
                    streetN, community, communityN, lon, lat);
        }
    }

    record Parsed(List<Row> rows, Issues issues) {
    }

    /** Checks shared by both formats: for a class code, null when it is a component class, else why not. */
    record Rules(Function<String, String> classProblem, Function<String, String> districtProblem) {
    }

    private ComponentFeatures() {
    }

    static Parsed parseGeoJson(InputStream in, Rules rules) {
        Parser p = new Parser(rules);
        int n = GeoJson.forEachFeature(in, (i, value) -> {
            String field = "features[" + i + "]";
            if (value.getValueType() != JsonValue.ValueType.OBJECT
                    || !"Feature".equals(GeoJson.text(value.asJsonObject(), "type"))) {
                p.issues.add(field, null, "must be a GeoJSON Feature object");
                return;
            }
            JsonObject f = value.asJsonObject();
            JsonValue pv = f.get("properties");
            JsonObject props = pv != null && pv.getValueType() == JsonValue.ValueType.OBJECT ? pv.asJsonObject()
                    : null;
            Map<String, String> values = new HashMap<>();
            for (String a : ATTRIBUTES) {
                values.put(a, GeoJson.text(props, a));
            }
            String geomProblem = GeoJson.checkGeometry(f.get("geometry"), List.of("Point"));
            double lon = Double.NaN;
            double lat = Double.NaN;
            if (geomProblem == null) {
                JsonArray c = f.getJsonObject("geometry").getJsonArray("coordinates");
                lon = ((JsonNumber) c.get(0)).doubleValue();
                lat = ((JsonNumber) c.get(1)).doubleValue();
            }
            p.add(field, "properties.", values, lon, lat, geomProblem == null ? null : new String[] {"geometry",
                geomProblem});
        });
        if (n == 0) {
            p.issues.add("features", null, "the FeatureCollection has no features");
        }
        return new Parsed(p.rows, p.issues);
    }

    /** Streams CSV records; unreadable input is a 400 problem (413 when the body cap tripped). */
    static void readCsv(InputStream in, Csv.RecordConsumer consumer) {
        try (java.io.Reader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                java.nio.charset.StandardCharsets.UTF_8), 1 << 16)) {
            Csv.read(r, consumer);
        } catch (Csv.MalformedCsvException e) {
            throw new ProblemException(ProblemType.MALFORMED, e.getMessage());
        } catch (java.io.IOException e) {
            throw BodyLimit.translate(e, new ProblemException(ProblemType.MALFORMED, "CSV could not be read"));
        }
    }

    static Parsed parseCsv(InputStream in, Rules rules) {
        Parser p = new Parser(rules);
        List<String> header = new ArrayList<>();
        int[] count = {0};
        readCsv(in, (line, fields) -> {
            if (header.isEmpty()) {
                List<String> allowed = new ArrayList<>(ATTRIBUTES);
                allowed.add("lon");
                allowed.add("lat");
                for (int i = 0; i < fields.size(); i++) {
                    String h = fields.get(i).trim();
                    if (!allowed.contains(h)) {
                        p.issues.add("header[" + i + "]", h, "unknown column; allowed: " + String.join(",", allowed));
                    } else if (header.contains(h)) {
                        p.issues.add("header[" + i + "]", h, "duplicate column");
                    }
                    header.add(h);
                }
                for (String required : List.of("id", "lon", "lat")) {
                    if (!header.contains(required)) {
                        p.issues.add("header", null, "the header row needs a column '" + required + "'");
                    }
                }
                return;
            }
            String field = "rows[" + count[0]++ + "]";
            if (fields.size() != header.size()) {
                p.issues.add(field, null, "line " + line + " has " + fields.size() + " fields, the header has "
                        + header.size());
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = fields.get(i).trim();
                values.put(header.get(i), v.isEmpty() ? null : v);
            }
            String[] geomIssue = null;
            double lon = Double.NaN;
            double lat = Double.NaN;
            try {
                lon = Double.parseDouble(String.valueOf(values.get("lon")));
                lat = Double.parseDouble(String.valueOf(values.get("lat")));
                String range = GeoJson.checkLonLat(lon, lat);
                if (range != null) {
                    geomIssue = new String[] {"lon", range};
                }
            } catch (NumberFormatException e) {
                geomIssue = new String[] {"lon", "lon and lat must be decimal degrees"};
            }
            p.add(field, "", values, lon, lat, geomIssue);
        });
        if (header.isEmpty()) {
            p.issues.add("header", null, "the CSV is empty; a header row is required");
        } else if (count[0] == 0) {
            p.issues.add("rows", null, "the CSV has no data rows");
        }
        return new Parsed(p.rows, p.issues);
    }

    /** Collects rows and issues of one upload. */
    private static final class Parser {
        final Rules rules;
        final List<Row> rows = new ArrayList<>();
        final Issues issues = new Issues();
        final Map<String, String> seen = new HashMap<>();
        final Map<String, String> classCache = new HashMap<>();
        final Map<String, String> districtCache = new HashMap<>();

        Parser(Rules rules) {
            this.rules = rules;
        }

        void add(String field, String propPrefix, Map<String, String> v, double lon, double lat, String[] geomIssue) {
            int before = issues.total();
            String id = v.get("id");
            String classCode = null;
            String pf = field + "." + propPrefix;
            if (id == null) {
                issues.add(pf + "id", null, "id (17-digit 管理部件标识码) is required");
            } else {
                try {
                    ComponentId cid = ComponentId.of(id);
                    classCode = cid.classCode().value();
                    String cp = classCache.computeIfAbsent(classCode, k -> nonNull(rules.classProblem().apply(k)));
                    if (!cp.isEmpty()) {
                        issues.add(pf + "id", id, cp);
                    }
                    String dp = districtCache.computeIfAbsent(cid.division().value(),
                            k -> nonNull(rules.districtProblem().apply(k)));
                    if (!dp.isEmpty()) {
                        issues.add(pf + "id", id, dp);
                    }
                    String other = seen.putIfAbsent(id, field);
                    if (other != null) {
                        issues.add(pf + "id", id, "duplicate id " + id + " (also " + other + ")");
                    }
                } catch (InvalidValueException e) {
                    issues.add(pf + "id", id, e.getMessage());
                }
            }
            text(v, "name", 30, true, pf, id);
            String dept = text(v, "competentDeptCode", 18, true, pf, id);
            uscc(dept, "competentDeptCode", pf, id);
            text(v, "competentDeptName", 100, true, pf, id);
            uscc(text(v, "ownerCode", 18, false, pf, id), "ownerCode", pf, id);
            text(v, "ownerName", 100, false, pf, id);
            uscc(text(v, "maintainerCode", 18, false, pf, id), "maintainerCode", pf, id);
            text(v, "maintainerName", 100, false, pf, id);
            String grid = v.get("gridCode");
            if (grid != null) {
                try {
                    UnitGridCode.of(grid);
                } catch (InvalidValueException e) {
                    issues.add(pf + "gridCode", grid, e.getMessage());
                }
            }
            String status = v.get("status");
            if (status == null || !STATUSES.contains(status)) {
                issues.add(pf + "status", status, "status is required, one of " + String.join("/", ordered(STATUSES)));
            }
            LocalDate initial = date(v, "initialDate", true, pf, id);
            LocalDate change = date(v, "changeDate", false, pf, id);
            String source = v.get("dataSource");
            if (source != null && !DATA_SOURCES.contains(source)) {
                issues.add(pf + "dataSource", source, "dataSource must be one of 实测/地形图/基础地理数据/其他");
            }
            text(v, "remark", 1000, false, pf, id);
            digits(v, "streetCode", 9, pf, id);
            text(v, "streetName", 50, false, pf, id);
            digits(v, "communityCode", 12, pf, id);
            text(v, "communityName", 50, false, pf, id);
            String street = v.get("streetCode");
            String community = v.get("communityCode");
            if (grid != null && street != null && !grid.startsWith(street)) {
                issues.add(pf + "streetCode", street, "street " + street + " does not contain grid " + grid);
            }
            if (grid != null && community != null && !grid.startsWith(community)) {
                issues.add(pf + "communityCode", community, "community " + community + " does not contain grid "
                        + grid);
            }
            if (geomIssue != null) {
                issues.add(field + "." + geomIssue[0], id, geomIssue[1]);
            }
            if (issues.total() == before) {
                rows.add(new Row(field, id, classCode, v.get("name"), dept, v.get("competentDeptName"),
                        v.get("ownerCode"), v.get("ownerName"), v.get("maintainerCode"), v.get("maintainerName"),
                        grid, status, initial, change, source, v.get("remark"), street, v.get("streetName"),
                        community, v.get("communityName"), lon, lat));
            }
        }

        private String text(Map<String, String> v, String name, int max, boolean required, String pf, String id) {
            String s = v.get(name);
            if (s == null && required) {
                issues.add(pf + name, id, name + " is required");
            } else if (s != null && s.length() > max) {
                issues.add(pf + name, id, name + " is longer than " + max + " characters");
            }
            return s;
        }

        private void uscc(String code, String name, String pf, String id) {
            if (code != null && !code.matches(USCC)) {
                issues.add(pf + name, code, name + " must be an 18-character 统一社会信用代码");
            }
        }

        private void digits(Map<String, String> v, String name, int n, String pf, String id) {
            String s = v.get(name);
            if (s != null && !s.matches("[0-9]{" + n + "}")) {
                issues.add(pf + name, s, name + " must be " + n + " digits");
            }
        }

        private LocalDate date(Map<String, String> v, String name, boolean required, String pf, String id) {
            String s = v.get(name);
            if (s == null) {
                if (required) {
                    issues.add(pf + name, id, name + " is required (YYYYMMDD)");
                }
                return null;
            }
            try {
                return LocalDate.parse(s, YYYYMMDD);
            } catch (DateTimeParseException e) {
                issues.add(pf + name, s, name + " must be a date YYYYMMDD, got '" + s + "'");
                return null;
            }
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static List<String> ordered(Set<String> s) {
        return List.of("完好", "破损", "丢失", "废弃", "移除").stream().filter(s::contains).toList();
    }
}
