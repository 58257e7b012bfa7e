package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Upward reporting, emergencies and public opinion on real nodes (national 100000, 山西 140000, 朔州 140600, own
 * databases {@code cityops_rep_*}; 忻州 140900 is in the directory but never runs). 朔州 checks its daily report every
 * 3 s: yesterday's report reaches the province and the ministry on schedule, once; 忻州 is flagged as missing. An
 * on-demand report carries real cases and grids. An emergency is reported, updated, urged and seen live nationally.
 * Opinion items are recorded and imported (a bad feed is refused naming the rows), forwarded, handled and closed.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingIT {

    static final Path WORK = Path.of("target", "reporting").toAbsolutePath();
    static final Duration DELIVERY = Duration.ofSeconds(90);
    static final String PASSWORD = "Rep-2026-pass";
    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;
    static Http ministry;
    static Http province;
    static Http city;
    static Http cityLeader;
    static Http inspector;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK, "cityops_rep_");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(),
                SignatureAlgorithm.ECDSA_P256_SHA256, Map.of("CITYOPS_REPORTING_CHECK_SECONDS", "3"));
        federation.enrolSilent("140900", SignatureAlgorithm.SM2_SM3);
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "HTTP");
        federation.register(national, "140900", "忻州市城市运行管理服务平台", "http://127.0.0.1:9", "HTTP");
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 4, 4, DELIVERY, national, provincial, municipal);
        }
        ministry = user(national, "rep-bu", "部督查员", "ministry-supervisor");
        province = user(provincial, "rep-sheng", "省督查员", "province-supervisor");
        city = user(municipal, "rep-shi", "市任务办理员", "city-task-handler");
        cityLeader = user(municipal, "rep-shi-ld", "市领导", "leader");
        inspector = user(municipal, "rep-jdy", "监督员甲", "inspector");
    }

    @AfterAll
    static void stop() {
        TestFederation.stop(municipal, provincial, national);
    }

    static Http user(NodeProcess node, String name, String display, String role) {
        return federation.user(node, name, display, role, PASSWORD);
    }

    @Test
    @Order(1)
    void theScheduledReportArrivesOnceAndASilentCityIsFlagged() throws Exception {
        String yesterday = LocalDate.now(CST).minusDays(1).toString();
        for (Http upper : List.of(ministry, province)) {
            JsonObject overview = await("scheduled report at " + upper.base(), upper, "/api/reporting/cities",
                    r -> cityIn(r.json(), "140600") != null
                            && cityIn(r.json(), "140600").containsKey("lastReportAt")
                            && cityIn(r.json(), "140600").containsKey("basicData")).json();
            assertEquals("DAY", overview.getString("cadence"));
            assertEquals(2, overview.getInt("cities"), overview.toString());
            JsonObject shuozhou = cityIn(overview, "140600");
            assertEquals("DAY", shuozhou.getString("periodKind"));
            assertEquals(yesterday, shuozhou.getString("periodTo"));
            assertFalse(shuozhou.getBoolean("missing"), shuozhou.toString());
            assertEquals(0, shuozhou.getJsonObject("totals").getInt("reported"));
            JsonObject xinzhou = cityIn(overview, "140900");
            assertTrue(xinzhou.getBoolean("missing"), xinzhou.toString());
            assertTrue(!xinzhou.containsKey("lastReportAt") || xinzhou.isNull("lastReportAt"), xinzhou.toString());
            assertEquals("忻州市城市运行管理服务平台", xinzhou.getString("name"));
            assertEquals(1, overview.getInt("missing"));
        }
        // later checks find the period reported and send nothing more: wait for two checks that began after it
        long checks = city.get("/api/reporting/schedule").json().getJsonNumber("checks").longValue();
        Await.until("two more report checks", Duration.ofSeconds(60), () -> city.get("/api/reporting/schedule")
                .json().getJsonNumber("checks").longValue(), n -> n >= checks + 2);
        JsonArray sent = city.get("/api/reporting/sent").structure().asJsonArray();
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("SCHEDULE", sent.getJsonObject(0).getString("trigger"));
        JsonArray atNational = ministry.get("/api/reporting/cities/140600/reports").structure().asJsonArray();
        assertEquals(List.of("BASICDATA", "STATISTICS"), atNational.stream().map(v -> v.asJsonObject()
                .getString("kind")).sorted().toList());

        // who sees what
        assertProblem(city.get("/api/reporting/cities"), 403, "provincial node");
        assertProblem(province.get("/api/reporting/cities/130100/reports"), 404, "130100");
        assertProblem(ministry.get("/api/reporting/cities/abc/reports"), 400, "city");
        assertEquals(403, inspector.get("/api/reporting/sent").status());
    }

    @Test
    @Order(2)
    void anOnDemandReportCarriesTheCitysCasesAndGrids() {
        Http admin = federation.admin(municipal);
        Http.Reply grids = admin.send("POST", "/api/grids/import", "application/geo+json", grids());
        assertTrue(grids.status() == 200 || grids.status() == 201, grids.toString());
        for (double lon : new double[] {112.9005, 112.9015}) {
            Http.Reply c = inspector.post("/api/cases", Json.createObjectBuilder().add("matter", "06010")
                    .add("description", "道路积水").add("address", "测试街道 1 号").add("lon", lon).add("lat", 39.9005)
                    .build().toString());
            assertEquals(201, c.status(), c.toString());
        }
        String today = LocalDate.now(CST).toString();
        assertProblem(city.post("/api/reporting/sent", "{\"from\":\"2026-13-01\",\"to\":\"" + today + "\"}"), 400,
                "\"field\":\"from\"");
        assertProblem(city.post("/api/reporting/sent", "{\"from\":\"" + today + "\",\"to\":\"2099-01-01\"}"), 400,
                "\"field\":\"to\"");
        assertProblem(cityLeader.post("/api/reporting/sent", "{}"), 403, "leader is read-only");
        Http.Reply sent = city.post("/api/reporting/sent", Json.createObjectBuilder().add("from", today)
                .add("to", today).build().toString());
        assertEquals(201, sent.status(), sent.toString());
        assertEquals("ON_DEMAND", sent.json().getString("trigger"));
        assertEquals(2, sent.json().getInt("gridCount"));
        String reportId = sent.json().getString("reportId");

        JsonObject stats = await("on-demand report at national", ministry, "/api/reporting/cities/140600/reports",
                r -> find(r.structure().asJsonArray(), x -> reportId.equals(x.getString("reportId"))) != null)
                .structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(x -> reportId.equals(x.getString("reportId"))).findFirst().orElseThrow()
                .getJsonObject("payload");
        assertEquals("CUSTOM", stats.getJsonObject("period").getString("kind"));
        assertEquals(2, stats.getJsonObject("totals").getInt("reported"));
        assertEquals(count(stats, "byRegion", "140602"), 2);
        assertEquals(count(stats, "bySource", "SUPERVISOR"), 2);
        assertEquals(count(stats, "byMatter", "06010"), 2);
        assertEquals(2, stats.getJsonArray("byStatus").stream().mapToInt(v -> v.asJsonObject().getInt("count"))
                .sum());
        JsonObject shuozhou = await("basic data at province", province, "/api/reporting/cities",
                r -> cityIn(r.json(), "140600").getJsonObject("basicData").getInt("gridCount") == 2).json();
        assertEquals(2, cityIn(shuozhou, "140600").getJsonObject("totals").getInt("reported"));
        assertEquals(today, cityIn(shuozhou, "140600").getString("periodTo"));
        JsonObject shanxi = shuozhou.getJsonArray("provinces").getJsonObject(0);
        assertEquals("140000", shanxi.getString("province"));
        assertEquals(2, shanxi.getInt("cities"));
        assertEquals(1, shanxi.getInt("missing"));
        assertEquals(2, shanxi.getJsonObject("totals").getInt("reported"));
    }

    @Test
    @Order(3)
    void anEmergencyIsReportedUpdatedUrgedAndSeenNationally() {
        assertProblem(city.post("/api/emergencies", Json.createObjectBuilder().add("category", "道路塌陷")
                .add("title", "x").add("summary", "y").add("occurredAt", "yesterday").add("lon", "999")
                .add("lat", "39.9").add("divisionCode", "130100").build().toString()), 400, "occurredAt");
        assertProblem(ministry.post("/api/emergencies", "{}"), 403, "MUNICIPAL node");
        Http.Reply reported = city.post("/api/emergencies", Json.createObjectBuilder().add("category", "道路塌陷")
                .add("title", "朔城区开发路路面塌陷").add("summary", "路面塌陷约 20 平方米，一辆车陷入。").add("severity", "IV")
                .add("divisionCode", "140602").add("address", "开发路与民福街交叉口").add("lon", "112.4321")
                .add("lat", "39.3312").add("occurredAt", java.time.Instant.now().minusSeconds(600).toString())
                .add("casualties", Json.createObjectBuilder().add("deaths", 0).add("injured", 1).add("missing", 0))
                .build().toString());
        assertEquals(201, reported.status(), reported.toString());
        long id = reported.json().getJsonNumber("id").longValue();
        String eventId = reported.json().getString("eventId");
        assertEquals("E140600-" + id, eventId);

        JsonObject atNational = awaitEmergency(ministry, eventId, e -> e.getInt("updateNo") == 0);
        assertEquals("ONGOING", atNational.getString("status"));
        assertEquals("140600", atNational.getString("cityNode"));
        assertEquals(1, atNational.getJsonObject("latest").getJsonObject("casualties").getInt("injured"));

        Http.Reply updated = city.post("/api/emergencies/" + id + "/updates", Json.createObjectBuilder()
                .add("status", "CONTROLLED").add("measures", "已封闭路段，车辆已拖离。").build().toString());
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(1, updated.json().getInt("updateNo"));
        JsonObject atProvince = awaitEmergency(province, eventId, e -> e.getInt("updateNo") == 1);
        assertEquals("CONTROLLED", atProvince.getString("status"));
        long nationalId = awaitEmergency(ministry, eventId, e -> e.getInt("updateNo") == 1).getJsonNumber("id")
                .longValue();
        JsonObject detail = ministry.get("/api/emergencies/" + nationalId).json();
        assertEquals(2, detail.getJsonArray("updates").size());
        assertEquals("已封闭路段，车辆已拖离。", detail.getJsonObject("latest").getString("measures"));

        // the ministry urges the city; the city replies; the reply shows with the emergency nationally
        assertProblem(city.post("/api/emergencies/" + id + "/urge", "{}"), 403, "a municipal node receives");
        Http.Reply urged = ministry.post("/api/emergencies/" + nationalId + "/urge", Json.createObjectBuilder()
                .add("level", "KEY").add("content", "请尽快恢复通行并报告原因。").build().toString());
        assertEquals(201, urged.status(), urged.toString());
        String urgingId = urged.json().getString("urgingId");
        JsonObject atCity = await("urging at city", city, "/api/supervision/urgings?direction=RECEIVED",
                r -> find(r.json().getJsonArray("items"), u -> urgingId.equals(u.getString("urgingId"))) != null)
                .json();
        long cityUrging = find(atCity.getJsonArray("items"), u -> urgingId.equals(u.getString("urgingId")))
                .getJsonNumber("id").longValue();
        assertEquals(200, city.post("/api/supervision/urgings/" + cityUrging + "/reply", Json.createObjectBuilder()
                .add("status", "IN_PROGRESS").add("text", "正在抢修，预计今晚恢复。").build().toString()).status());
        await("urging reply at national", ministry, "/api/emergencies/" + nationalId,
                r -> r.json().getJsonArray("urgings").getJsonObject(0).getJsonArray("replies").size() == 1);

        assertEquals(200, city.post("/api/emergencies/" + id + "/updates", "{\"status\":\"CLOSED\"}").status());
        assertProblem(city.post("/api/emergencies/" + id + "/updates", "{\"status\":\"ONGOING\"}"), 409, "closed");
        awaitEmergency(ministry, eventId, e -> "CLOSED".equals(e.getString("status")) && e.getInt("updateNo") == 2);
        assertProblem(ministry.post("/api/emergencies/" + nationalId + "/urge", "{\"content\":\"x\"}"), 409,
                "closed");
    }

    @Test
    @Order(4)
    void anOpinionItemIsForwardedHandledAndClosed() {
        String published = java.time.Instant.now().minusSeconds(3600).toString();
        // a feed with bad rows is refused whole, naming them
        String badCsv = "source,summary,sentiment,divisionCode,publishedAt,major\n"
                + "微博,井盖缺失,NEGATIVE,140602," + published + ",true\n"
                + "论坛,积水,ANGRY,140602," + published + ",false\n"
                + "新闻,x,NEUTRAL,130102," + published + ",false\n";
        Http.Reply bad = ministry.send("POST", "/api/opinions/import", "text/csv", badCsv);
        assertProblem(bad, 400, "rows[2].sentiment");
        assertEquals(0, ministry.get("/api/opinions").structure().asJsonArray().size());
        Http.Reply notMine = province.post("/api/opinions", item("微博", "NEGATIVE", "130102", published, true));
        assertProblem(notMine, 400, "divisionCode");

        Http.Reply imported = ministry.send("POST", "/api/opinions/import", "application/json",
                Json.createArrayBuilder().add(Json.createReader(new java.io.StringReader(
                        item("人民网", "NEGATIVE", "140602", published, true))).readObject())
                        .add(Json.createReader(new java.io.StringReader(
                                item("微博", "POSITIVE", "140603", published, false))).readObject())
                        .build().toString());
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(2, imported.json().getInt("count"));
        JsonArray flagged = ministry.get("/api/opinions?flagged=true").structure().asJsonArray();
        assertEquals(1, flagged.size(), flagged.toString());
        long issued = flagged.getJsonObject(0).getJsonNumber("id").longValue();
        String opinionId = flagged.getJsonObject(0).getString("opinionId");
        assertTrue(flagged.getJsonObject(0).getBoolean("majorNegative"));
        assertProblem(ministry.post("/api/opinions/" + issued + "/close", ""), 409, "OPEN");

        JsonObject atCity = awaitOpinion(city, opinionId);
        long cityItem = atCity.getJsonNumber("id").longValue();
        assertEquals("100000", atCity.getString("issuerNode"));
        assertTrue(atCity.getBoolean("majorNegative"));
        assertProblem(city.post("/api/opinions/" + cityItem + "/results", "{\"status\":\"DONE\",\"text\":\"x\"}"),
                400, "status");
        assertProblem(cityLeader.post("/api/opinions/" + cityItem + "/results",
                "{\"status\":\"HANDLED\",\"text\":\"x\"}"), 403, "leader is read-only");
        assertEquals(200, city.post("/api/opinions/" + cityItem + "/results", Json.createObjectBuilder()
                .add("status", "IN_PROGRESS").add("text", "已派员核实。").build().toString()).status());
        assertEquals(200, city.post("/api/opinions/" + cityItem + "/results", Json.createObjectBuilder()
                .add("status", "HANDLED").add("text", "情况属实，已补装井盖并立案跟踪。").add("caseId", "C140600-1")
                .build().toString()).status());
        JsonObject handled = await("result at national", ministry, "/api/opinions/" + issued,
                r -> "HANDLED".equals(r.json().getString("status"))).json();
        assertEquals(2, handled.getJsonArray("results").size());
        assertEquals("C140600-1", handled.getJsonArray("results").getJsonObject(1).getString("caseId"));
        // the province keeps a read-only copy of the ministry's item to its city, with the city's results
        JsonObject watched = await("copy at the province", province, "/api/opinions?status=HANDLED",
                r -> r.body().contains(opinionId)).structure().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(o -> opinionId.equals(o.getString("opinionId"))).findFirst().orElseThrow();
        assertEquals("WATCHED", watched.getString("direction"));
        assertEquals("140600", watched.getString("cityNode"));
        long watchedId = watched.getJsonNumber("id").longValue();
        assertEquals(2, ok(province.get("/api/opinions/" + watchedId)).getJsonArray("results").size());
        assertProblem(province.post("/api/opinions/" + watchedId + "/close", ""), 409, "the issuer closes it");
        JsonObject closed = ok(ministry.post("/api/opinions/" + issued + "/close", ""));
        assertEquals("CLOSED", closed.getString("status"));
        assertEquals(1, ministry.get("/api/opinions?status=CLOSED").structure().asJsonArray().size());
        assertProblem(city.post("/api/opinions", item("微博", "NEGATIVE", "140602", published, true)), 403,
                "a municipal node receives");

        // a province's own item goes to its city only (no copy to itself)
        Http.Reply own = province.post("/api/opinions", item("论坛", "NEGATIVE", "140602", published, false));
        assertEquals(201, own.status(), own.toString());
        String ownId = own.json().getString("opinionId");
        assertEquals("140000", awaitOpinion(city, ownId).getString("issuerNode"));
        assertEquals(List.of("ISSUED"), province.get("/api/opinions").structure().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(o -> ownId.equals(o.getString("opinionId")))
                .map(o -> o.getString("direction")).toList());
    }

    static String item(String source, String sentiment, String division, String published, boolean major) {
        return Json.createObjectBuilder().add("source", source).add("sourceKind", "SOCIAL_MEDIA")
                .add("link", "https://example.cn/post/1").add("summary", "市民反映井盖缺失，存在安全隐患。")
                .add("sentiment", sentiment).add("divisionCode", division).add("publishedAt", published)
                .add("major", major).build().toString();
    }

    static String grids() {
        var features = Json.createArrayBuilder();
        for (int i = 0; i < 2; i++) {
            double x = 112.900 + i * 0.001;
            features.add(Json.createObjectBuilder().add("type", "Feature")
                    .add("properties", Json.createObjectBuilder().add("code", "14060299800100" + (i + 1))
                            .add("name", "上报网格" + (i + 1)).add("communityName", "测试社区").add("streetName", "测试街道")
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

    static int count(JsonObject report, String breakdown, String key) {
        JsonObject row = find(report.getJsonArray(breakdown), x -> key.equals(x.getString("key")));
        assertNotNull(row, breakdown + " has no " + key + ": " + report);
        return row.getInt("count");
    }

    static JsonObject cityIn(JsonObject overview, String node) {
        return find(overview.getJsonArray("items"), x -> node.equals(x.getString("nodeId")));
    }

    static JsonObject awaitEmergency(Http who, String eventId, Predicate<JsonObject> ok) {
        Predicate<JsonObject> match = e -> eventId.equals(e.getString("eventId")) && ok.test(e);
        Http.Reply r = await("emergency " + eventId, who, "/api/emergencies?status=ALL",
                x -> find(x.structure().asJsonArray(), match) != null);
        return find(r.structure().asJsonArray(), match);
    }

    static JsonObject awaitOpinion(Http who, String opinionId) {
        Predicate<JsonObject> match = o -> opinionId.equals(o.getString("opinionId"));
        Http.Reply r = await("opinion " + opinionId, who, "/api/opinions",
                x -> find(x.structure().asJsonArray(), match) != null);
        return find(r.structure().asJsonArray(), match);
    }

    static Http.Reply await(String what, Http who, String path, Predicate<Http.Reply> ok) {
        return federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(what,
                DELIVERY, () -> who.get(path), r -> {
                    try {
                        return r.status() == 200 && ok.test(r);
                    } catch (RuntimeException e) {
                        return false;
                    }
                }));
    }

    static JsonObject find(JsonArray items, Predicate<JsonObject> match) {
        for (JsonValue v : items) {
            if (v instanceof JsonObject o && match.test(o)) {
                return o;
            }
        }
        return null;
    }

    static JsonObject ok(Http.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static void assertProblem(Http.Reply r, int status, String detailContains) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType() != null && r.contentType().startsWith("application/problem+json"), r.toString());
        assertTrue(r.body().contains(detailContains), "expected '" + detailContains + "' in " + r);
    }
}
