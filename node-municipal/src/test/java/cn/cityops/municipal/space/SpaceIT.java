package cn.cityops.municipal.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unit grids, locate, components and case routing on the real municipal WAR (node 140600 朔州市), Payara Micro and
 * PostGIS. Every test works in its own street of 朔城区 (140602) and its own patch of the map, so they do not meet.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SpaceIT {

    static final double SIDE = 0.001; // ≈ 86 m × 111 m at 39.3°N

    @ArquillianResource
    java.net.URL url;

    Http admin;

    @Deployment(testable = false)
    static WebArchive war() {
        return NodeContract.builtWar();
    }

    @BeforeEach
    void login() {
        String root = url.getProtocol() + "://" + url.getHost() + ":" + url.getPort();
        cn.cityops.testkit.Await.until("node ready", java.time.Duration.ofMinutes(3),
                () -> new Http(root).get("/health/ready"), r -> r.status() == 200);
        admin = new Http(url.toString()).login("admin", NodeContract.ADMIN_PASSWORD);
    }

    // ---- helpers ----

    static String square(double lon, double lat, double side) {
        return polygon(lon, lat, lon + side, lat, lon + side, lat + side, lon, lat + side, lon, lat);
    }

    static String polygon(double... xy) {
        StringBuilder sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i < xy.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append('[').append(fmt(xy[i])).append(',').append(fmt(xy[i + 1]))
                    .append(']');
        }
        return sb.append("]]}").toString();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    static String grid(String code, String geometry, String extra) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"网格" + code.substring(12)
                + "\",\"communityName\":\"测试社区" + code.substring(9, 12) + "\",\"streetName\":\"测试街道"
                + code.substring(6, 9) + "\"" + (extra == null ? "" : "," + extra) + "},\"geometry\":" + geometry
                + "}";
    }

    static String fc(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    Http.Reply importGrids(String body) {
        return admin.post("/api/grids/import", body);
    }

    /** Base position of a test street: street 1xx lies at lon 112.4 + (xx) × 0.01. */
    static double lonOf(int street) {
        return 112.4 + (street - 100) * 0.01;
    }

    String department(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Http.Reply r = admin.post("/api/departments", "{\"id\":\"" + id + "\",\"name\":\"部门" + id
                + "\",\"uscc\":\"11140600MB0000000X\",\"phone\":\"0349-1234567\"}");
        assertEquals(201, r.status(), r.toString());
        return id;
    }

    Http user(String role) {
        String name = role.replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply r = admin.post("/api/admin/users", "{\"username\":\"" + name + "\",\"displayName\":\"测试\","
                + "\"password\":\"Passw0rd-test\",\"roles\":[\"" + role + "\"]}");
        assertEquals(201, r.status(), r.toString());
        return new Http(url.toString()).login(name, "Passw0rd-test");
    }

    static JsonObject issue(Http.Reply r, String field) {
        for (JsonValue v : r.json().getJsonArray("issues")) {
            if (v.asJsonObject().getString("field").equals(field)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no issue for " + field + " in " + r);
    }

    static String bbox(int street) {
        double lon = lonOf(street);
        return fmt(lon - 0.0001) + "," + fmt(39.2999) + "," + fmt(lon + 0.0099) + "," + fmt(39.3099);
    }

    // ---- grids ----

    @Test
    void geoJsonRoundTripIsLossless() {
        String dept = department("rt");
        double lon = lonOf(101);
        List<String> features = List.of(
                grid("140602101001001", square(lon, 39.3, SIDE), "\"responsibleDepartment\":\"" + dept
                        + "\",\"validFrom\":\"2026-01-01\""),
                // shares an edge with the first (fine), given as a MultiPolygon with a hole, precise coordinates
                grid("140602101001002", "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[" + (lon + SIDE)
                        + ",39.3],[112.41200000000002,39.3],[112.412,39.301],[" + (lon + SIDE) + ",39.301],["
                        + (lon + SIDE) + ",39.3]],[[112.4112,39.3002],[112.4112,39.3004],[112.4114,39.3004],"
                        + "[112.4112,39.3002]]]]}", "\"validFrom\":\"2026-01-01\",\"validTo\":\"2030-12-31\""),
                grid("140602101002001", square(lon, 39.302, SIDE), null));
        Http.Reply r = importGrids(fc(features));
        assertEquals(200, r.status(), r.toString());
        assertEquals(3, r.json().getInt("features"));

        Http.Reply first = admin.get("/api/grids?bbox=" + bbox(101));
        assertEquals(200, first.status(), first.toString());
        JsonArray exported = first.json().getJsonArray("features");
        assertEquals(3, exported.size(), first.toString());
        JsonObject g1 = exported.getJsonObject(0).getJsonObject("properties");
        assertEquals("140602101001001", g1.getString("code"));
        assertEquals(dept, g1.getString("responsibleDepartment"));
        assertEquals("2026-01-01", g1.getString("validFrom"));
        assertEquals("测试社区001", g1.getString("communityName"));
        // geography of SRID 4490 works: 0.001° × 0.001° at 39.3°N ≈ 86.2 m × 111.0 m ≈ 9,577 m²
        double area = g1.getJsonNumber("areaM2").doubleValue();
        assertTrue(Math.abs(area - 9576.6) < 5, "area " + area);
        assertTrue(first.body().contains("112.41200000000002"), "full double precision is kept: " + first.body());
        assertFalse(first.body().contains("\"crs\""), "RFC 7946 output has no crs member");

        Http.Reply again = importGrids(first.body());
        assertEquals(200, again.status(), again.toString());
        assertEquals(3, again.json().getInt("updated"));
        Http.Reply second = admin.get("/api/grids?bbox=" + bbox(101));
        assertEquals(first.json(), second.json(), "import → export → import → export is lossless");

        Http.Reply one = admin.get("/api/grids/140602101001002");
        assertEquals(200, one.status(), one.toString());
        assertEquals(exported.getJsonObject(1), one.json());
        assertEquals(404, admin.get("/api/grids/140602101009009").status());

        JsonArray areas = admin.get("/api/areas").structure().asJsonArray();
        JsonObject district = areas.stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("code").equals("140602")).findFirst().orElseThrow();
        assertEquals("朔城区", district.getString("name"));
        JsonObject street = district.getJsonArray("children").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("code").equals("140602101")).findFirst().orElseThrow();
        assertEquals(3, street.getInt("gridCount"));
        assertEquals("测试街道101", street.getString("name"));
        assertEquals(2, street.getJsonArray("children").size());
        assertEquals(2, street.getJsonArray("children").getJsonObject(0).getInt("gridCount"));
    }

    @Test
    void overlapsAreRejectedNamingBothCodesAndNothingIsWritten() {
        double lon = lonOf(102);
        assertEquals(200, importGrids(fc(List.of(grid("140602102001001", square(lon, 39.3, SIDE), null))))
                .status());
        Http.Reply r = importGrids(fc(List.of(
                grid("140602102001002", square(lon + SIDE / 2, 39.3, SIDE), null), // overlaps the stored one
                grid("140602102002001", square(lon, 39.303, SIDE), null),
                grid("140602102002002", square(lon + SIDE / 2, 39.303, SIDE), null), // overlaps the previous
                grid("140602102003001", square(lon, 39.306, SIDE), null))));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.isProblem());
        JsonObject stored = issue(r, "features[0].geometry");
        assertEquals("140602102001002", stored.getString("value"));
        assertTrue(stored.getString("message").contains("140602102001001"), stored.toString());
        JsonObject inFile = issue(r, "features[2].geometry");
        assertTrue(inFile.getString("message").contains("140602102002002")
                && inFile.getString("message").contains("140602102002001"), inFile.toString());
        assertEquals(2, r.json().getJsonArray("issues").size(), r.toString());
        assertEquals(404, admin.get("/api/grids/140602102003001").status(), "all or nothing");
    }

    @Test
    void bowTieIsRejectedWithTheReason() {
        double lon = lonOf(103);
        Http.Reply r = importGrids(fc(List.of(grid("140602103001001", square(lon, 39.3, SIDE), null),
                grid("140602103001002", polygon(lon, 39.302, lon + SIDE, 39.303, lon + SIDE, 39.302, lon, 39.303,
                        lon, 39.302), null))));
        assertEquals(400, r.status(), r.toString());
        JsonObject i = issue(r, "features[1].geometry");
        assertEquals("140602103001002", i.getString("value"));
        assertTrue(i.getString("message").contains("Self-intersection"), i.toString());
        assertEquals(404, admin.get("/api/grids/140602103001001").status());
    }

    @Test
    void malformedInputIsA4xxProblem() {
        double lon = lonOf(104);
        Http.Reply bad = importGrids(fc(List.of(grid("14060210400100X", square(lon, 39.31, SIDE), null),
                grid("999999104001001", square(lon, 39.312, SIDE), null))));
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(issue(bad, "features[0].properties.code").getString("message").contains("15 digits"));
        assertTrue(issue(bad, "features[1].properties.code").getString("message").contains("999999"));

        Http.Reply notGeo = importGrids("{\"hello\":\"world\"}");
        assertEquals(400, notGeo.status(), notGeo.toString());
        assertTrue(notGeo.isProblem());
        assertTrue(notGeo.json().getString("detail").contains("FeatureCollection"), notGeo.toString());
        assertEquals(400, importGrids("{\"type\":\"FeatureCollection\",\"features\":[").status());
        Http.Reply type = admin.send("POST", "/api/grids/import", "text/plain", "hello");
        assertEquals(415, type.status(), type.toString());
        assertTrue(type.isProblem());
        assertEquals(400, admin.get("/api/grids?bbox=1,2,3").status());
    }

    // ---- locate ----

    @Test
    void locateFindsTheGridOrSays404() {
        double lon = lonOf(104);
        assertEquals(200, importGrids(fc(List.of(grid("140602104001001", square(lon, 39.3, SIDE), null))))
                .status());
        Http.Reply r = admin.get("/api/locate?lon=" + fmt(lon + SIDE / 3) + "&lat=39.3005");
        assertEquals(200, r.status(), r.toString());
        JsonObject l = r.json();
        assertEquals("140602104001001", l.getString("grid"));
        assertEquals("140602104001", l.getString("communityCode"));
        assertEquals("测试社区001", l.getString("communityName"));
        assertEquals("140602104", l.getString("streetCode"));
        assertEquals("测试街道104", l.getString("streetName"));
        assertEquals("140602", l.getString("districtCode"));
        assertEquals("朔城区", l.getString("districtName"));

        Http.Reply outside = admin.get("/api/locate?lon=" + fmt(lon + 0.005) + "&lat=39.3005");
        assertEquals(404, outside.status(), outside.toString());
        assertTrue(outside.json().getString("detail").contains("outside every unit grid"));
        assertEquals(400, admin.get("/api/locate?lon=200&lat=39.3").status());
        assertEquals(400, admin.get("/api/locate?lon=abc&lat=39.3").status());
    }

    // ---- components ----

    @Test
    void componentsImportAsGeoJsonAndCsvAndExport() {
        double lon = lonOf(105);
        assertEquals(200, importGrids(fc(List.of(grid("140602105001001", square(lon, 39.3, SIDE), null),
                grid("140602105001002", square(lon + SIDE, 39.3, SIDE), null)))).status());
        String geo = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"id\":\"14060201001105001\",\"name\":\"供水井盖\",\"competentDeptCode\":\"11140600MB0000000X\","
                + "\"competentDeptName\":\"朔州市水务局\",\"status\":\"完好\",\"initialDate\":\"20250301\","
                + "\"dataSource\":\"实测\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + fmt(lon + 0.0005)
                + ",39.3005]}}]}";
        Http.Reply r = admin.post("/api/components/import", geo);
        assertEquals(200, r.status(), r.toString());
        assertEquals(1, r.json().getInt("inserted"));
        JsonObject c = admin.get("/api/components/14060201001105001").json();
        assertEquals("140602105001001", c.getString("gridCode"), "grid found by location");
        assertEquals("140602105", c.getString("streetCode"));
        assertEquals("测试社区001", c.getString("communityName"));
        assertEquals("01001", c.getString("classCode"));

        String csv = "id,name,competentDeptCode,competentDeptName,status,initialDate,changeDate,remark,lon,lat\r\n"
                + "14060201002105001,污水井盖,11140600MB0000000X,朔州市水务局,破损,20250301,20260101,"
                + "\"盖板松动, 待修\"," + fmt(lon + SIDE + 0.0005) + ",39.3005\r\n"
                + "14060201001105002,供水井盖,11140600MB0000000X,朔州市水务局,完好,20250301,,," + fmt(lon + 0.0002)
                + ",39.3002\r\n";
        Http.Reply rc = admin.send("POST", "/api/components/import", "text/csv", csv);
        assertEquals(200, rc.status(), rc.toString());
        assertEquals(2, rc.json().getInt("components"));

        JsonObject page = admin.get("/api/components?gridCode=140602105001001").json();
        assertEquals(2, page.getInt("total"), page.toString());
        JsonObject broken = admin.get("/api/components?status=%E7%A0%B4%E6%8D%9F&classCode=01002").json();
        assertEquals(1, broken.getInt("total"));
        assertEquals("盖板松动, 待修", broken.getJsonArray("items").getJsonObject(0).getString("remark"));
        assertEquals("20260101", broken.getJsonArray("items").getJsonObject(0).getString("changeDate"));

        Http.Reply exportCsv = admin.send("GET", "/api/components/export?format=csv&gridCode=140602105001001",
                null, null);
        assertEquals(200, exportCsv.status(), exportCsv.toString());
        assertTrue(exportCsv.contentType().startsWith("text/csv"), exportCsv.contentType());
        String[] lines = exportCsv.body().split("\r\n");
        assertEquals(3, lines.length, exportCsv.body());
        assertTrue(lines[0].startsWith("id,name,competentDeptCode"));
        // CSV export re-imports as is
        Http.Reply re = admin.send("POST", "/api/components/import", "text/csv", exportCsv.body());
        assertEquals(200, re.status(), re.toString());
        assertEquals(2, re.json().getInt("updated"));

        Http.Reply exportGeo = admin.get("/api/components/export?format=geojson&gridCode=140602105001002");
        assertEquals(200, exportGeo.status(), exportGeo.toString());
        JsonArray feats = exportGeo.json().getJsonArray("features");
        assertEquals(1, feats.size());
        assertEquals("14060201002105001", feats.getJsonObject(0).getJsonObject("properties").getString("id"));
        Http.Reply reGeo = admin.post("/api/components/import", exportGeo.body());
        assertEquals(200, reGeo.status(), reGeo.toString());
    }

    @Test
    void componentWhoseClassIsNotAComponentClassIsRejected() {
        double lon = lonOf(105);
        String csv = "id,name,competentDeptCode,competentDeptName,status,initialDate,lon,lat\n"
                + "14060206010105001,暴露垃圾,11140600MB0000000X,环卫中心,完好,20250301," + fmt(lon + 0.0005)
                + ",39.3005\n"
                + "14060201001105009,供水井盖,11140600MB0000000X,水务局,完好,20250301,113.9,39.9\n";
        Http.Reply r = admin.send("POST", "/api/components/import", "text/csv", csv);
        assertEquals(400, r.status(), r.toString());
        assertTrue(issue(r, "rows[0].id").getString("message").contains("not a component class"), r.toString());
        assertEquals(404, admin.get("/api/components/14060201001105009").status());
        Http.Reply outside = admin.send("POST", "/api/components/import", "text/csv",
                "id,name,competentDeptCode,competentDeptName,status,initialDate,lon,lat\n"
                        + "14060201001105009,供水井盖,11140600MB0000000X,水务局,完好,20250301,113.9,39.9\n");
        assertEquals(400, outside.status(), outside.toString());
        assertTrue(issue(outside, "rows[0].geometry").getString("message").contains("outside every unit grid"));
        Http.Reply wrongType = admin.send("POST", "/api/components/import", "application/xml", "<a/>");
        assertEquals(415, wrongType.status(), wrongType.toString());
    }

    // ---- routing ----

    @Test
    void routingPrefersTheMostSpecificRuleThenFallsBackToTheGrid() {
        String streetDept = department("street");
        String communityDept = department("community");
        String gridDept = department("grid");
        double lon = lonOf(106);
        assertEquals(200, importGrids(fc(List.of(grid("140602106001001", square(lon, 39.3, SIDE),
                "\"responsibleDepartment\":\"" + gridDept + "\"")))).status());

        Http.Reply r1 = admin.post("/api/routing-rules", "{\"areaCode\":\"140602106\",\"departmentId\":\""
                + streetDept + "\",\"note\":\"街道兜底\"}");
        assertEquals(201, r1.status(), r1.toString());
        long streetRule = r1.json().getJsonNumber("id").longValue();
        Http dispatcher = user("dispatcher");
        Http.Reply r2 = dispatcher.post("/api/routing-rules", "{\"matterClass\":\"06010\",\"areaCode\":"
                + "\"140602106001\",\"departmentId\":\"" + communityDept + "\"}");
        assertEquals(201, r2.status(), "a 派遣员 may edit the routing table: " + r2);
        long communityRule = r2.json().getJsonNumber("id").longValue();

        JsonObject byRule = admin.get("/api/routing/resolve?matter=06010&lon=" + fmt(lon + 0.0005)
                + "&lat=39.3005").json();
        assertEquals(communityDept, byRule.getString("departmentId"), byRule.toString());
        assertEquals("RULE " + communityRule, byRule.getString("basis"));
        assertEquals("140602106001001", byRule.getString("grid"));
        JsonObject otherMatter = admin.get("/api/routing/resolve?matter=09005&grid=140602106001001").json();
        assertEquals(streetDept, otherMatter.getString("departmentId"));
        assertEquals("RULE " + streetRule, otherMatter.getString("basis"));

        assertEquals(204, admin.delete("/api/routing-rules/" + streetRule).status());
        JsonObject fallback = admin.get("/api/routing/resolve?matter=09005&grid=140602106001001").json();
        assertEquals(gridDept, fallback.getString("departmentId"), fallback.toString());
        assertEquals("GRID", fallback.getString("basis"));

        Http.Reply invalid = admin.post("/api/routing-rules", "{\"matterClass\":\"99001\",\"areaCode\":\"1406\","
                + "\"departmentId\":\"no-such\"}");
        assertEquals(400, invalid.status(), invalid.toString());
        assertEquals(3, invalid.json().getJsonArray("issues").size(), invalid.toString());
    }

    // ---- departments and roles ----

    @Test
    void departmentsAndRoles() {
        String dept = department("members");
        String memberName = "dept-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin.post("/api/admin/users", "{\"username\":\"" + memberName + "\",\"displayName\":"
                + "\"测试\",\"password\":\"Passw0rd-test\",\"roles\":[\"department\"]}").status());
        Http.Reply members = admin.put("/api/departments/" + dept + "/members", "[\"" + memberName + "\"]");
        assertEquals(200, members.status(), members.toString());
        assertEquals(memberName, members.json().getJsonArray("members").getString(0));
        Http inspector = user("inspector");
        assertEquals(200, inspector.get("/api/departments").status());
        assertEquals(200, inspector.get("/api/grids?bbox=" + bbox(101)).status());
        Http.Reply denied = inspector.post("/api/grids/import", fc(List.of()));
        assertEquals(403, denied.status(), denied.toString());
        assertTrue(denied.isProblem());
        assertEquals(403, inspector.post("/api/departments", "{\"id\":\"x\",\"name\":\"x\"}").status());
        assertEquals(403, inspector.post("/api/routing-rules", "{}").status());
        assertEquals(403, inspector.send("POST", "/api/components/import", "text/csv", "id\n").status());

        Http.Reply notDept = admin.put("/api/departments/" + dept + "/members", "[\"admin\"]");
        assertEquals(400, notDept.status(), "admin has no department role: " + notDept);
        Http.Reply badUscc = admin.post("/api/departments", "{\"id\":\"bad-uscc\",\"name\":\"x\",\"uscc\":\"123\"}");
        assertEquals(400, badUscc.status(), badUscc.toString());
        Http member = new Http(url.toString()).login(memberName, "Passw0rd-test");
        assertEquals(200, member.get("/api/components").status(), "专业部门 may read");
    }

    // ---- figures ----

    @Test
    void fourThousandGridsImportQuicklyAndLocateIsFast() {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String code = String.format(Locale.ROOT, "1406022%02d%03d%03d", i / 200, (i % 200) / 20 + 1, i % 20 + 1);
            features.add(grid(code, square(112.5 + (i % 64) * SIDE, 39.5 + (i / 64) * SIDE, SIDE), null));
        }
        String body = fc(features);
        long t0 = System.nanoTime();
        Http.Reply r = importGrids(body);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status(), r.toString());
        System.out.println("FIGURE grid import: 4000 grids (" + body.length() / 1024 + " KiB) in " + ms + " ms"
                + " (server " + r.json().getJsonNumber("millis") + " ms)");
        assertTrue(ms < 30_000, "4,000 grids in " + ms + " ms");
        t0 = System.nanoTime();
        Http.Reply again = importGrids(body);
        System.out.println("FIGURE grid re-import (upsert): 4000 grids in " + (System.nanoTime() - t0) / 1_000_000
                + " ms");
        assertEquals(4000, again.json().getInt("updated"));

        java.util.Random random = new java.util.Random(7);
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            double x = 112.5 + random.nextDouble() * 64 * SIDE;
            double y = 39.5 + random.nextDouble() * 62 * SIDE;
            long s = System.nanoTime();
            Http.Reply l = admin.get("/api/locate?lon=" + fmt(x) + "&lat=" + fmt(y));
            nanos[i] = System.nanoTime() - s;
            assertEquals(200, l.status(), l.toString());
        }
        Arrays.sort(nanos);
        System.out.println("FIGURE locate over HTTP (4000+ grids, 1000 lookups): p50 " + nanos[500] / 1000
                + " µs, p99 " + nanos[990] / 1000 + " µs");
        t0 = System.nanoTime();
        Http.Reply export = admin.get("/api/grids?bbox=112.49,39.49,112.6,39.6");
        System.out.println("FIGURE grid export: " + export.json().getJsonArray("features").size() + " grids in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
