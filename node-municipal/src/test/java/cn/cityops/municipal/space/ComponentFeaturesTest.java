package cn.cityops.municipal.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import cn.cityops.core.problem.Problem;
import org.junit.jupiter.api.Test;

class ComponentFeaturesTest {

    static final ComponentFeatures.Rules RULES = new ComponentFeatures.Rules(
            c -> c.equals("01001") ? null : "class " + c + " is a matter class, not a component class",
            d -> d.startsWith("1406") ? null : "district " + d + " does not belong to this city (140600)");

    static final String HEADER = "id,name,competentDeptCode,competentDeptName,status,initialDate,lon,lat";

    @Test
    void csvRowsParseWithQuotesAndBom() {
        String csv = "\uFEFF" + HEADER + "\r\n14060201001000001,\"供水井盖, 大\",11140600MB0000000X,朔州市水务局,完好,20250301,"
                + "112.4005,39.3005\r\n";
        ComponentFeatures.Parsed p = ComponentFeatures.parseCsv(GridFeaturesTest.in(csv), RULES);
        assertTrue(p.issues().isEmpty(), p.issues().list().toString());
        ComponentFeatures.Row r = p.rows().get(0);
        assertEquals("供水井盖, 大", r.name());
        assertEquals("01001", r.classCode());
        assertEquals(112.4005, r.lon());
        assertNull(r.gridCode());
        assertEquals("2025-03-01", r.initialDate().toString());
    }

    @Test
    void csvIssuesNameRowAndField() {
        String csv = HEADER + ",colour\n"
                + "14060206010000001,井盖,11140600MB0000000X,水务局,坏了,20250230,112.4,39.3,red\n"
                + "14060201001000002,井盖,short,水务局,完好,20250301,200,39.3,red\n";
        List<Problem.Issue> issues = ComponentFeatures.parseCsv(GridFeaturesTest.in(csv), RULES).issues().list();
        assertEquals("header[8]", issues.get(0).field());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("rows[0].id")
                && i.message().contains("not a component class")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("rows[0].status")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("rows[0].initialDate")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("rows[1].competentDeptCode")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("rows[1].lon")
                && i.message().contains("longitude")), issues.toString());
    }

    @Test
    void geoJsonPointFeatures() {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"id\":\"14060201001000001\",\"name\":\"供水井盖\",\"competentDeptCode\":\"11140600MB0000000X\","
                + "\"competentDeptName\":\"水务局\",\"status\":\"破损\",\"initialDate\":\"20250301\","
                + "\"gridCode\":\"140602001001001\",\"streetCode\":\"140602002\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.4,39.3]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"id\":\"14060201001000001\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}]}";
        List<Problem.Issue> issues = ComponentFeatures.parseGeoJson(GridFeaturesTest.in(fc), RULES).issues().list();
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("features[0].properties.streetCode")
                && i.message().contains("does not contain grid")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("features[1].properties.id")
                && i.message().contains("duplicate")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.field().equals("features[1].geometry")
                && i.message().contains("Point")), issues.toString());
    }
}
