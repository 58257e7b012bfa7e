package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The federation as deploy/federation.sh runs it: national, provincial (山西 140000) and municipal (朔州 140600) as
 * separate processes on real HTTP, enrolled in a fresh federation PKI (SM2 root; SM2 and P-256 node keys). Checks the
 * nodes' identities, then the exchange end to end: directory distribution, packages down and up through the relay,
 * a receiver killed and restarted (nothing lost, nothing applied twice), and the file-ferry transport.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

    static final Path ROOT = TestFederation.ROOT;
    static final Path WORK = Path.of("target", "federation").toAbsolutePath();
    static final Path FERRY = WORK.resolve("ferry");
    static final Duration DELIVERY = Duration.ofSeconds(60);
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static NodeProcess municipal;

    @BeforeAll
    static void startFederation() throws Exception {
        federation = new TestFederation(WORK);
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, Map.of());
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3,
                Map.of());
        municipal = federation.start("municipal", "140600", provincial.baseUrl(),
                SignatureAlgorithm.ECDSA_P256_SHA256, Map.of());
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            n.awaitReady(Duration.ofMinutes(4));
        }
    }

    @AfterAll
    static void stop() {
        for (NodeProcess n : new NodeProcess[] {municipal, provincial, national}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachNodeReportsItsOwnLevelAndId() {
        check(national, "NATIONAL", "100000", null);
        check(provincial, "PROVINCIAL", "140000", national.baseUrl());
        check(municipal, "MUNICIPAL", "140600", provincial.baseUrl());
    }

    @Test
    @Order(2)
    void aTokenFromOneNodeIsNotAcceptedByAnother() {
        String nationalToken = national.http().login("admin", NodeContract.ADMIN_PASSWORD).token();
        Http.Reply r = municipal.http().withToken(nationalToken).get("/api/node");
        assertEquals(401, r.status(), "a national token must not open the municipal node: " + r);
        assertEquals(200, national.http().withToken(nationalToken).get("/api/node").status());
    }

    @Test
    @Order(3)
    void theNationalDirectoryReachesEveryNode() throws Exception {
        // a malformed list of schema versions is refused field by field
        Http.Reply bad = admin(national).post("/api/exchange/directory/nodes", Json.createObjectBuilder()
                .add("nodeId", "140600").add("name", "朔州").add("baseUrl", municipal.baseUrl())
                .add("schemaVersions", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "ping")
                        .add("versions", Json.createArrayBuilder().add(0)))).build().toString());
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.body().contains("schemaVersions[0].versions") && bad.body().contains("certificatePem"),
                bad.toString());
        federation.register(national, "140000", "山西省城市运行管理服务平台", provincial, "HTTP");
        // the city is registered with the versions its release reports (here the same release as the national node)
        JsonArray cityReads = admin(municipal).get("/api/exchange/status").json().getJsonArray("schemaVersions");
        assertTrue(cityReads.toString().contains("{\"type\":\"basicdata.report\",\"versions\":[1,2]}"),
                cityReads.toString());
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal.baseUrl(), "HTTP", cityReads);
        for (NodeProcess n : List.of(provincial, municipal)) {
            federation.awaitDirectory(n, 3, 3, DELIVERY, national, provincial, municipal);
        }
    }

    @Test
    @Order(4)
    void aPackageGoesDownThroughTheProvinceAndOneComesBackUp() throws Exception {
        String down = ping(national, "140600", "国家 → 朔州");
        awaitAcknowledged(national, down, "FORWARDED");
        JsonObject atCity = awaitIncoming(municipal, down);
        assertEquals("100000", atCity.getString("sender"));
        assertEquals("140000", atCity.getString("hopFrom"), "the package must come through the province");
        assertEquals("APPLIED", atCity.getString("status"));
        JsonObject atProvince = awaitIncoming(provincial, down);
        assertEquals("FORWARDED", atProvince.getString("status"));

        String up = ping(municipal, "100000", "朔州 → 国家");
        awaitAcknowledged(municipal, up, "FORWARDED");
        assertEquals("140000", awaitIncoming(national, up).getString("hopFrom"));
        checkWithOpenSsl(national, up);

        Http.Reply metrics = national.http().send("GET", "/metrics", null, null);
        assertTrue(metrics.body().contains("cityops_exchange_outbox_packages"), "exchange gauges in /metrics");
        for (NodeProcess n : List.of(national, provincial, municipal)) {
            JsonObject v = admin(n).get("/api/exchange/log/verification").json();
            assertTrue(v.get("firstBrokenSeq") == null || v.isNull("firstBrokenSeq"), "log chain broken: " + v);
            assertTrue(v.getJsonNumber("checked").longValue() >= 1, v.toString());
        }
    }

    @Test
    @Order(5)
    void packagesForAKilledReceiverAreDeliveredOnceAfterItReturns() {
        municipal.kill();
        List<String> ids = Stream.of("1", "2", "3", "4", "5").map(i -> ping(national, "140600", "outage " + i)).toList();
        // the province accepts them and keeps retrying the dead city
        for (String id : ids) {
            awaitAcknowledged(national, id, "FORWARDED");
        }
        Await.until("province retrying the city", DELIVERY,
                () -> admin(provincial).get("/api/exchange/outbox?status=RETRYING&peer=140600"),
                r -> r.status() == 200 && r.json().getJsonNumber("total").longValue() >= 1);
        municipal.restart().awaitReady(Duration.ofMinutes(3));
        for (String id : ids) {
            assertEquals("APPLIED", awaitIncoming(municipal, id).getString("status"));
        }
        Http city = admin(municipal);
        long copies = city.get("/api/exchange/inbox?size=500").structure().asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(o -> ids.contains(o.getString("id"))).count();
        assertEquals(ids.size(), copies, "each package stored exactly once");
    }

    @Test
    @Order(6)
    void theFileFerryCarriesPackagesAndReceipts() throws Exception {
        // from now on the province reaches the city through the one-way gateway directories
        federation.register(national, "140600", "朔州市城市运行管理服务平台", municipal, "FERRY");
        Await.until("city reached by ferry at the province", DELIVERY,
                () -> admin(provincial).get("/api/exchange/directory"),
                r -> r.body().contains("\"transport\":\"FERRY\""));
        String id = ping(national, "140600", "经网闸");
        JsonObject atCity = awaitIncoming(municipal, id);
        assertEquals("FERRY", atCity.getString("transport"));
        Await.until("province's forward acknowledged by ferry receipt", DELIVERY,
                () -> admin(provincial).get("/api/exchange/outbox/" + id),
                r -> r.status() == 200 && "ACKNOWLEDGED".equals(r.json().getJsonObject("pkg").getString("status")));
        assertTrue(Files.exists(FERRY.resolve("140600/.done/" + id + ".pkg.json")), "read file moved to .done");
    }

    /**
     * The independent check: the city's P-256 signature on a package the national node stored, exported with
     * {@code pki.sh export-package} and verified by OpenSSL alone (signature, then the chain to the SM2 root).
     */
    @Test
    @Order(7)
    void anOperatorPausesSendingAndResumesIt() throws Exception {
        Http leader = federation.user(municipal, "pause-leader", "领导", "leader", "Pause-Leader-2026");
        assertEquals(403, leader.post("/api/exchange/outbox/pause", "{}").status(), "only a system administrator");
        Http.Reply paused = admin(municipal).post("/api/exchange/outbox/pause", "{}");
        assertEquals(200, paused.status(), paused.body());
        assertTrue(paused.json().getBoolean("deliveryPaused"));
        assertTrue(admin(municipal).get("/api/exchange/status").json().getBoolean("deliveryPaused"));
        String id = ping(municipal, "140000", "paused");
        // a negative assertion: three polls of the outbox that began after the package was queued leave it alone
        long polls = admin(municipal).get("/api/exchange/status").json().getJsonNumber("deliveryPolls").longValue();
        Await.until("three more outbox polls", Duration.ofSeconds(30), () -> admin(municipal)
                .get("/api/exchange/status").json().getJsonNumber("deliveryPolls").longValue(), n -> n >= polls + 3);
        JsonObject held = admin(municipal).get("/api/exchange/outbox/" + id).json().getJsonObject("pkg");
        assertEquals("READY", held.getString("status"), held.toString());
        assertEquals(0, held.getInt("attempts"), held.toString());

        Http.Reply resumed = admin(municipal).post("/api/exchange/outbox/resume", "{}");
        assertEquals(200, resumed.status(), resumed.body());
        assertFalse(resumed.json().getBoolean("deliveryPaused"));
        awaitAcknowledged(municipal, id, "ACCEPTED");
    }

    static void checkWithOpenSsl(NodeProcess node, String id) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("openssl", "version").start().waitFor() == 0, "openssl missing");
        Http.Reply wire = admin(node).send("GET", "/api/exchange/inbox/" + id + "/wire", null, null);
        assertEquals(200, wire.status(), wire.toString());
        Path dir = WORK.resolve("audit-" + id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("wire.json"), wire.body());
        Files.copy(WORK.resolve("ca/root.pem"), dir.resolve("root.pem"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = cn.cityops.exchange.pki.PkiTool.run(new String[] {"export-package", "--wire",
            dir.resolve("wire.json").toString(), "--out-dir", dir.toString()}, new java.io.PrintStream(out),
                new java.io.PrintStream(out), Map.of());
        assertEquals(0, exit, out.toString());
        assertEquals(0, openssl(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.der", "-content",
                "package.canonical.json", "-noverify", "-out", "/dev/null"), "openssl cms -verify");
        assertEquals(0, openssl(dir, "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "root.pem",
                "signer.pem"), "openssl verify of the signer's chain to the SM2 root");
        Files.writeString(dir.resolve("package.canonical.json"), " ", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(openssl(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.der", "-content",
                "package.canonical.json", "-noverify", "-out", "/dev/null") != 0, "a changed byte must fail");
    }

    static int openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start().waitFor();
    }

    static String ping(NodeProcess from, String to, String text) {
        return federation.ping(from, to, text, 1);
    }

    static void awaitAcknowledged(NodeProcess node, String id, String outcome) {
        JsonObject d = explained(() -> Await.until(id + " acknowledged at " + node.baseUrl(), DELIVERY,
                () -> admin(node).get("/api/exchange/outbox/" + id),
                r -> r.status() == 200 && "ACKNOWLEDGED".equals(r.json().getJsonObject("pkg").getString("status"))))
                .json();
        assertEquals(outcome, d.getJsonObject("pkg").getString("receiptOutcome"), d.toString());
    }

    static JsonObject awaitIncoming(NodeProcess node, String id) {
        Http.Reply r = explained(() -> Await.until(id + " received at " + node.baseUrl(), DELIVERY,
                () -> admin(node).get("/api/exchange/inbox?size=500"),
                x -> x.status() == 200 && x.body().contains(id) && !x.body().contains("\"WAITING\"")));
        return r.structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
    }

    static <T> T explained(java.util.function.Supplier<T> wait) {
        return federation.explained(new NodeProcess[] {national, provincial, municipal}, wait);
    }

    static Http admin(NodeProcess n) {
        return federation.admin(n);
    }

    private static void check(NodeProcess node, String level, String id, String parentUrl) {
        Http admin = admin(node);
        JsonObject info = admin.get("/api/node").json();
        assertEquals(level, info.getString("level"), info.toString());
        assertEquals(id, info.getString("id"));
        if (parentUrl != null) {
            assertEquals(parentUrl, info.getString("parentUrl"));
        }
        JsonObject ready = node.http().get("/health/ready").json();
        assertEquals("UP", ready.getString("status"));
    }
}
