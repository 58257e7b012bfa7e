package cn.cityops.municipal.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.cityops.municipal.demo.DemoCity.City;
import cn.cityops.municipal.demo.DemoCity.Component;
import cn.cityops.municipal.demo.DemoCity.Grid;
import cn.cityops.model.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCityTest {

    static City city;

    @BeforeAll
    static void generate() {
        city = DemoCity.build(4000, 3000, 140600);
    }

    @Test
    void sameSeedGivesTheSameBytes(@TempDir Path tmp) throws IOException {
        DemoCity.write(city, tmp.resolve("a"));
        DemoCity.write(DemoCity.build(4000, 3000, 140600), tmp.resolve("b"));
        for (String f : List.of("grids.geojson", "components.geojson", "components.csv", "departments.json",
                "users.json")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        DemoCity.write(DemoCity.build(4000, 3000, 7), tmp.resolve("c"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/grids.geojson")),
                Files.readAllBytes(tmp.resolve("c/grids.geojson"))), "another seed, another city");
    }

    @Test
    void gridCountAndAreaMatchTheTarget() {
        assertEquals(4000, city.grids().size());
        double area = city.totalAreaM2();
        assertTrue(Math.abs(area - 40e6) < 4e6, "total area " + area / 1e6 + " km²");
        for (Grid g : city.grids()) {
            assertTrue(g.areaM2() > 5_000 && g.areaM2() < 15_000, g.code() + " " + g.areaM2());
        }
        assertTrue(city.streets().size() >= 6 && city.streets().size() <= 10, "streets " + city.streets().size());
        assertTrue(city.communities().size() >= 50 && city.communities().size() <= 70,
                "communities " + city.communities().size());
        long pinglu = city.grids().stream().filter(g -> g.code().startsWith("140603")).count();
        assertTrue(pinglu > 0 && pinglu < 2000, "most grids in 朔城区, some in 平鲁区: " + pinglu);
    }

    @Test
    void gridsAreValidAndNeverOverlap() {
        List<Grid> grids = city.grids();
        Map<String, List<Grid>> byVertex = new HashMap<>();
        for (Grid g : grids) {
            assertEquals(5, g.ring().length);
            assertArrayEquals(g.ring()[0], g.ring()[4], "closed ring");
            assertTrue(Geo.strictlyConvex(g.ring()), "convex, hence a valid simple polygon: " + g.code());
            assertTrue(Geo.signedArea(g.ring()) > 0, "counter-clockwise exterior ring (RFC 7946)");
            for (int i = 0; i < 4; i++) {
                byVertex.computeIfAbsent(g.ring()[i][0] + "," + g.ring()[i][1], k -> new ArrayList<>()).add(g);
            }
        }
        // by construction neighbours share vertices: no vertex is used by more than the 4 cells around it
        assertTrue(byVertex.values().stream().allMatch(l -> l.size() <= 4));
        // every pair of grids near each other (bounding boxes touch) is checked with the separating axis test
        int pairs = 0;
        double[][] box = new double[grids.size()][];
        for (int i = 0; i < grids.size(); i++) {
            box[i] = bbox(grids.get(i).ring());
        }
        Integer[] order = new Integer[grids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(box[x][0], box[y][0]));
        for (int a = 0; a < order.length; a++) {
            for (int b = a + 1; b < order.length && box[order[b]][0] <= box[order[a]][2]; b++) {
                double[] p = box[order[a]];
                double[] q = box[order[b]];
                if (q[1] <= p[3] && p[1] <= q[3]) {
                    pairs++;
                    assertFalse(Geo.convexOverlap(grids.get(order[a]).ring(), grids.get(order[b]).ring()),
                            grids.get(order[a]).code() + " overlaps " + grids.get(order[b]).code());
                }
            }
        }
        assertTrue(pairs > 4000 * 3, "neighbouring pairs checked: " + pairs);
    }

    @Test
    void overlapTestItselfWorks() {
        double[][] a = {{0, 0}, {0, -1}, {1, -1}, {1, 0}, {0, 0}};
        double[][] touching = {{1, 0}, {1, -1}, {2, -1}, {2, 0}, {1, 0}};
        double[][] crossing = {{0.5, 0}, {0.5, -1}, {1.5, -1}, {1.5, 0}, {0.5, 0}};
        assertFalse(Geo.convexOverlap(a, touching));
        assertTrue(Geo.convexOverlap(a, crossing));
        assertTrue(Geo.contains(a, 0.5, -0.5));
        assertFalse(Geo.contains(a, 1.5, -0.5));
    }

    @Test
    void codesAre15DigitsUniqueAndHierarchical() {
        Set<String> codes = new HashSet<>();
        for (Grid g : city.grids()) {
            assertTrue(g.code().matches("\\d{15}"), g.code());
            assertTrue(codes.add(g.code()), "duplicate " + g.code());
            assertTrue(g.code().startsWith(g.community().fullCode()));
            assertTrue(g.code().startsWith("140602") || g.code().startsWith("140603"), g.code());
            assertFalse(g.code().endsWith("000"), "sequences start at 001");
        }
        assertEquals(city.communities().size(), city.communities().stream().map(c -> c.name()).distinct().count(),
                "community names are unique");
        Set<String> deptIds = new HashSet<>();
        city.departments().forEach(d -> {
            assertTrue(deptIds.add(d.id()));
            assertTrue(Uscc.valid(d.uscc()), d.uscc());
        });
        city.streets().forEach(s -> assertTrue(deptIds.contains(s.departmentId())));
    }

    @Test
    void componentsHaveValidIdsAndLieInsideTheirGrid() {
        Map<String, String> classes = DemoCity.componentClassNames();
        assertEquals(153, classes.size(), "all reference classes read from node-core's CSV");
        assertEquals(3000, city.components().size());
        Set<String> ids = new HashSet<>();
        for (Component c : city.components()) {
            assertTrue(c.id().matches("\\d{17}"), c.id());
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            assertEquals(c.grid().code().substring(0, 6), c.id().substring(0, 6));
            assertEquals(classes.get(c.id().substring(6, 11)), c.type().name(), c.id());
            assertTrue(Geo.contains(c.grid().ring(), c.lon(), c.lat()), c.id() + " outside " + c.grid().code());
            assertTrue(Uscc.valid(c.competent().code()) && Uscc.valid(c.maintainer().code()));
            assertTrue(c.initialDate().matches("20\\d{6}") && c.changeDate().compareTo(c.initialDate()) >= 0);
        }
        long intact = city.components().stream().filter(c -> c.status().equals("完好")).count();
        assertTrue(intact > 2400, "mostly 完好: " + intact);
    }

    @Test
    void usersCoverEveryMunicipalRole() {
        Set<String> roles = new HashSet<>();
        city.users().forEach(u -> roles.addAll(u.roles()));
        for (Role r : Role.values()) {
            if (r.existsOn(cn.cityops.model.node.NodeLevel.MUNICIPAL)) {
                assertTrue(roles.contains(r.id()), "a user with role " + r.id());
            }
        }
        assertTrue(city.users().stream().filter(u -> u.roles().contains(Role.Ids.INSPECTOR))
                .allMatch(u -> u.streetCode() != null && u.streetCode().matches("\\d{9}")));
        assertEquals(city.departments().size(), city.users().stream()
                .filter(u -> u.roles().contains(Role.Ids.DEPARTMENT)).map(u -> u.departmentId()).distinct().count());
        assertTrue(city.users().stream().allMatch(u -> u.username().matches("^[a-z0-9][a-z0-9._-]{2,39}$")));
    }

    @Test
    void writtenFilesHaveTheAgreedShape(@TempDir Path tmp) throws IOException {
        DemoCity.write(DemoCity.build(300, 200, 1), tmp);
        JsonObject grids = read(tmp.resolve("grids.geojson"));
        JsonObject first = grids.getJsonArray("features").getJsonObject(0);
        assertEquals(List.of("code", "name", "communityName", "streetName", "responsibleDepartment", "validFrom"),
                new ArrayList<>(first.getJsonObject("properties").keySet()));
        assertEquals("Polygon", first.getJsonObject("geometry").getString("type"));
        JsonObject component = read(tmp.resolve("components.geojson")).getJsonArray("features").getJsonObject(0);
        assertEquals(DemoCity.COMPONENT_COLUMNS, new ArrayList<>(component.getJsonObject("properties").keySet()));
        List<String> csv = Files.readAllLines(tmp.resolve("components.csv"));
        assertEquals(201, csv.size());
        assertTrue(csv.get(0).endsWith(",communityName,lon,lat"));
        JsonArray depts = Json.createReader(new StringReader(Files.readString(tmp.resolve("departments.json"))))
                .readArray();
        assertTrue(depts.size() >= 11);
        JsonArray users = Json.createReader(new StringReader(Files.readString(tmp.resolve("users.json")))).readArray();
        assertTrue(users.size() > 10);
    }

    @Test
    void scalesToALargeCity() {
        City big = DemoCity.build(100_000, 10, 3);
        assertEquals(100_000, big.grids().size());
        assertTrue(Math.abs(big.totalAreaM2() - 1e9) < 1e8, "area " + big.totalAreaM2() / 1e6 + " km²");
        assertEquals(100_000, big.grids().stream().map(Grid::code).distinct().count());
    }

    private static JsonObject read(Path p) throws IOException {
        return Json.createReader(new StringReader(Files.readString(p))).readObject();
    }

    private static double[] bbox(double[][] ring) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : ring) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }
}
