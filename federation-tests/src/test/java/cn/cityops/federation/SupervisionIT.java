package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
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
 * Supervision across the three levels on real nodes (national 100000, 山西 140000, 朔州 140600, own databases
 * {@code cityops_sup_*}): a national task relayed by the province reaches the city, whose acknowledgement, progress
 * and completion roll up to the province and on to the ministry, with urgings and replies at both levels; a
 * provincial task of its own; notices with read receipts; wrong-level and wrong-role refusals; and the roll-up
 * figure for a task addressed to every prefecture-level city with a week of daily progress each.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionIT {

    static final Path WORK = Path.of("target", "supervision").toAbsolutePath();
    static final Duration DELIVERY = Duration.ofSeconds(90);
    static final String PASSWORD = "Sup-2026-pass";
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;
    static Http ministry;
    static Http nationalLeader;
    static Http province;
    static Http city;
    static Http cityLeader;
    static long nationalTask;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK, "cityops_sup_");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(),
                SignatureAlgorithm.ECDSA_P256_SHA256, Map.of());
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "HTTP");
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 3, 3, DELIVERY, national, provincial, municipal);
        }
        ministry = user(national, "sup-bu", "部督查员张三", "ministry-supervisor");
        nationalLeader = user(national, "sup-bu-ld", "部领导", "leader");
        province = user(provincial, "sup-sheng", "省督查员李四", "province-supervisor");
        city = user(municipal, "sup-shi", "市任务办理员王五", "city-task-handler");
        cityLeader = user(municipal, "sup-shi-ld", "市领导赵六", "leader");
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
    void aNationalTaskIsRelayedToTheCityAndItsFeedbackAndUrgingRollUp() {
        // the ministry drafts and publishes a task for 山西
        Http.Reply created = ministry.post("/api/supervision/tasks", Json.createObjectBuilder()
                .add("kind", "SPECIAL_ACTION").add("title", "城市道路井盖专项整治").add("content", "排查并整治破损、缺失井盖。")
                .add("requirements", "每周报送进展，完成后报送整治数量。").add("documentNo", "建办督函〔2026〕12号")
                .add("timeLimit", "10工作日").add("feedbackCycle", "WEEKLY")
                .add("references", Json.createArrayBuilder().add("《城市道路管理条例》 https://example.gov.cn/rules"))
                .add("targets", Json.createArrayBuilder().add("140000")).build().toString());
        assertEquals(201, created.status(), created.toString());
        assertEquals("DRAFT", created.json().getString("status"));
        nationalTask = created.json().getJsonNumber("id").longValue();
        Http.Reply published = ministry.post("/api/supervision/tasks/" + nationalTask + "/publish", "");
        assertEquals(200, published.status(), published.toString());
        String taskId = published.json().getString("taskId");
        assertEquals("T100000-" + nationalTask, taskId);
        assertNotNull(published.json().getString("deadline"));

        // the province receives it (and answers RECEIVED automatically)
        JsonObject atProvince = awaitTask(province, "RECEIVED", t -> taskId.equals(t.getString("taskId")));
        long provinceCopy = atProvince.getJsonNumber("id").longValue();
        JsonObject provinceDetail = province.get("/api/supervision/tasks/" + provinceCopy).json();
        assertEquals(List.of("《城市道路管理条例》 https://example.gov.cn/rules"), strings(provinceDetail, "references"));
        assertEquals("排查并整治破损、缺失井盖。", provinceDetail.getString("content"));
        awaitTarget(ministry, nationalTask, "140000", t -> !absent(t, "receivedAt"));

        // a relay with a later deadline than the ministry's is refused; the real relay goes to all its cities
        Http.Reply late = province.post("/api/supervision/tasks/" + provinceCopy + "/relay", Json.createObjectBuilder()
                .add("deadline", "2099-01-01T00:00:00Z").build().toString());
        assertProblem(late, 400, "not be later than the original");
        Http.Reply relayed = province.post("/api/supervision/tasks/" + provinceCopy + "/relay",
                Json.createObjectBuilder().add("requirements", "各市于5个工作日内完成排查。").add("timeLimit", "5工作日")
                        .build().toString());
        assertEquals(201, relayed.status(), relayed.toString());
        long relayTask = relayed.json().getJsonNumber("id").longValue();
        String relayId = relayed.json().getString("taskId");
        assertEquals(List.of("140600"), strings(relayed.json(), "targetNodes"));
        assertProblem(province.post("/api/supervision/tasks/" + provinceCopy + "/relay", "{}"), 409,
                "already relayed");
        awaitTarget(ministry, nationalTask, "140000", t -> !absent(t, "acknowledgedAt"));

        // the city gets the relayed task with the province's requirements and the origin
        JsonObject atCity = awaitTask(city, "RECEIVED", t -> relayId.equals(t.getString("taskId")));
        long cityTask = atCity.getJsonNumber("id").longValue();
        assertEquals(taskId, atCity.getString("originTaskId"));
        JsonObject cityDetail = city.get("/api/supervision/tasks/" + cityTask).json();
        assertEquals("140000", cityDetail.getString("issuerNode"));
        assertEquals("各市于5个工作日内完成排查。", cityDetail.getString("requirements"));
        assertEquals("100000", cityDetail.getString("originNode"));

        // roles and levels
        assertProblem(cityLeader.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("percent", 10).add("text", "x").build().toString()), 403, "leader is read-only");
        assertProblem(city.post("/api/supervision/tasks", "{}"), 403, "a municipal node receives");
        assertProblem(city.post("/api/supervision/tasks/" + cityTask + "/targets/140600/urge", "{}"), 403,
                "a municipal node receives");
        assertProblem(ministry.post("/api/supervision/tasks/" + nationalTask + "/feedback", "{}"), 403,
                "the national node issues");
        assertProblem(ministry.post("/api/supervision/tasks/" + nationalTask + "/relay", "{}"), 403,
                "PROVINCIAL node");
        assertProblem(nationalLeader.post("/api/supervision/tasks", "{}"), 403, "ministry-supervisor");
        assertEquals(200, nationalLeader.get("/api/supervision/tasks/" + nationalTask).status());

        // the city signs for it, assigns it, reports progress with figures
        assertEquals("ACKNOWLEDGED", ok(city.post("/api/supervision/tasks/" + cityTask + "/acknowledge",
                "{\"note\":\"已签收，由市容科办理\"}")).getString("status"));
        assertEquals("市城管局市容科", ok(city.post("/api/supervision/tasks/" + cityTask + "/assign",
                "{\"assignee\":\"市城管局市容科\"}")).getString("assignee"));
        assertProblem(city.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("kind", "COMPLETION").add("percent", 50).add("text", "x").build().toString()), 400, "100");
        JsonObject progress = ok(city.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("kind", "PROGRESS").add("percent", 40).add("text", "已排查主城区道路 120 公里。")
                .add("figures", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "排查井盖")
                        .add("value", "3400").add("unit", "个"))).build().toString()));
        assertEquals("IN_PROGRESS", progress.getString("status"));

        // the province sees its city; the ministry sees the province's automatic roll-up with a breakdown
        JsonObject cityAtProvince = awaitTarget(province, relayTask, "140600",
                t -> !absent(t, "percent") && t.getInt("percent") == 40);
        assertEquals("3400", cityAtProvince.getJsonArray("latestFigures").getJsonObject(0).getString("value"));
        assertFalse(absent(cityAtProvince, "acknowledgedAt"));
        JsonObject provAtNational = awaitTarget(ministry, nationalTask, "140000",
                t -> !absent(t, "percent") && t.getInt("percent") == 40);
        assertEquals("140600", provAtNational.getJsonArray("breakdown").getJsonObject(0).getString("nodeId"));
        JsonObject rollUp = ministry.get("/api/supervision/tasks/" + nationalTask).json().getJsonObject("rollUp");
        JsonObject shanxi = rollUp.getJsonArray("provinces").getJsonObject(0);
        assertEquals("140000", shanxi.getString("province"));
        assertEquals(40, shanxi.getInt("averagePercent"));
        assertEquals(1, rollUp.getJsonObject("totals").getInt("acknowledged"));
        assertFalse(provAtNational.getBoolean("overdue"));

        // urging: the ministry urges the province, the province urges its city; replies roll up at each level
        Http.Reply urged = ministry.post("/api/supervision/tasks/" + nationalTask + "/targets/140000/urge",
                Json.createObjectBuilder().add("level", "KEY").add("content", "请加快整治进度，按期报送。").build()
                        .toString());
        assertEquals(201, urged.status(), urged.toString());
        JsonObject urgingAtProvince = awaitUrging(province, u -> urged.json().getString("urgingId")
                .equals(u.getString("urgingId")));
        assertEquals(provinceCopy, urgingAtProvince.getJsonNumber("task").longValue());
        Http.Reply cityUrged = province.post("/api/supervision/tasks/" + relayTask + "/targets/140600/urge",
                Json.createObjectBuilder().add("content", "部里已督办，请三日内完成。").add("replyTimeLimit", "1工作日")
                        .build().toString());
        assertEquals(201, cityUrged.status(), cityUrged.toString());
        JsonObject urgingAtCity = awaitUrging(city, u -> cityUrged.json().getString("urgingId")
                .equals(u.getString("urgingId")));
        assertEquals(cityTask, urgingAtCity.getJsonNumber("task").longValue());
        assertProblem(city.post("/api/supervision/urgings/" + urgingAtCity.getJsonNumber("id") + "/reply",
                "{\"status\":\"MAYBE\",\"text\":\"?\"}"), 400, "status");
        ok(city.post("/api/supervision/urgings/" + urgingAtCity.getJsonNumber("id") + "/reply",
                "{\"status\":\"IN_PROGRESS\",\"text\":\"已增派人员，预计两日内完成。\"}"));
        awaitTarget(province, relayTask, "140600", t -> "IN_PROGRESS".equals(text(t, "latestReplyStatus"))
                && t.getInt("urgingsUnanswered") == 0 && t.getInt("urgings") == 1);
        ok(province.post("/api/supervision/urgings/" + urgingAtProvince.getJsonNumber("id") + "/reply",
                "{\"status\":\"IN_PROGRESS\",\"text\":\"已督促朔州市加快进度。\"}"));
        awaitTarget(ministry, nationalTask, "140000", t -> "IN_PROGRESS".equals(text(t, "latestReplyStatus")));
        JsonObject urgingAtNational = ministry.get("/api/supervision/urgings/" + urged.json().getJsonNumber("id"))
                .json();
        assertEquals("已督促朔州市加快进度。", urgingAtNational.getJsonArray("replies").getJsonObject(0).getString("text"));

        // completion rolls up: the province's received task completes and the ministry sees 100 %
        ok(city.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("kind", "COMPLETION").add("percent", 100).add("text", "整治完成，更换井盖 86 个。")
                .add("figures", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "更换井盖")
                        .add("value", "86").add("unit", "个"))).build().toString()));
        assertProblem(city.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("percent", 100).add("text", "again").build().toString()), 409, "completed");
        JsonObject done = awaitTarget(ministry, nationalTask, "140000", t -> !absent(t, "completedAt"));
        assertEquals(100, done.getInt("percent"));
        assertFalse(done.getBoolean("completedLate"));
        assertEquals("COMPLETED", province.get("/api/supervision/tasks/" + provinceCopy).json().getString("status"));
        assertProblem(ministry.post("/api/supervision/tasks/" + nationalTask + "/targets/140000/urge",
                "{\"content\":\"再催\"}"), 409, "nothing to urge");

        // lists: issued at the ministry, received at the city; the city holds only its own items
        JsonObject issued = ministry.get("/api/supervision/tasks?direction=ISSUED").json();
        assertEquals(1, issued.getJsonArray("items").size());
        assertEquals(1, issued.getJsonArray("items").getJsonObject(0).getInt("completed"));
        assertEquals(0, city.get("/api/supervision/tasks?direction=ISSUED").json().getJsonNumber("total").intValue());
    }

    @Test
    @Order(2)
    void aProvincialTaskGoesToItsCitiesOnly() {
        assertProblem(province.post("/api/supervision/tasks", Json.createObjectBuilder().add("title", "t")
                .add("content", "c").add("timeLimit", "3工作日").add("targets", Json.createArrayBuilder().add("100000")
                        .add("110100")).build().toString()), 400, "only the cities of its own province");
        Http.Reply created = province.post("/api/supervision/tasks", Json.createObjectBuilder()
                .add("kind", "DATA_COLLECTION").add("title", "报送城市运行风险隐患台账").add("content", "汇总本市风险隐患。")
                .add("deadline", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString())
                .add("feedbackCycle", "DAILY").add("allCitiesOf", Json.createArrayBuilder().add("140000")).build()
                .toString());
        assertEquals(201, created.status(), created.toString());
        long id = created.json().getJsonNumber("id").longValue();
        String taskId = ok(province.post("/api/supervision/tasks/" + id + "/publish", "")).getString("taskId");
        assertProblem(province.post("/api/supervision/tasks/" + id + "/publish", ""), 409, "already PUBLISHED");
        JsonObject atCity = awaitTask(city, "RECEIVED", t -> taskId.equals(t.getString("taskId")));
        assertTrue(absent(atCity, "originTaskId"));
        long cityTask = atCity.getJsonNumber("id").longValue();
        ok(city.post("/api/supervision/tasks/" + cityTask + "/feedback", Json.createObjectBuilder()
                .add("kind", "COMPLETION").add("percent", 100).add("text", "台账已报送。").build().toString()));
        JsonObject t = awaitTarget(province, id, "140600", v -> !absent(v, "completedAt"));
        assertFalse(absent(t, "acknowledgedAt"), "a progress report counts as signing for the task");
        assertTrue(absent(t, "nextReportDue"), "no report is due once completed");
        // nothing of it reaches the ministry
        for (JsonValue v : ministry.get("/api/supervision/tasks?size=500").json().getJsonArray("items")) {
            assertFalse(v.asJsonObject().getString("title").contains("风险隐患"));
        }
    }

    @Test
    @Order(3)
    void noticesRecordWhoReadThemAndReceiptsFlowBack() {
        Http.Reply created = ministry.post("/api/supervision/notices", Json.createObjectBuilder()
                .add("kind", "CRITICISM").add("title", "关于部分城市井盖整治进度滞后的通报").add("content", "经核查，……")
                .add("documentNo", "建办督〔2026〕3号")
                .add("subjects", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "朔州市")
                        .add("nodeId", "140600")))
                .add("targets", Json.createArrayBuilder().add("140000").add("140600")).build().toString());
        assertEquals(201, created.status(), created.toString());
        long id = created.json().getJsonNumber("id").longValue();
        String noticeId = ok(ministry.post("/api/supervision/notices/" + id + "/publish", "")).getString("noticeId");
        assertProblem(city.post("/api/supervision/notices", "{}"), 403, "a municipal node receives");

        long atProvince = awaitNotice(province, noticeId);
        long atCity = awaitNotice(city, noticeId);
        ok(province.post("/api/supervision/notices/" + atProvince + "/read", ""));
        ok(city.post("/api/supervision/notices/" + atCity + "/read", ""));
        ok(city.post("/api/supervision/notices/" + atCity + "/read", ""));
        JsonObject local = ok(cityLeader.post("/api/supervision/notices/" + atCity + "/read", ""));
        assertEquals(2, local.getJsonArray("readers").size(), "each reader once: " + local);
        assertProblem(ministry.post("/api/supervision/notices/" + id + "/read", ""), 409, "published by this node");

        JsonObject seen = Await.until("read receipts at the ministry", DELIVERY,
                () -> ministry.get("/api/supervision/notices/" + id), r -> r.status() == 200
                        && readers(r.json(), "140000") == 1 && readers(r.json(), "140600") == 2).json();
        List<String> names = new ArrayList<>();
        for (JsonValue t : seen.getJsonArray("targets")) {
            for (JsonValue r : t.asJsonObject().getJsonArray("readers")) {
                names.add(r.asJsonObject().getString("name"));
            }
        }
        Collections.sort(names);
        assertEquals(List.of("市任务办理员王五", "市领导赵六", "省督查员李四"), names);
        JsonObject summary = ministry.get("/api/supervision/notices?direction=ISSUED").json().getJsonArray("items")
                .getJsonObject(0);
        assertEquals(2, summary.getInt("targetsRead"));

        // a provincial circular without a receipt: read at the city, nothing flows back
        long pid = province.post("/api/supervision/notices", Json.createObjectBuilder().add("kind", "COMMENDATION")
                .add("title", "通报表扬朔州市").add("content", "提前完成井盖整治。").add("readReceiptRequested", false)
                .add("targets", Json.createArrayBuilder().add("140600")).build().toString()).json()
                .getJsonNumber("id").longValue();
        String pNotice = ok(province.post("/api/supervision/notices/" + pid + "/publish", "")).getString("noticeId");
        long cityCopy = awaitNotice(city, pNotice);
        assertEquals(1, ok(city.post("/api/supervision/notices/" + cityCopy + "/read", "")).getJsonArray("readers")
                .size());
        assertEquals(0, province.get("/api/supervision/notices/" + pid).json().getJsonArray("readers").size());
    }

    /**
     * The roll-up figure: a task addressed to every prefecture-level city (from the reference divisions) with a
     * receipt, an acknowledgement and seven daily progress reports per city, inserted straight into the national
     * database as if the feedback had arrived; then the roll-up is timed over REST and as bare SQL.
     */
    @Test
    @Order(4)
    void rollUpOfATaskForEveryCityWithAWeekOfReports() throws Exception {
        String db = "cityops_sup_national";
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("it.db.port", "54339") + "/" + db;
        long task;
        int cities;
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url, db, System.getProperty("it.db.password",
                "cityops-test"))) {
            c.setAutoCommit(false);
            Instant issued = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sup_task (issuer_node, task_id, direction,"
                    + " status, kind, title, content, issued_at, deadline, feedback_cycle, targets) VALUES ('100000',"
                    + " 'BENCH-' || nextval('sup_task_id_seq'), 'ISSUED', 'PUBLISHED', 'SUPERVISION', '全国城市基础数据"
                    + "核查（基准）', '基准任务', ?, ?, 'DAILY', '[]') RETURNING id")) {
                ps.setTimestamp(1, Timestamp.from(issued));
                ps.setTimestamp(2, Timestamp.from(issued.plus(Duration.ofDays(30))));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    task = rs.getLong(1);
                }
            }
            List<String> codes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM ref_division WHERE level = 'PREFECTURE'"
                    + " AND code LIKE '____00' ORDER BY code"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            cities = codes.size();
            try (PreparedStatement t = c.prepareStatement("INSERT INTO sup_task_target (task, node_id, node_name,"
                    + " province_node) VALUES (?, ?, ?, ?)"); PreparedStatement f = c.prepareStatement("INSERT INTO"
                    + " sup_task_feedback (task, node_id, direction, kind, percent, text, figures, reporter,"
                    + " reported_at, package_id) VALUES (?, ?, 'IN', ?, ?, ?, ?, ?, ?, gen_random_uuid())")) {
                for (String code : codes) {
                    t.setLong(1, task);
                    t.setString(2, code);
                    t.setString(3, "市 " + code);
                    t.setString(4, code.substring(0, 2) + "0000");
                    t.addBatch();
                    rows += feedback(f, task, code, "RECEIVED", 0, issued.plusSeconds(60));
                    rows += feedback(f, task, code, "ACKNOWLEDGED", 0, issued.plusSeconds(3600));
                    for (int day = 1; day <= 7; day++) {
                        boolean last = day == 7 && code.hashCode() % 5 == 0;
                        rows += feedback(f, task, code, last ? "COMPLETION" : "PROGRESS", last ? 100 : day * 12,
                                issued.plus(Duration.ofDays(day)));
                    }
                }
                t.executeBatch();
                f.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            List<Long> rest = new ArrayList<>();
            JsonObject last = null;
            for (int i = 0; i < 26; i++) {
                long t0 = System.nanoTime();
                Http.Reply r = ministry.get("/api/supervision/tasks/" + task);
                long took = System.nanoTime() - t0;
                assertEquals(200, r.status(), r.toString());
                if (i >= 5) {
                    rest.add(took);
                }
                last = r.json();
            }
            JsonObject totals = last.getJsonObject("rollUp").getJsonObject("totals");
            assertEquals(cities, totals.getInt("targets"));
            assertEquals(cities, totals.getInt("acknowledged"));
            int provinces = last.getJsonObject("rollUp").getJsonArray("provinces").size();
            String report = String.format(java.util.Locale.ROOT, "| task addressed to %d prefecture-level cities"
                    + " (%d provinces), %d feedback rows (receipt, 签收, 7 daily reports each) | GET /api/supervision/tasks/{id} (roll-up + JSON, %d KiB) p50 %.1f ms / max"
                    + " %.1f ms |", cities, provinces, rows,
                    last.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1024, median(rest),
                    max(rest));
            System.out.println("SUPERVISION ROLL-UP " + report);
            Files.createDirectories(WORK);
            Files.writeString(WORK.resolve("rollup-benchmark.md"), report + "\n");
            assertTrue(cities >= 300, "expected ~330 prefecture-level cities, got " + cities);
        }
    }

    static int feedback(PreparedStatement f, long task, String code, String kind, int percent, Instant at)
            throws java.sql.SQLException {
        f.setLong(1, task);
        f.setString(2, code);
        f.setString(3, kind);
        f.setInt(4, percent);
        f.setString(5, "第 " + percent + "% 进度：已完成排查路段若干。");
        f.setString(6, "PROGRESS".equals(kind) ? "[{\"name\":\"排查路段\",\"value\":\"" + percent + "\",\"unit\":\"km\"}]"
                : null);
        f.setString(7, "办理员 (" + code + ")");
        f.setTimestamp(8, Timestamp.from(at));
        f.addBatch();
        return 1;
    }

    static double median(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }

    static double max(List<Long> nanos) {
        return Collections.max(nanos) / 1e6;
    }

    // ---------------------------------------------------------------- helpers

    static JsonObject awaitTask(Http who, String direction, Predicate<JsonObject> match) {
        Http.Reply r = federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "task in " + direction, DELIVERY, () -> who.get("/api/supervision/tasks?direction=" + direction),
                x -> x.status() == 200 && find(x.json().getJsonArray("items"), match) != null));
        return find(r.json().getJsonArray("items"), match);
    }

    static JsonObject awaitUrging(Http who, Predicate<JsonObject> match) {
        Http.Reply r = federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "urging received", DELIVERY, () -> who.get("/api/supervision/urgings?direction=RECEIVED"),
                x -> x.status() == 200 && find(x.json().getJsonArray("items"), match) != null));
        return find(r.json().getJsonArray("items"), match);
    }

    static long awaitNotice(Http who, String noticeId) {
        Predicate<JsonObject> match = n -> noticeId.equals(n.getString("noticeId"));
        Http.Reply r = federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "notice " + noticeId, DELIVERY, () -> who.get("/api/supervision/notices?direction=RECEIVED"),
                x -> x.status() == 200 && find(x.json().getJsonArray("items"), match) != null));
        return find(r.json().getJsonArray("items"), match).getJsonNumber("id").longValue();
    }

    static JsonObject awaitTarget(Http who, long task, String node, Predicate<JsonObject> ok) {
        Predicate<JsonObject> match = t -> node.equals(t.getString("nodeId"));
        Http.Reply r = federation.explained(new NodeProcess[] {national, provincial, municipal}, () -> Await.until(
                "target " + node + " of task " + task, DELIVERY, () -> who.get("/api/supervision/tasks/" + task),
                x -> {
                    if (x.status() != 200 || absent(x.json(), "rollUp")) {
                        return false;
                    }
                    JsonObject t = find(x.json().getJsonObject("rollUp").getJsonArray("targets"), match);
                    return t != null && ok.test(t);
                }));
        return find(r.json().getJsonObject("rollUp").getJsonArray("targets"), match);
    }

    static JsonObject find(JsonArray items, Predicate<JsonObject> match) {
        for (JsonValue v : items) {
            if (match.test(v.asJsonObject())) {
                return v.asJsonObject();
            }
        }
        return null;
    }

    static int readers(JsonObject notice, String node) {
        JsonObject t = find(notice.getJsonArray("targets"), x -> node.equals(x.getString("nodeId")));
        return t == null ? -1 : t.getJsonArray("readers").size();
    }

    static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    static boolean absent(JsonObject o, String key) {
        return !o.containsKey(key) || o.isNull(key);
    }

    static String text(JsonObject o, String key) {
        return o.containsKey(key) && !o.isNull(key) ? o.getString(key) : null;
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
