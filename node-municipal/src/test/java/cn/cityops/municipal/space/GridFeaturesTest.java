package cn.cityops.municipal.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import org.junit.jupiter.api.Test;

class GridFeaturesTest {

    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[112.4,39.3],[112.401,39.3],"
            + "[112.401,39.301],[112.4,39.301],[112.4,39.3]]]}";

    static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String feature(String code, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"网格\","
                + "\"validFrom\":\"2026-01-01\"},\"geometry\":" + geometry + "}";
    }

    static GridFeatures.Parsed parse(String body) {
        return GridFeatures.parse(in(body), d -> d.startsWith("1406") ? null : "district " + d
                + " does not belong to this city (140600)", id -> id.equals("d1"));
    }

    static String fc(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @Test
    void goodFeatureParses() {
        GridFeatures.Parsed p = parse(fc(feature("140602001001001", SQUARE)));
        assertTrue(p.issues().isEmpty(), p.issues().list().toString());
        assertEquals(1, p.rows().size());
        assertEquals("2026-01-01", p.rows().get(0).validFrom().toString());
        assertTrue(p.rows().get(0).geometryJson().contains("Polygon"));
    }

    @Test
    void issuesNameTheFeatureAndTheCode() {
        GridFeatures.Parsed p = parse(fc(feature("140602001001001", SQUARE), feature("14060200100100", SQUARE),
                feature("110105001001001", SQUARE), feature("140602001001001", SQUARE),
                feature("140602001001002", "{\"type\":\"Point\",\"coordinates\":[1,2]}"),
                feature("140602001001003", "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4],[1,2]]]}"),
                feature("140602001001004", "null")));
        List<Problem.Issue> issues = p.issues().list();
        assertEquals(6, issues.size(), issues.toString());
        assertEquals("features[1].properties.code", issues.get(0).field());
        assertTrue(issues.get(0).message().contains("15 digits"));
        assertEquals("features[2].properties.code", issues.get(1).field());
        assertTrue(issues.get(1).message().contains("does not belong to this city"));
        assertEquals("features[3].properties.code", issues.get(2).field());
        assertTrue(issues.get(2).message().contains("duplicate code 140602001001001 (also in features[0])"));
        assertEquals("features[4].geometry", issues.get(3).field());
        assertEquals("140602001001002", issues.get(3).value());
        assertTrue(issues.get(3).message().contains("Polygon or MultiPolygon"));
        assertTrue(issues.get(4).message().contains("at least 4"), issues.get(4).message());
        assertEquals("geometry is missing", issues.get(5).message());
    }

    @Test
    void unknownDepartmentAndBadDatesAreIssues() {
        String f = "{\"type\":\"Feature\",\"properties\":{\"code\":\"140602001001001\",\"name\":\"x\","
                + "\"responsibleDepartment\":\"nope\",\"validFrom\":\"2026-13-01\"},\"geometry\":" + SQUARE + "}";
        List<Problem.Issue> issues = parse(fc(f)).issues().list();
        assertEquals(2, issues.size(), issues.toString());
        assertTrue(issues.get(0).message().contains("department 'nope' does not exist"));
        assertEquals("features[0].properties.validFrom", issues.get(1).field());
    }

    @Test
    void notGeoJsonIsAMalformedProblem() {
        ProblemException e = assertThrows(ProblemException.class, () -> parse("{\"type\":\"Feature\"}"));
        assertEquals(ProblemType.MALFORMED, e.problem().type());
        e = assertThrows(ProblemException.class, () -> parse("[1,2]"));
        assertEquals(ProblemType.MALFORMED, e.problem().type());
        e = assertThrows(ProblemException.class, () -> parse("{\"type\":\"FeatureCollection\",\"features\":[{"));
        assertEquals(ProblemType.MALFORMED, e.problem().type());
    }

    @Test
    void bodyLimitBecomes413EvenInsideTheParser() {
        String body = fc(feature("140602001001001", SQUARE), feature("140602001001002", SQUARE));
        ProblemException e = assertThrows(ProblemException.class, () -> GridFeatures.parse(
                new BodyLimit(in(body), 100), d -> null, id -> true));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, e.problem().type());
        e = assertThrows(ProblemException.class, () -> BodyLimit.of(in(""), "1000000000", 64L << 20));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, e.problem().type());
    }
}
