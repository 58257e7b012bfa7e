package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.municipal.demo.DemoCity;
import cn.cityops.municipal.demo.DemoLoad;
import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The 12319 channel on real nodes (national 100000, 山西 140000, 朔州 140600 with a small demo city, own databases
 * {@code cityops_cmp_*}): a complaint located to the city becomes a case of source 12319, goes round the whole loop,
 * its result comes back to the ministry, 不满意 reopens the case, a second round closes it and 满意 ends it; the
 * complainant follows it by token; enquiries are answered nationally; bad input, wrong roles and wrong levels are
 * refused with problem+json; and the time from national intake to the case existing in the city is measured.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplaintIT {

    static final Path WORK = Path.of("target", "complaints").toAbsolutePath();
    static final Duration DELIVERY = Duration.ofSeconds(90);
    static final String PASSWORD = "Cmp-2026-pass";
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;
    static DemoCity.City city;
    static Http ministry;
    static Http ministryLeader;
    static double[] inside;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK, "cityops_cmp_");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "HTTP");
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 3, 3, DELIVERY, national, provincial, municipal);
        }
        city = DemoCity.build(300, 30, 12319);
        Path dir = WORK.resolve("city");
        DemoCity.write(city, dir);
        new DemoLoad(municipal.baseUrl(), NodeContract.ADMIN_PASSWORD).load(dir, PASSWORD);
        double[][] ring = city.grids().get(city.grids().size() / 2).ring();
        double lon = 0;
        double lat = 0;
        for (int i = 0; i < 4; i++) {
            lon += ring[i][0] / 4;
            lat += ring[i][1] / 4;
        }
        inside = new double[] {lon, lat};
        ministry = user(national, "cmp-bu", "部12319坐席", "ministry-supervisor");
        ministryLeader = user(national, "cmp-bu-ld", "部领导", "leader");
    }

    @AfterAll
    static void stop() {
        TestFederation.stop(municipal, provincial, national);
    }

    static Http user(NodeProcess node, String name, String display, String role) {
        return federation.user(node, name, display, role, PASSWORD);
    }

    /** A demo-city user: the first with {@code role} (and of {@code department}, when given). */
    static Http staff(String role, String department) {
        DemoCity.User u = city.users().stream().filter(x -> x.roles().contains(role))
                .filter(x -> department == null || department.equals(x.departmentId())).findFirst().orElseThrow();
        return municipal.http().login(u.username(), PASSWORD);
    }

    static JsonObject complaint(String text, String division, double[] point) {
        JsonObjectBuilder location = Json.createObjectBuilder().add("divisionCode", division)
                .add("address", "朔城区北城街道文远路12号");
        if (point != null) {
            location.add("lon", point[0]).add("lat", point[1]);
        }
        return Json.createObjectBuilder().add("kind", "COMPLAINT").add("channel", "HOTLINE").add("title", "小区门口垃圾堆积")
                .add("text", text).add("matter", "06010").add("location", location)
                .add("contact", Json.createObjectBuilder().add("name", "刘女士").add("phone", "13800000000")
                        .add("replyRequested", true))
                .add("photos", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "现场.jpg")
                        .add("mediaType", "image/jpeg").add("size", 4821).add("sha256",
                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .add("url", "https://12319.example.gov.cn/photos/1.jpg"))).build();
    }

    static JsonObject ok(Http.Reply r) {
        assertTrue(r.status() == 200 || r.status() == 201, r.toString());
        return r.json();
    }

    static void assertProblem(Http.Reply r, int status, String... mentions) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
        for (String m : mentions) {
            assertTrue(r.body().contains(m), "expected '" + m + "' in " + r);
        }
    }

    JsonObject awaitNational(long id, String status) {
        return federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "12319 item " + id + " " + status, DELIVERY, () -> ministry.get("/api/12319/items/" + id),
                r -> r.status() == 200 && status.equals(r.json().getString("status")))).json();
    }

    JsonObject awaitCity(Http who, String complaintId, Predicate<JsonObject> ok) {
        return federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "city complaint " + complaintId, DELIVERY, () -> who.get("/api/complaints?size=100"),
                r -> r.status() == 200 && find(r.json(), complaintId) != null && ok.test(find(r.json(),
                        complaintId)))).json().getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(o -> complaintId.equals(o.getString("complaintId"))).findFirst().orElseThrow();
    }

    static JsonObject find(JsonObject page, String complaintId) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(o -> complaintId.equals(o.getString("complaintId"))).findFirst().orElse(null);
    }

    /** Takes the case from 待派遣 through dispatch, handling, check and closing. */
    static JsonObject handle(long caseId, String result) {
        Http dispatcher = staff("dispatcher", null);
        assertEquals("HANDLING", ok(dispatcher.post("/api/cases/" + caseId + "/actions/dispatch", "{}"))
                .getString("state"));
        String department = ok(dispatcher.get("/api/cases/" + caseId)).getString("departmentId");
        Http dept = staff("department", department);
        ok(dept.post("/api/cases/" + caseId + "/actions/feedback", Json.createObjectBuilder().add("result", result)
                .build().toString()));
        DemoCity.User inspector = city.users().stream().filter(u -> u.roles().contains("inspector")).findFirst()
                .orElseThrow();
        Http intake = staff("intake-operator", null);
        ok(intake.post("/api/cases/" + caseId + "/actions/send_check", Json.createObjectBuilder()
                .add("inspector", inspector.username()).build().toString()));
        ok(municipal.http().login(inspector.username(), PASSWORD).post("/api/cases/" + caseId + "/actions/pass",
                "{}"));
        return ok(staff("shift-lead", null).post("/api/cases/" + caseId + "/actions/close", "{}"));
    }

    @Test
    @Order(1)
    void aComplaintGoesRoundTheCityLoopAndAnUnsatisfiedRatingReopensIt() {
        Http.Reply accepted = ministry.post("/api/12319/items", complaint("北城街道某小区门口垃圾三天未清运，气味很大。",
                "140602", inside).toString());
        assertEquals(201, accepted.status(), accepted.toString());
        JsonObject item = accepted.json().getJsonObject("item");
        String token = accepted.json().getString("statusToken");
        long id = item.getJsonNumber("id").longValue();
        String complaintId = item.getString("complaintId");
        assertEquals("FORWARDED", item.getString("status"));
        assertEquals("140600", item.getString("cityNode"));
        assertEquals(1, item.getInt("rounds"));

        // the complainant follows it without signing in; the token is not stored, nor are contact data shown
        Http anonymous = new Http(national.baseUrl());
        JsonObject status = ok(anonymous.get("/api/12319/status/" + token));
        assertEquals(complaintId, status.getString("complaintId"));
        assertEquals("已转办至城市", status.getString("statusLabel"));
        assertFalse(status.toString().contains("13800000000"), status.toString());
        assertProblem(anonymous.get("/api/12319/status/abc"), 400, "token");
        assertProblem(anonymous.get("/api/12319/status/" + "A".repeat(32)), 404);
        assertProblem(anonymous.get("/api/12319/items"), 401);

        // the city has it as a case of source 12319, waiting for 受理
        Http intake = staff("intake-operator", null);
        JsonObject atCity = awaitCity(intake, complaintId, c -> "IN_CASE".equals(c.getString("status")));
        long caseId = atCity.getJsonNumber("caseId").longValue();
        JsonObject theCase = ok(intake.get("/api/cases/" + caseId));
        assertEquals("NATIONAL_12319", theCase.getString("source"));
        assertEquals("REPORTED", theCase.getString("state"));
        assertEquals(complaintId, theCase.getString("externalRef"));
        assertEquals("刘女士", theCase.getString("reporterName"));
        assertTrue(theCase.getString("description").contains(complaintId));
        assertFalse(theCase.getString("gridCode").isBlank());

        // round 1: the whole loop; closing sends the result up in the same transaction
        ok(intake.post("/api/cases/" + caseId + "/actions/accept", "{}"));
        ok(staff("shift-lead", null).post("/api/cases/" + caseId + "/actions/file", "{}"));
        assertEquals("CLOSED", handle(caseId, "已清运垃圾。").getString("state"));
        JsonObject resulted = awaitNational(id, "RESULT_RECEIVED");
        assertEquals("RESOLVED", resulted.getString("resultOutcome"));
        assertEquals("已清运垃圾。", resulted.getString("resultText"));
        assertEquals(theCase.getString("caseNo"), resulted.getString("resultCaseId"));
        assertEquals("RESULT_SENT", awaitCity(intake, complaintId, c -> true).getString("status"));

        // rating rules: a leader only reads; 不满意 needs the reason
        assertProblem(ministryLeader.post("/api/12319/items/" + id + "/satisfaction",
                "{\"satisfaction\":\"满意\"}"), 403, "ministry-supervisor");
        assertProblem(ministry.post("/api/12319/items/" + id + "/satisfaction",
                "{\"satisfaction\":\"不满意\"}"), 400, "comment");
        assertProblem(ministry.post("/api/12319/items/" + id + "/satisfaction",
                "{\"satisfaction\":\"一般\"}"), 400, "satisfaction");
        JsonObject unsatisfied = ok(ministry.post("/api/12319/items/" + id + "/satisfaction",
                "{\"satisfaction\":\"不满意\",\"method\":\"PHONE\",\"comment\":\"垃圾又堆起来了\"}"));
        assertEquals("REOPENED", unsatisfied.getString("status"));
        assertEquals(2, unsatisfied.getInt("rounds"));
        assertEquals("DISSATISFIED", unsatisfied.getString("satisfaction"));

        // the city's case is open again, waiting for 派遣, with the reason in its history
        federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "case " + caseId + " reopened", DELIVERY, () -> intake.get("/api/cases/" + caseId),
                r -> r.status() == 200 && "PENDING_DISPATCH".equals(r.json().getString("state"))));
        JsonObject reopened = ok(intake.get("/api/cases/" + caseId));
        assertTrue(!reopened.containsKey("closedAt") || reopened.isNull("closedAt"), reopened.toString());
        assertTrue(reopened.getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .anyMatch(e -> "reopen".equals(e.getString("action"))
                        && e.toString().contains("垃圾又堆起来了")), reopened.toString());
        JsonObject cityView = awaitCity(intake, complaintId, c -> c.getInt("rounds") == 2);
        assertEquals("IN_CASE", cityView.getString("status"));
        assertEquals("DISSATISFIED", cityView.getString("satisfaction"));

        // round 2 closes it again; the second result comes back, 满意 ends it at both nodes
        assertEquals("CLOSED", handle(caseId, "已清运并每日巡查。").getString("state"));
        JsonObject second = awaitNational(id, "RESULT_RECEIVED");
        assertEquals("已清运并每日巡查。", second.getString("resultText"));
        JsonObject closed = ok(ministry.post("/api/12319/items/" + id + "/satisfaction",
                "{\"satisfaction\":\"SATISFIED\",\"method\":\"SMS\"}"));
        assertEquals("CLOSED", closed.getString("status"));
        assertEquals("CLOSED", awaitCity(intake, complaintId, c -> "CLOSED".equals(c.getString("status")))
                .getString("status"));
        JsonObject finalStatus = ok(anonymous.get("/api/12319/status/" + token));
        assertEquals("已办结", finalStatus.getString("statusLabel"));
        assertEquals("SATISFIED", finalStatus.getString("satisfaction"));
        List<String> actions = finalStatus.getJsonArray("timeline").stream()
                .map(v -> v.asJsonObject().getString("action")).toList();
        assertEquals(List.of("RECEIVED", "FORWARDED", "RESULT", "RATED", "REOPENED", "RESULT", "RATED"), actions);
        assertProblem(ministry.post("/api/12319/items/" + id + "/satisfaction", "{\"satisfaction\":\"满意\"}"), 409,
                "CLOSED");
    }

    @Test
    @Order(2)
    void aComplaintWithoutPointWaitsForTheIntakeOperatorToPlaceIt() {
        JsonObject item = ok(ministry.post("/api/12319/items", complaint("路灯不亮已一周。", "140602", null)
                .toString())).getJsonObject("item");
        String complaintId = item.getString("complaintId");
        Http intake = staff("intake-operator", null);
        JsonObject waiting = awaitCity(intake, complaintId, c -> "PENDING_CASE".equals(c.getString("status")));
        assertTrue(waiting.getString("note").contains("no point"), waiting.toString());
        long cityId = waiting.getJsonNumber("id").longValue();
        assertProblem(staff("dispatcher", null).post("/api/complaints/" + cityId + "/case", "{}"), 403,
                "intake-operator");
        assertProblem(intake.post("/api/complaints/" + cityId + "/case", "{\"lon\":10.0,\"lat\":10.0}"), 400,
                "\"field\":\"lon\"", "outside every unit grid");
        JsonObject placed = ok(intake.post("/api/complaints/" + cityId + "/case", Json.createObjectBuilder()
                .add("lon", inside[0]).add("lat", inside[1]).build().toString()));
        assertEquals("IN_CASE", placed.getString("status"));
        assertEquals("REPORTED", placed.getString("caseState"));
        assertProblem(intake.post("/api/complaints/" + cityId + "/case", "{}"), 409, "IN_CASE");
    }

    @Test
    @Order(3)
    void enquiriesAreAnsweredNationallyAndUnroutableComplaintsStayThere() {
        JsonObject enquiry = ok(ministry.post("/api/12319/items", Json.createObjectBuilder().add("kind", "ENQUIRY")
                .add("channel", "WEB").add("text", "燃气管道改造何时完成？").build().toString())).getJsonObject("item");
        assertEquals("RECEIVED", enquiry.getString("status"));
        long eid = enquiry.getJsonNumber("id").longValue();
        assertProblem(ministry.post("/api/12319/items/" + eid + "/answer", "{}"), 400, "text");
        JsonObject answered = ok(ministry.post("/api/12319/items/" + eid + "/answer",
                "{\"text\":\"预计12月底完成，届时通知。\"}"));
        assertEquals("ANSWERED", answered.getString("status"));
        assertProblem(ministry.post("/api/12319/items/" + eid + "/satisfaction", "{\"satisfaction\":\"满意\"}"), 409);

        // 太原 (140100) has no node: the complaint is not forwarded and can be answered here
        JsonObject unrouted = ok(ministry.post("/api/12319/items", complaint("小区停车乱。", "140105", null)
                .toString())).getJsonObject("item");
        assertEquals("UNROUTED", unrouted.getString("status"));
        assertTrue(unrouted.getJsonArray("events").toString().contains("140100 has no node"), unrouted.toString());
        assertEquals("ANSWERED", ok(ministry.post("/api/12319/items/" + unrouted.getJsonNumber("id").longValue()
                + "/answer", "{\"text\":\"已转太原市12319热线办理。\"}")).getString("status"));
        // …or forwarded by hand once the division is corrected
        long misplaced = ok(ministry.post("/api/12319/items", complaint("井盖缺失。", "140105", null).toString()))
                .getJsonObject("item").getJsonNumber("id").longValue();
        assertProblem(ministry.post("/api/12319/items/" + misplaced + "/forward", "{}"), 409, "140100 has no node");
        assertProblem(ministry.post("/api/12319/items/" + misplaced + "/forward", "{\"divisionCode\":\"1406\"}"),
                400, "divisionCode");
        JsonObject rerouted = ok(ministry.post("/api/12319/items/" + misplaced + "/forward",
                "{\"divisionCode\":\"140602\"}"));
        assertEquals("FORWARDED", rerouted.getString("status"));
        assertEquals("140600", rerouted.getString("cityNode"));
        awaitCity(staff("intake-operator", null), rerouted.getString("complaintId"),
                c -> "PENDING_CASE".equals(c.getString("status")));
        JsonObject forwarded = ok(ministry.post("/api/12319/items", complaint("占道经营。", "140602", inside)
                .toString())).getJsonObject("item");
        assertProblem(ministry.post("/api/12319/items/" + forwarded.getJsonNumber("id").longValue() + "/answer",
                "{\"text\":\"x\"}"), 409, "FORWARDED");

        // the queue filters; a leader reads it
        JsonObject queue = ok(ministryLeader.get("/api/12319/items?kind=ENQUIRY&status=ANSWERED"));
        assertTrue(queue.getJsonArray("items").stream().allMatch(v -> "ENQUIRY".equals(v.asJsonObject()
                .getString("kind"))), queue.toString());
        assertProblem(ministry.get("/api/12319/items?status=LOST"), 400, "status");
    }

    @Test
    @Order(4)
    void aComplaintGivenOnlyByCoordinatesIsRoutedByTheGridsTheCityReported() {
        JsonObject byPoint = Json.createObjectBuilder(complaint("路灯不亮。", "140602", inside)).add("location",
                Json.createObjectBuilder().add("lon", inside[0]).add("lat", inside[1])).build();
        // before the city has reported its grids, a bare point locates nothing
        JsonObject before = ok(ministry.post("/api/12319/items", byPoint.toString())).getJsonObject("item");
        assertEquals("UNROUTED", before.getString("status"), before.toString());
        assertTrue(before.getJsonArray("events").toString().contains("no city's reported unit grids"),
                before.toString());

        // the city's basic data (basicdata.report v2, agreed from the directory) carries the outline of its grids
        Http handler = user(municipal, "cmp-shi", "市任务办理员", "city-task-handler");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertEquals(201, handler.post("/api/reporting/sent", Json.createObjectBuilder().add("from", today)
                .add("to", today).build().toString()).status());
        federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "basic data of 140600 at national", DELIVERY, () -> ministry.get("/api/reporting/cities/140600/reports"),
                r -> r.status() == 200 && r.body().contains("BASICDATA")));

        JsonObject routed = ok(ministry.post("/api/12319/items", byPoint.toString())).getJsonObject("item");
        assertEquals("FORWARDED", routed.getString("status"), routed.toString());
        assertEquals("140600", routed.getString("cityNode"));
        assertEquals("140600", routed.getString("divisionCode"), "located by geometry: the city's own division");
        awaitCity(staff("intake-operator", null), routed.getString("complaintId"),
                c -> "IN_CASE".equals(c.getString("status")));

        // the geometry decides over a division of another city; the waiting complaint is forwarded by its point
        JsonObject other = ok(ministry.post("/api/12319/items", complaint("路面塌陷。", "140105", inside).toString()))
                .getJsonObject("item");
        assertEquals("140600", other.getString("cityNode"), other.toString());
        assertEquals("140600", ok(ministry.post("/api/12319/items/" + before.getJsonNumber("id").longValue()
                + "/forward", "{}")).getString("cityNode"));

        // a point outside every city's grids still needs a division
        JsonObject outside = Json.createObjectBuilder(byPoint).add("location", Json.createObjectBuilder()
                .add("lon", 100.0).add("lat", 30.0)).build();
        assertEquals("UNROUTED", ok(ministry.post("/api/12319/items", outside.toString())).getJsonObject("item")
                .getString("status"));
    }

    @Test
    @Order(5)
    void badInputWrongRolesAndWrongLevelsAreRefusedWithProblems() {
        assertProblem(ministry.post("/api/12319/items", Json.createObjectBuilder().add("kind", "PRAISE")
                .add("text", "").add("location", Json.createObjectBuilder().add("divisionCode", "99").add("lon", 112.4))
                .build().toString()), 400, "\"field\":\"kind\"", "\"field\":\"text\"",
                "\"field\":\"location.divisionCode\"", "\"field\":\"location.lat\"");
        assertProblem(ministry.post("/api/12319/items", Json.createObjectBuilder().add("kind", "COMPLAINT")
                .add("text", "x").build().toString()), 400, "\"field\":\"location.divisionCode\"");
        JsonObject badPhoto = Json.createObjectBuilder(complaint("x", "140602", inside)).add("photos",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "a.jpg").add("mediaType", "jpeg")
                        .add("size", 1).add("sha256", "zz").add("url", "photos/1.jpg"))).build();
        assertProblem(ministry.post("/api/12319/items", badPhoto.toString()), 400, "photos[0].sha256",
                "photos[0].mediaType", "photos[0].url");
        assertProblem(ministry.post("/api/12319/items", Json.createObjectBuilder(complaint("x", "140602", inside))
                .add("matter", "99999").build().toString()), 400, "\"field\":\"matter\"");
        assertProblem(ministryLeader.post("/api/12319/items", complaint("x", "140602", inside).toString()), 403,
                "ministry-supervisor");
        Http cityLeader = staff("leader", null);
        assertProblem(cityLeader.get("/api/12319/items"), 403, "NATIONAL");
        assertEquals(200, cityLeader.get("/api/complaints").status());
        assertProblem(staff("department", null).get("/api/complaints"), 403);
        assertProblem(new Http(municipal.baseUrl()).get("/api/12319/status/" + "A".repeat(32)), 404);
    }

    @Test
    @Order(6)
    void timeFromNationalIntakeToTheCaseInTheCity() {
        int n = Integer.getInteger("complaint.bench.count", 30);
        Http intake = staff("intake-operator", null);
        List<String> ids = new ArrayList<>();
        Map<String, Instant> accepted = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            JsonObject item = ok(ministry.post("/api/12319/items", complaint("测速投诉 " + i, "140602", inside)
                    .toString())).getJsonObject("item");
            ids.add(item.getString("complaintId"));
            accepted.put(item.getString("complaintId"), Instant.parse(item.getString("receivedAt")));
        }
        List<Long> millis = new ArrayList<>();
        for (String cid : ids) {
            JsonObject c = awaitCity(intake, cid, x -> "IN_CASE".equals(x.getString("status")));
            assertNotNull(c.getString("caseNo"));
            millis.add(Duration.between(accepted.get(cid), Instant.parse(c.getString("forwardedAt"))).toMillis());
        }
        Collections.sort(millis);
        long p50 = millis.get((millis.size() - 1) / 2);
        long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
        System.out.printf(Locale.ROOT, "COMPLAINT-BENCH %d complaints accepted nationally one after the other:"
                + " intake → case in the city p50 %d ms, p99 %d ms, max %d ms%n", n, p50, p99,
                millis.get(millis.size() - 1));
        assertTrue(millis.get(0) >= 0, millis.toString());
    }
}
