package cn.cityops.municipal.space;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.validation.InvalidValueException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Parses and checks the features of a unit-grid GeoJSON upload (everything that needs no geometry engine): the code
 * and its district, names, department, dates, geometry shape, duplicates. Property names: {@code code, name,
 * communityName, streetName, responsibleDepartment, validFrom, validTo} ({@code areaM2} of an export is ignored).
 */
final class GridFeatures {

    static final List<String> POLYGONAL = List.of("Polygon", "MultiPolygon");

    /** One parsed grid feature; {@code geometryJson} is the GeoJSON geometry text for PostGIS. */
    record Row(int index, String code, String name, String communityName, String streetName, String department,
               LocalDate validFrom, LocalDate validTo, String geometryJson) {
    }

    /** Result of parsing: rows that passed the checks, and the issues of those that did not. */
    record Parsed(List<Row> rows, Issues issues, int features) {
    }

    private GridFeatures() {
    }

    /**
     * @param districtProblem for a 6-digit district code, null when it is a district of this city, else why not
     * @param departmentExists whether a department id exists
     */
    static Parsed parse(InputStream in, Function<String, String> districtProblem, Predicate<String> departmentExists) {
        List<Row> rows = new ArrayList<>();
        Issues issues = new Issues();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> districtCache = new HashMap<>();
        int n = GeoJson.forEachFeature(in, (i, value) -> {
            Row row = row(i, value, issues, districtCache, districtProblem, departmentExists);
            if (row == null) {
                return;
            }
            Integer first = seen.putIfAbsent(row.code(), i);
            if (first != null) {
                issues.add(field(i, "properties.code"), row.code(), "duplicate code " + row.code()
                        + " (also in features[" + first + "])");
                return;
            }
            rows.add(row);
        });
        if (n == 0) {
            issues.add("features", null, "the FeatureCollection has no features");
        }
        return new Parsed(rows, issues, n);
    }

    static String field(int i, String rest) {
        return "features[" + i + "]" + (rest == null ? "" : "." + rest);
    }

    private static Row row(int i, JsonValue value, Issues issues, Map<String, String> districtCache,
            Function<String, String> districtProblem, Predicate<String> departmentExists) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT
                || !"Feature".equals(GeoJson.text(value.asJsonObject(), "type"))) {
            issues.add(field(i, null), null, "must be a GeoJSON Feature object");
            return null;
        }
        JsonObject f = value.asJsonObject();
        JsonValue pv = f.get("properties");
        JsonObject props = pv != null && pv.getValueType() == JsonValue.ValueType.OBJECT ? pv.asJsonObject() : null;
        String code = GeoJson.text(props, "code");
        int before = issues.total();
        if (code == null) {
            issues.add(field(i, "properties.code"), null, "code (15-digit unit grid code) is required");
        } else {
            try {
                UnitGridCode grid = UnitGridCode.of(code);
                String district = grid.division().value();
                String problem = districtCache.computeIfAbsent(district, d -> {
                    String p = districtProblem.apply(d);
                    return p == null ? "" : p;
                });
                if (!problem.isEmpty()) {
                    issues.add(field(i, "properties.code"), code, problem);
                }
            } catch (InvalidValueException e) {
                issues.add(field(i, "properties.code"), code, e.getMessage());
            }
        }
        String name = GeoJson.text(props, "name");
        if (name == null || name.length() > 100) {
            issues.add(field(i, "properties.name"), code, "name is required (1 to 100 characters)");
        }
        String community = GeoJson.text(props, "communityName");
        String street = GeoJson.text(props, "streetName");
        if (community != null && community.length() > 100) {
            issues.add(field(i, "properties.communityName"), code, "at most 100 characters");
        }
        if (street != null && street.length() > 100) {
            issues.add(field(i, "properties.streetName"), code, "at most 100 characters");
        }
        String dept = GeoJson.text(props, "responsibleDepartment");
        if (dept != null && !departmentExists.test(dept)) {
            issues.add(field(i, "properties.responsibleDepartment"), code, "department '" + dept
                    + "' does not exist");
        }
        LocalDate from = date(props, "validFrom", i, code, issues);
        LocalDate to = date(props, "validTo", i, code, issues);
        if (from != null && to != null && to.isBefore(from)) {
            issues.add(field(i, "properties.validTo"), code, "validTo " + to + " is before validFrom " + from);
        }
        String geomProblem = GeoJson.checkGeometry(f.get("geometry"), POLYGONAL);
        if (geomProblem != null) {
            issues.add(field(i, "geometry"), code, geomProblem);
        }
        if (issues.total() > before) {
            return null;
        }
        return new Row(i, code, name, community, street, dept, from, to, f.get("geometry").toString());
    }

    private static LocalDate date(JsonObject props, String name, int i, String code, Issues issues) {
        String s = GeoJson.text(props, name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            issues.add(field(i, "properties." + name), code, name + " must be an ISO date (YYYY-MM-DD), got '" + s
                    + "'");
            return null;
        }
    }
}
