package cn.cityops.municipal.caseflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The closed loop through REST on the real municipal WAR, by the right users: report → accept → file → dispatch (to
 * the routed department) → feedback → check → close, with the stage facts it leaves; wrong role 403, illegal action
 * 409, a location outside the grid 400, duplicate hints and merging, work queues, statistics as CSV.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseLoopIT {

    static final String PASSWORD = "Case-Loop-2026!";
    /** Two 0.001° squares far from the other tests' grids (street 998 of 朔城区). */
    static final double LON = 112.9005;
    static final double LAT = 39.9005;
    static boolean prepared;
    /** An urgent case filed at preparation with a one-minute dispatch limit; the last test sees it overdue. */
    static long urgentCase;

    @ArquillianResource
    java.net.URL url;

    Http admin;

    @Deployment(testable = false)
    static WebArchive war() {
        return NodeContract.builtWar();
    }

    @BeforeEach
    void prepare() {
        NodeContract.awaitReady(url);
        String base = url.toString();
        admin = new Http(base).login("admin", NodeContract.ADMIN_PASSWORD);
        if (prepared) {
            return;
        }
        for (String[] u : List.of(new String[] {"loop-jdy", "inspector"}, new String[] {"loop-jdy2", "inspector"},
                new String[] {"loop-sly", "intake-operator"}, new String[] {"loop-zbz", "shift-lead"},
                new String[] {"loop-pqy", "dispatcher"}, new String[] {"loop-hw", "department"},
                new String[] {"loop-ld", "leader"})) {
            Http.Reply r = admin.post("/api/admin/users", Json.createObjectBuilder().add("username", u[0])
                    .add("displayName", u[0]).add("password", PASSWORD).add("roles", Json.createArrayBuilder()
                            .add(u[1])).build().toString());
            assertTrue(r.status() == 201 || r.status() == 200 || r.status() == 409, r.toString());
        }
        ok(admin.post("/api/departments", Json.createObjectBuilder().add("id", "loop-hw").add("name", "环卫处（测试）")
                .build().toString()), 201, 200, 409);
        ok(admin.put("/api/departments/loop-hw/members", Json.createArrayBuilder().add("loop-hw").build()
                .toString()), 200, 204);
        ok(admin.send("POST", "/api/grids/import", "application/geo+json", grids()), 200, 201);
        ok(admin.post("/api/routing-rules", Json.createObjectBuilder().add("matterClass", "06010")
                .add("areaCode", "140602998").add("departmentId", "loop-hw").build().toString()), 200, 201);
        prepared = true;
        // left waiting for dispatch while the other tests run (limits in minutes are natural time: no calendar)
        ok(admin.put("/api/case-limits/stages/DISPATCH/URGENT", body("limit", "1分钟")), 200);
        urgentCase = report(LON + 0.0004, LAT + 0.0004, "井盖缺失，车辆通行危险");
        act("loop-sly", urgentCase, "accept", "{}");
        act("loop-zbz", urgentCase, "file", body("caseClass", "URGENT"));
    }

    static String grids() {
        var features = Json.createArrayBuilder();
        for (int i = 0; i < 2; i++) {
            double x = 112.900 + i * 0.001;
            features.add(Json.createObjectBuilder().add("type", "Feature")
                    .add("properties", Json.createObjectBuilder().add("code", "14060299800100" + (i + 1))
                            .add("name", "测试网格" + (i + 1)).add("communityName", "测试社区").add("streetName", "测试街道")
                            .add("validFrom", "2026-01-01"))
                    .add("geometry", Json.createObjectBuilder().add("type", "Polygon").add("coordinates",
                            Json.createArrayBuilder().add(Json.createArrayBuilder()
                                    .add(pt(x, 39.900)).add(pt(x + 0.001, 39.900)).add(pt(x + 0.001, 39.901))
                                    .add(pt(x, 39.901)).add(pt(x, 39.900))))));
        }
        return Json.createObjectBuilder().add("type", "FeatureCollection").add("features", features).build()
                .toString();
    }

    static jakarta.json.JsonArrayBuilder pt(double x, double y) {
        return Json.createArrayBuilder().add(x).add(y);
    }

    /** One session per user (logging in hashes the password: slow on purpose). */
    static final Map<String, Http> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    Http as(String user) {
        return SESSIONS.computeIfAbsent(user, u -> new Http(url.toString()).login(u, PASSWORD));
    }

    static Http.Reply ok(Http.Reply r, int... statuses) {
        for (int s : statuses) {
            if (r.status() == s) {
                return r;
            }
        }
        throw new AssertionError("unexpected " + r);
    }

    static String body(Object... kv) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof Number n) {
                b.add((String) kv[i], n.doubleValue());
            } else {
                b.add((String) kv[i], String.valueOf(v));
            }
        }
        return b.build().toString();
    }

    long report(double lon, double lat, String description) {
        return report(lon, lat, description, null);
    }

    long report(double lon, double lat, String description, String photo) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("matter", "06010").add("description", description)
                .add("address", "测试街道 1 号").add("lon", lon).add("lat", lat);
        if (photo != null) {
            b.add("photos", Json.createArrayBuilder().add(photo));
        }
        Http.Reply r = ok(as("loop-jdy").post("/api/cases", b.build().toString()), 201);
        JsonObject c = r.json();
        assertEquals("REPORTED", c.getString("state"));
        assertEquals("14060299800100" + (lon < 112.901 ? "1" : "2"), c.getString("gridCode"));
        assertEquals("140602998", c.getString("streetCode"));
        return c.getJsonNumber("id").longValue();
    }

    /** Uploads a small real PNG as {@code user}; returns the attachment id. */
    String upload(String user) throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        Http.BinaryReply r = as(user).sendBytes("POST", "/api/attachments?name=scene.png", "image/png",
                png.toByteArray());
        assertEquals(201, r.status(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        return Json.createReader(new java.io.ByteArrayInputStream(r.body())).readObject().getString("id");
    }

    JsonObject act(String user, long id, String action, String json) {
        return ok(as(user).post("/api/cases/" + id + "/actions/" + action, json), 200).json();
    }

    @Test
    void theWholeLoopByTheRightUsersLeavesOneFactPerStage() throws Exception {
        String photo = upload("loop-jdy");
        long id = report(LON, LAT, "人行道上有成堆垃圾", photo);
        act("loop-sly", id, "accept", "{}");
        JsonObject filed = act("loop-zbz", id, "file", "{}");
        assertEquals("PENDING_DISPATCH", filed.getString("state"));
        assertTrue(filed.containsKey("overallClock") && !filed.isNull("overallClock"), "overall clock starts");
        // the dispatcher's queue holds it, with the traffic light
        JsonArray queue = ok(as("loop-pqy").get("/api/cases/queue?size=500"), 200).json().getJsonArray("items");
        JsonObject mine = queue.stream().map(JsonValue::asJsonObject).filter(o -> o.getJsonNumber("id").longValue()
                == id).findFirst().orElseThrow(() -> new AssertionError("not in the dispatcher's queue: " + queue));
        assertEquals("GREEN", mine.getString("light"));
        // dispatched without naming a department: the routing table's department
        JsonObject dispatched = act("loop-pqy", id, "dispatch", "{}");
        assertEquals("loop-hw", dispatched.getString("departmentId"));
        assertEquals("HANDLING", dispatched.getString("state"));
        assertTrue(dispatched.getJsonObject("stageClock").getJsonNumber("remainingSeconds").longValue() > 0);
        String after = upload("loop-hw");
        act("loop-hw", id, "feedback", "{\"result\":\"已清运完毕\",\"photos\":[\"" + after + "\"]}");
        act("loop-sly", id, "send_check", body("inspector", "loop-jdy"));
        act("loop-jdy", id, "pass", "{}");
        JsonObject afterClose = act("loop-zbz", id, "close", "{}");
        assertEquals("CLOSED", afterClose.getString("state"));
        assertTrue(afterClose.getJsonArray("actions").isEmpty());
        JsonObject closed = ok(as("loop-ld").get("/api/cases/" + id), 200).json();
        assertTrue(closed.getBoolean("closedOnTime"));
        assertEquals(List.of(photo, after), closed.getJsonArray("photos").stream().map(p -> p.asJsonObject()
                .getString("id")).toList(), "report and feedback photos, linked to the case");
        List<String> stages = closed.getJsonArray("facts").stream().map(v -> v.asJsonObject().getString("stage"))
                .toList();
        assertEquals(List.of("ACCEPTANCE", "FILING", "DISPATCH", "HANDLING", "CHECK", "CLOSING"), stages);
        closed.getJsonArray("facts").forEach(f -> assertTrue(f.asJsonObject().getBoolean("onTime"), f.toString()));
        assertEquals("loop-hw", closed.getJsonArray("facts").getJsonObject(3).getString("departmentId"));
        assertEquals(8, closed.getJsonArray("history").size(), "report + 7 actions");
        assertTrue(closed.getJsonArray("actions").isEmpty());
    }

    @Test
    void aWrongRoleIs403AndAnIllegalActionIs409NamingWhatIsAllowed() {
        long id = report(LON + 0.0002, LAT, "垃圾");
        Http.Reply wrong = as("loop-hw").post("/api/cases/" + id + "/actions/accept", "{}");
        assertEquals(403, wrong.status(), wrong.toString());
        assertTrue(wrong.isProblem());
        assertEquals(List.of("intake-operator"), wrong.json().getJsonArray("allowedRoles").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        Http.Reply illegal = as("loop-zbz").post("/api/cases/" + id + "/actions/close", "{}");
        assertEquals(409, illegal.status(), illegal.toString());
        assertTrue(illegal.isProblem());
        List<String> allowed = illegal.json().getJsonArray("allowedActions").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList();
        assertTrue(allowed.containsAll(List.of("accept", "reject", "send_verification", "void")), allowed.toString());
        Http.Reply missing = as("loop-sly").post("/api/cases/" + id + "/actions/reject", "{}");
        assertEquals(400, missing.status(), missing.toString());
        assertTrue(missing.body().contains("reason"), missing.toString());
        // only the inspector the verification was sent to may answer it
        act("loop-sly", id, "send_verification", body("inspector", "loop-jdy2"));
        assertEquals(403, as("loop-jdy").post("/api/cases/" + id + "/actions/confirm", "{}").status());
        assertEquals("REPORTED", act("loop-jdy2", id, "confirm", "{}").getString("state"));
    }

    @Test
    void aReportOutsideEveryGridIsRefusedAndSuspensionStopsTheClock() {
        Http.Reply outside = as("loop-jdy").post("/api/cases", body("matter", "06010", "description", "x", "lon",
                100.0, "lat", 30.0));
        assertEquals(400, outside.status(), outside.toString());
        assertTrue(outside.body().contains("grid"), outside.toString());
        Http.Reply badMatter = as("loop-jdy").post("/api/cases", body("matter", "99999", "description", "x", "lon",
                LON, "lat", LAT));
        assertEquals(400, badMatter.status(), badMatter.toString());

        long id = report(LON + 0.0004, LAT + 0.0004, "路灯不亮");
        act("loop-sly", id, "accept", "{}");
        act("loop-zbz", id, "file", body("caseClass", "DIFFICULT"));
        act("loop-pqy", id, "dispatch", body("department", "loop-hw"));
        act("loop-hw", id, "request_suspension", body("reason", "需产权单位配合"));
        JsonObject suspended = act("loop-pqy", id, "approve_suspension", "{}");
        assertEquals("SUSPENDED", suspended.getString("state"));
        assertTrue(suspended.getJsonObject("stageClock").getBoolean("paused"));
        assertEquals("5工作日", suspended.getJsonObject("stageClock").getString("limit"), "疑难 handling limit");
        JsonObject resumed = act("loop-pqy", id, "resume", "{}");
        assertFalse(resumed.getJsonObject("stageClock").getBoolean("paused"));
        JsonObject urged = act("loop-ld", id, "urge", body("text", "请加快处置"));
        assertEquals("HANDLING", urged.getString("state"));
    }

    @Test
    void aNearbyReportOfTheSameMatterIsHintedAsDuplicateAndCanBeMerged() {
        long first = report(LON + 0.0011, LAT + 0.0002, "暴露垃圾一堆");
        long second = report(LON + 0.00112, LAT + 0.0002, "同一堆垃圾");
        // another matter at the same spot is not a duplicate
        long other = ok(as("loop-jdy").post("/api/cases", body("matter", "06012", "description", "道路不洁", "lon",
                LON + 0.00111, "lat", LAT + 0.0002)), 201).json().getJsonNumber("id").longValue();
        assertTrue(ok(as("loop-sly").get("/api/cases/" + other), 200).json().getJsonArray("duplicates").isEmpty());
        JsonObject detail = ok(as("loop-sly").get("/api/cases/" + second), 200).json();
        List<Long> hinted = detail.getJsonArray("duplicates").stream().map(v -> v.asJsonObject()
                .getJsonNumber("id").longValue()).toList();
        assertTrue(hinted.contains(first), "hints " + hinted);
        JsonObject merged = act("loop-sly", second, "merge", "{\"target\":" + first + "}");
        assertEquals("MERGED", merged.getString("state"));
        assertEquals(first, merged.getJsonNumber("mergedInto").longValue());
        JsonObject original = ok(as("loop-sly").get("/api/cases/" + first), 200).json();
        assertEquals(1, ok(as("loop-sly").get("/api/cases/" + second), 200).json().getJsonArray("links").size());
        assertTrue(original.getJsonArray("links").stream().anyMatch(l -> l.asJsonObject().getJsonNumber("caseId")
                .longValue() == second && "HAS_DUPLICATE".equals(l.asJsonObject().getString("kind"))),
                original.toString());
    }

    @Test
    void statisticsBreakDownByRegionAndMatterAsJsonAndCsv() {
        report(LON + 0.0006, LAT + 0.0003, "统计用");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        JsonObject byStreet = ok(as("loop-ld").get("/api/cases/statistics?by=street&from=" + today + "&to="
                + tomorrow), 200).json();
        assertTrue(byStreet.getJsonArray("rows").stream().anyMatch(r -> "140602998".equals(r.asJsonObject()
                .getString("key")) && r.asJsonObject().getJsonNumber("reported").longValue() >= 1), byStreet
                .toString());
        Http.Reply csv = as("loop-ld").get("/api/cases/statistics?by=matter&format=csv&from=" + today + "&to="
                + tomorrow);
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.body().contains("06010,暴露垃圾"), csv.body());
        assertEquals(400, as("loop-ld").get("/api/cases/statistics?by=nonsense&from=" + today + "&to=" + tomorrow)
                .status());
        assertEquals(403, as("loop-jdy").get("/api/cases/statistics?by=matter&from=" + today + "&to=" + tomorrow)
                .status());
    }

    @Test
    void timeLimitsAreDataTheAdministratorEdits() {
        JsonObject table = ok(as("loop-pqy").get("/api/case-limits"), 200).json();
        assertTrue(table.getJsonArray("matters").stream().anyMatch(m -> "06010".equals(m.asJsonObject()
                .getString("matterClass").trim()) && "1工作日".equals(m.asJsonObject().getString("handlingLimit"))),
                "暴露垃圾 1工作日 from the example standard");
        assertEquals(403, as("loop-pqy").put("/api/case-limits/stages/CHECK/GENERAL", body("limit", "3工作时"))
                .status());
        Http.Reply bad = admin.put("/api/case-limits/stages/CHECK/GENERAL", body("limit", "3 fortnights"));
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.isProblem());
        JsonObject set = ok(admin.put("/api/case-limits/stages/CHECK/GENERAL", body("limit", "3工作时")), 200).json();
        assertEquals("3工作时", set.getString("limit"));
        ok(admin.put("/api/case-limits/stages/CHECK/GENERAL", body("limit", "4工作时")), 200);
        JsonObject m = ok(admin.put("/api/case-limits/matters/06012", "{\"filingCondition\":\"道路明显不洁\","
                + "\"handlingLimit\":\"5工作时\",\"closingCondition\":\"清除\",\"urgentLimit\":\"1小时\"}"), 200)
                .json();
        assertEquals("5工作时", m.getString("handlingLimit"));
        assertEquals(400, admin.put("/api/case-limits/matters/01001x", "{\"handlingLimit\":\"1工作日\"}").status());
    }

    @Test
    void aReportNamingAComponentIsLocatedAtTheComponent() {
        String geo = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"id\":\"14060201001998001\",\"name\":\"供水井盖\",\"competentDeptCode\":\"11140600MB0000000X\","
                + "\"competentDeptName\":\"朔州市水务局\",\"status\":\"完好\",\"initialDate\":\"20250301\","
                + "\"dataSource\":\"实测\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.9017,39.9003]}}]}";
        ok(admin.post("/api/components/import", geo), 200);
        JsonObject c = ok(as("loop-jdy").post("/api/cases", "{\"matter\":\"01001\",\"description\":\"井盖破损\","
                + "\"componentId\":\"14060201001998001\"}"), 201).json();
        assertEquals("14060201001998001", c.getString("componentId"));
        assertEquals("140602998001002", c.getString("gridCode"), "the component's grid");
        assertEquals(112.9017, c.getJsonNumber("lon").doubleValue(), 1e-9);
        Http.Reply unknown = as("loop-jdy").post("/api/cases", "{\"matter\":\"01001\",\"description\":\"x\","
                + "\"componentId\":\"14060201001998999\"}");
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.body().contains("componentId"), unknown.toString());
    }

    /** Runs last: by now the urgent case's one-minute dispatch limit has passed (the watch runs every 5 s here). */
    @Test
    @Order(Integer.MAX_VALUE)
    void anOverdueStageRaisesOneAlertForTheDispatcherThatCanBeAcknowledged() {
        Http dispatcher = as("loop-pqy");
        JsonObject overdue = Await.until("OVERDUE alert of case " + urgentCase, java.time.Duration.ofMinutes(3),
                () -> alerts(dispatcher, true).stream().filter(a -> a.getJsonNumber("caseId").longValue() == urgentCase
                        && a.getString("kind").equals("OVERDUE")).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertEquals("DISPATCH", overdue.getString("stage"));
        assertTrue(alerts(dispatcher, true).stream().anyMatch(a -> a.getJsonNumber("caseId").longValue() == urgentCase
                && a.getString("kind").equals("URGENT_FILED")), "filing an urgent case alerts too");
        JsonObject detail = ok(as("loop-ld").get("/api/cases/" + urgentCase), 200).json();
        assertEquals("RED", detail.getJsonObject("stageClock").getString("light"), detail.toString());
        // one alert per stage pass, however often the watch runs
        assertEquals(1, alerts(dispatcher, false).stream().filter(a -> a.getJsonNumber("caseId").longValue()
                == urgentCase && a.getString("kind").equals("OVERDUE")).count());
        assertEquals(403, as("loop-hw").get("/api/cases/alerts").status(), "departments do not see alerts");
        long alertId = overdue.getJsonNumber("id").longValue();
        ok(dispatcher.post("/api/cases/alerts/" + alertId + "/acknowledge", "{}"), 200, 204);
        assertFalse(alerts(dispatcher, true).stream().anyMatch(a -> a.getJsonNumber("id").longValue() == alertId),
                "an acknowledged alert leaves the open list");
        JsonObject acknowledged = alerts(dispatcher, false).stream().filter(a -> a.getJsonNumber("id").longValue()
                == alertId).findFirst().orElseThrow();
        assertEquals("loop-pqy", acknowledged.getString("acknowledgedBy"));
    }

    static List<JsonObject> alerts(Http who, boolean open) {
        return ok(who.get("/api/cases/alerts?size=500&open=" + open), 200).structure().asJsonArray().stream()
                .map(JsonValue::asJsonObject).toList();
    }
}
