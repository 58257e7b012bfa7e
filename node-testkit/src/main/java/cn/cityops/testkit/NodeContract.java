package cn.cityops.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every node must do, checked against the node's real WAR on Payara Micro with its own PostgreSQL/PostGIS
 * database. Each node module runs it through a three-line subclass naming its level and node id.
 */
public abstract class NodeContract {

    /** Demo/test administrator password, supplied to the node as cityops.admin.initial-password by failsafe. */
    public static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "Admin-2026-it");

    /**
     * {@code cityops.security.password-iterations} of test nodes (the parent pom sets the same for Arquillian): the
     * production default of 600,000 PBKDF2 iterations costs 5–7 CPU-seconds per hash under the test JVM flags.
     */
    public static final String TEST_PASSWORD_ITERATIONS = "1000";

    private final String level;
    private final String nodeId;

    @ArquillianResource
    URL deploymentUrl;

    protected Http anonymous;

    protected NodeContract(String level, String nodeId) {
        this.level = level;
        this.nodeId = nodeId;
    }

    /** The WAR this module built (target/<artifactId>.war), deployed as is. */
    public static WebArchive builtWar() {
        File[] wars = new File("target").listFiles((d, n) -> n.endsWith(".war"));
        if (wars == null || wars.length != 1) {
            throw new IllegalStateException("expected exactly one WAR in target/, found " + Arrays.toString(wars));
        }
        return ShrinkWrap.create(ZipImporter.class, wars[0].getName()).importFrom(wars[0]).as(WebArchive.class);
    }

    @BeforeEach
    void client() {
        anonymous = new Http(deploymentUrl.toString());
        awaitReady(deploymentUrl, nodeId);
    }

    /**
     * Deployment finishes before the node has migrated and started: every IT waits for readiness first (DESIGN.md §9
     * pitfall 6).
     */
    public static void awaitReady(URL deploymentUrl) {
        awaitReady(deploymentUrl, null);
    }

    /**
     * Waits until the server at the deployment URL reports this project's readiness check UP — and, when a node id
     * is given, for that node. A bare 200 is not enough: a Payara Micro without our application (another build's
     * server on a clashing port) also answers 200 with no checks at all.
     */
    public static void awaitReady(URL deploymentUrl, String nodeId) {
        Await.until("node " + (nodeId == null ? "" : nodeId + " ") + "ready at " + deploymentUrl,
                java.time.Duration.ofMinutes(3),
                () -> new Http(serverRoot(deploymentUrl)).get("/health/ready"),
                r -> r.status() == 200 && isOurNode(r.json(), nodeId));
    }

    private static boolean isOurNode(JsonObject health, String nodeId) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "cityops-node".equals(c.getString("name", "")))
                .anyMatch(c -> nodeId == null || nodeId.equals(c.getJsonObject("data").getString("nodeId", "")));
    }

    /** {@code http://host:port} of a deployment (the health endpoints live at the server root). */
    public static String serverRoot(URL deploymentUrl) {
        return deploymentUrl.getProtocol() + "://" + deploymentUrl.getHost() + ":" + deploymentUrl.getPort();
    }

    protected Http admin() {
        return anonymous.login("admin", ADMIN_PASSWORD);
    }

    @Test
    void loginReportsThisNodesLevelAndId() {
        Http.Reply r = anonymous.post("/api/auth/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(200, r.status(), r.toString());
        JsonObject node = r.json().getJsonObject("node");
        assertEquals(level, node.getString("level"));
        assertEquals(nodeId, node.getString("id"));
        assertEquals(3, r.json().getString("token").split("\\.").length, "a compact JWS");

        JsonObject info = admin().get("/api/node").json();
        assertEquals(level, info.getString("level"));
        assertEquals(nodeId, info.getString("id"));
    }

    @Test
    void wrongPasswordIsAProblemAndNoToken() {
        Http.Reply r = anonymous.post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"wrong-password-1\"}");
        assertEquals(401, r.status(), r.toString());
        assertTrue(r.isProblem(), r.toString());
        assertEquals("urn:cityops:problem:bad-credentials", r.json().getString("type"));
    }

    @Test
    void repeatedFailuresLockTheAccount() {
        Http admin = admin();
        String name = "locktest-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin.post("/api/admin/users", user(name, "leader")).status());
        Http.Reply last = null;
        for (int i = 0; i < 5; i++) {
            last = anonymous.post("/api/auth/login", "{\"username\":\"" + name + "\",\"password\":\"nope-nope-1\"}");
        }
        assertEquals(429, last.status(), last.toString());
        Http.Reply right = anonymous.post("/api/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"Passw0rd-test\"}");
        assertEquals(429, right.status(), "even the right password is refused while locked: " + right);
        assertTrue(right.json().getJsonNumber("retryAfterSeconds").longValue() > 0);
    }

    @Test
    void anonymousCallsAreRefusedWith401Problem() {
        Http.Reply r = anonymous.get("/api/node");
        assertEquals(401, r.status(), r.toString());
        assertTrue(r.isProblem());
        Http.Reply forged = anonymous.withToken("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA").get("/api/node");
        assertEquals(401, forged.status(), "a token this node did not sign is refused: " + forged);
    }

    @Test
    void roleProtectedCallIsAllowedForTheRoleAndDeniedForOthers() {
        Http admin = admin();
        // a 系统管理员 may amend the working calendar (adding next year's holiday without a release)
        Http.Reply allowed = admin.put("/api/calendar/days/2027-01-01", "{\"working\":false,\"name\":\"元旦\"}");
        assertEquals(200, allowed.status(), allowed.toString());
        assertEquals(false, admin.get("/api/calendar/days/2027-01-01").json().getBoolean("working"));

        // an 审计管理员 may not
        String name = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply created = admin.post("/api/admin/users", user(name, "audit-admin"));
        assertEquals(201, created.status(), created.toString());
        Http auditor = anonymous.login(name, "Passw0rd-test");
        Http.Reply denied = auditor.put("/api/calendar/days/2027-01-01", "{\"working\":true}");
        assertEquals(403, denied.status(), denied.toString());
        assertTrue(denied.isProblem());
        assertEquals("urn:cityops:problem:forbidden", denied.json().getString("type"));
        // and may still read
        assertEquals(200, auditor.get("/api/calendar/days/2027-01-01").status());
    }

    @Test
    void malformedRequestsGetProblemJsonWithTheReason() {
        Http admin = admin();
        Http.Reply invalid = admin.post("/api/admin/users",
                "{\"username\":\"X\",\"displayName\":\"\",\"password\":\"short\",\"roles\":[\"no-such-role\"]}");
        assertEquals(400, invalid.status(), invalid.toString());
        assertTrue(invalid.isProblem());
        assertEquals(4, invalid.json().getJsonArray("issues").size(), invalid.toString());
        assertEquals("username", invalid.json().getJsonArray("issues").getJsonObject(0).getString("field"));

        Http.Reply badJson = admin.post("/api/admin/users", "{not json");
        assertEquals(400, badJson.status(), badJson.toString());
        assertTrue(badJson.isProblem());

        Http.Reply badCode = admin.get("/api/reference/divisions/14060X");
        assertEquals(400, badCode.status(), badCode.toString());
        assertEquals("divisionCode", badCode.json().getJsonArray("issues").getJsonObject(0).getString("field"));

        Http.Reply wrongType = admin.send("POST", "/api/admin/users", "text/plain", "hello");
        assertEquals(415, wrongType.status(), wrongType.toString());
        assertTrue(wrongType.isProblem());

        Http.Reply noSuchPath = admin.get("/api/no-such-thing");
        assertEquals(404, noSuchPath.status(), noSuchPath.toString());
        assertTrue(noSuchPath.isProblem());

        Http.Reply wrongMethod = admin.delete("/api/node");
        assertEquals(405, wrongMethod.status(), wrongMethod.toString());
        assertTrue(wrongMethod.isProblem());

        Http.Reply missing = admin.get("/api/reference/classes/MATTER/06999");
        assertEquals(404, missing.status(), missing.toString());
    }

    @Test
    void referenceDataResolvesMatterAndDivision() {
        Http admin = admin();
        JsonObject matter = admin.get("/api/reference/classes/MATTER/06010").json();
        assertEquals("暴露垃圾", matter.getString("name"));
        assertEquals("06", matter.getJsonObject("major").getString("code"));
        assertEquals("市容环境类", matter.getJsonObject("major").getString("name"));

        JsonObject component = admin.get("/api/reference/classes/COMPONENT/01001").json();
        assertFalse(component.getString("name").endsWith("异常"), "component and matter 01001 are different entries");

        JsonObject shuozhou = admin.get("/api/reference/divisions/140600").json();
        assertEquals("朔州市", shuozhou.getString("name"));
        assertEquals("PREFECTURE", shuozhou.getString("level"));
        assertEquals("140000", shuozhou.getString("parentCode"));

        JsonObject full = admin.get("/api/reference/matter-codes/14060006010").json();
        assertEquals("暴露垃圾", full.getJsonObject("matter").getString("name"));
        assertEquals("朔州市", full.getJsonObject("division").getString("name"));

        assertEquals(153, admin.get("/api/reference/classes?kind=COMPONENT&size=1").json().getInt("total"));
        assertEquals(250, admin.get("/api/reference/classes?kind=MATTER&size=1").json().getInt("total"));
    }

    @Test
    void calendarKnowsTheSpringFestivalMakeUpDay() {
        Http admin = admin();
        JsonObject sat = admin.get("/api/calendar/days/2026-02-14").json();
        assertTrue(sat.getBoolean("working"), "2026-02-14 is a 调休 make-up working Saturday: " + sat);
        assertEquals("MAKEUP_WORKDAY", sat.getString("kind"));
        JsonObject festival = admin.get("/api/calendar/days/2026-02-17").json();
        assertFalse(festival.getBoolean("working"));
        assertEquals("HOLIDAY", festival.getString("kind"));

        JsonObject deadline = admin.get("/api/calendar/deadline?start=2026-02-13T10:00:00%2B08:00&limit="
                + java.net.URLEncoder.encode("1工作日", java.nio.charset.StandardCharsets.UTF_8)).json();
        assertEquals("2026-02-14T02:00:00Z", deadline.getString("deadline"), deadline.toString());
    }

    /**
     * The web console is static files from node-core's jar and the WebJars, served without a token under the
     * deployment's context (here {@code /node-<level>}, at {@code /} in the uber-jar): its URLs are relative.
     */
    @Test
    void theConsoleAndItsLibrariesAreServedWithoutAToken() {
        Http.BinaryReply index = anonymous.download("/console/");
        assertEquals(200, index.status(), index.toString());
        String html = new String(index.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("城市运行管理服务平台") && html.contains("src=\"app.js\""), html);
        Http.BinaryReply app = anonymous.download("/console/app.js");
        assertEquals(200, app.status(), app.toString());
        String vendor = new String(anonymous.download("/console/vendor.js").body(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher leaflet = java.util.regex.Pattern.compile("LEAFLET = '([0-9.]+)'").matcher(vendor);
        java.util.regex.Matcher chart = java.util.regex.Pattern.compile("CHARTJS = '([0-9.]+)'").matcher(vendor);
        assertTrue(leaflet.find() && chart.find(), "WebJar versions filled in by the build: " + vendor);
        assertEquals(200, anonymous.download("/webjars/leaflet/" + leaflet.group(1) + "/dist/leaflet.js").status());
        assertEquals(200, anonymous.download("/webjars/chart.js/" + chart.group(1) + "/dist/chart.umd.js").status());
    }

    @Test
    void operationsEndpointsAnswer() {
        Http root = new Http(serverRoot(deploymentUrl));
        Http.Reply ready = root.get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertTrue(ready.body().contains(nodeId), ready.body());
        assertEquals(200, root.get("/health/live").status());
        Http.Reply openapi = root.send("GET", "/openapi", null, null);
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().contains("/api/auth/login"), "OpenAPI lists the login endpoint");
        assertTrue(openapi.body().contains("/api/reference/classes/{kind}/{code}"));
        Http.Reply metrics = root.send("GET", "/metrics", null, null);
        assertEquals(200, metrics.status(), metrics.toString());
    }

    protected static String user(String username, String role) {
        return Json.createObjectBuilder().add("username", username).add("displayName", "测试用户")
                .add("password", "Passw0rd-test").add("roles", Json.createArrayBuilder().add(role)).build().toString();
    }
}
