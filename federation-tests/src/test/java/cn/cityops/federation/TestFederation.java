package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pki.FederationCa;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.exchange.pki.NodeKeyStore;
import cn.cityops.exchange.pki.Pem;
import cn.cityops.model.node.NodeId;
import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A federation PKI in a work directory and the nodes enrolled in it, started as separate processes the way
 * deploy/federation.sh does: key and certificate installed before the first start, file-ferry directories under
 * {@code <work>/ferry} (every node writes to {@code ferry/<next hop>/}, which is that node's incoming directory — the
 * identity gateway), and the national directory entries registered over REST.
 */
final class TestFederation {

    static final Path ROOT = Path.of(System.getProperty("it.repo.root", "..")).toAbsolutePath().normalize();

    final Path work;
    final FederationCa ca;
    private final Map<String, Http> admins = new ConcurrentHashMap<>();
    private final Map<String, Path> certificates = new ConcurrentHashMap<>();
    /** Each started node's database, by its base URL. */
    private final Map<String, String> databases = new ConcurrentHashMap<>();

    /** Database name prefix: each node's database is {@code <prefix><level>} (deploy/test.sh creates them). */
    private final String dbPrefix;

    TestFederation(Path work) throws Exception {
        this(work, "cityops_fed_", SignatureAlgorithm.SM2_SM3);
    }

    TestFederation(Path work, String dbPrefix) throws Exception {
        this(work, dbPrefix, SignatureAlgorithm.SM2_SM3);
    }

    TestFederation(Path work, SignatureAlgorithm rootAlgorithm) throws Exception {
        this(work, "cityops_fed_", rootAlgorithm);
    }

    /** A federation whose root CA uses {@code rootAlgorithm} (a federation picks one suite, SPEC.md §7.2). */
    TestFederation(Path work, String dbPrefix, SignatureAlgorithm rootAlgorithm) throws Exception {
        this.work = work;
        this.dbPrefix = dbPrefix;
        deleteTree(work);
        ca = FederationCa.init(work.resolve("ca"), rootAlgorithm, "ca-secret".toCharArray(), Duration.ofDays(3650));
    }

    /** Enrols and starts a node; {@code extraEnv} overrides the exchange settings. */
    NodeProcess start(String level, String id, String parentUrl, SignatureAlgorithm alg, Map<String, String> extraEnv)
            throws Exception {
        return start(level, id, parentUrl, alg, extraEnv, dbPrefix + level, work.resolve(level));
    }

    /** As {@link #start(String, String, String, SignatureAlgorithm, Map)} on the database {@code db}. */
    NodeProcess start(String level, String id, String parentUrl, SignatureAlgorithm alg, Map<String, String> extraEnv,
            String db) throws Exception {
        return start(level, id, parentUrl, alg, extraEnv, db, work.resolve(level));
    }

    /** As above, against database {@code db} of the test cluster, with the node's files in {@code dir}. */
    NodeProcess start(String level, String id, String parentUrl, SignatureAlgorithm alg, Map<String, String> extraEnv,
            String db, Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(NodeProcess.testEnv(db,
                NodeId.NATIONAL.value().equals(id) ? null : id, parentUrl, dir.toFile()));
        NodeKeyStore ks = NodeKeyStore.openOrCreate(Path.of(env.get("CITYOPS_KEYSTORE_PATH")),
                env.get("CITYOPS_KEYSTORE_PASSWORD").toCharArray(), "node-" + id + "-jwt");
        NodeIdentity identity = NodeIdentity.of(id);
        var cert = ca.issue(Pem.readCsr(ks.createExchangeKey(identity, alg)), identity, Duration.ofDays(365));
        ks.installExchangeCertificate(cert, ca.rootCertificate());
        Path certFile = dir.resolve("exchange-cert.pem");
        Files.writeString(certFile, Pem.toPem(cert));
        certificates.put(id, certFile);
        env.put("CITYOPS_EXCHANGE_FERRY_OUTGOING", work.resolve("ferry").toString());
        env.put("CITYOPS_EXCHANGE_FERRY_INCOMING", work.resolve("ferry").resolve(id).toString());
        env.put("CITYOPS_EXCHANGE_POLL_MS", "100");
        env.put("CITYOPS_EXCHANGE_BACKOFF_INITIAL_MS", "500");
        env.put("CITYOPS_EXCHANGE_BACKOFF_MAX_SECONDS", "3");
        env.put("CITYOPS_EXCHANGE_MAX_ATTEMPTS", "1000");
        env.putAll(extraEnv);
        NodeProcess node = NodeProcess.start(ROOT, level, env, dir);
        databases.put(node.baseUrl(), db);
        return node;
    }

    /** The database a node started by this federation uses. */
    String database(NodeProcess node) {
        return databases.get(node.baseUrl());
    }

    /**
     * Enrols a node that is never started: it gets a certificate, so the national operators can enter it in the
     * directory, but it never sends anything (e.g. a city that never reports).
     */
    void enrolSilent(String id, SignatureAlgorithm alg) throws Exception {
        Path dir = work.resolve("silent-" + id);
        Files.createDirectories(dir);
        NodeKeyStore ks = NodeKeyStore.openOrCreate(dir.resolve("node-keystore.p12"), "silent-node".toCharArray(),
                "node-" + id + "-jwt");
        NodeIdentity identity = NodeIdentity.of(id);
        var cert = ca.issue(Pem.readCsr(ks.createExchangeKey(identity, alg)), identity, Duration.ofDays(365));
        Path certFile = dir.resolve("exchange-cert.pem");
        Files.writeString(certFile, Pem.toPem(cert));
        certificates.put(id, certFile);
    }

    /** The national operators enter a node in the directory (HTTP or FERRY). */
    void register(NodeProcess national, String id, String name, NodeProcess node, String transport) throws Exception {
        register(national, id, name, node.baseUrl(), transport);
    }

    /** As above for a node reached at {@code baseUrl} (e.g. one enrolled with {@link #enrolSilent}). */
    void register(NodeProcess national, String id, String name, String baseUrl, String transport) throws Exception {
        register(national, id, name, baseUrl, transport, null);
    }

    /** As above, with the schema versions the node reads ({@code null}: as the national node's). */
    void register(NodeProcess national, String id, String name, String baseUrl, String transport,
            JsonArray schemaVersions) throws Exception {
        JsonObjectBuilder b = Json.createObjectBuilder().add("nodeId", id).add("name", name).add("baseUrl", baseUrl)
                .add("transport", transport).add("certificatePem", Files.readString(certificates.get(id)));
        if (schemaVersions != null) {
            b.add("schemaVersions", schemaVersions);
        }
        Http.Reply r = admin(national).post("/api/exchange/directory/nodes", b.build().toString());
        assertEquals(200, r.status(), r.toString());
    }

    /** An account with one role created by the node's admin (200 when it exists already), logged in. */
    Http user(NodeProcess node, String name, String display, String role, String password) {
        Http.Reply r = admin(node).post("/api/admin/users", Json.createObjectBuilder().add("username", name)
                .add("displayName", display).add("password", password)
                .add("roles", Json.createArrayBuilder().add(role)).build().toString());
        assertTrue(r.status() == 201 || r.status() == 200, r.toString());
        return node.http().login(name, password);
    }

    /** Stops the nodes that were started, in the order given (cities first). */
    static void stop(NodeProcess... nodes) {
        for (NodeProcess n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    /** Waits until {@code node} holds a directory of at least {@code version} with {@code nodes} entries. */
    void awaitDirectory(NodeProcess node, long version, int nodes, Duration timeout, NodeProcess... all) {
        explained(all, () -> Await.until("directory v" + version + " at " + node.baseUrl(), timeout,
                () -> admin(node).get("/api/exchange/directory"),
                r -> r.status() == 200 && r.json().getJsonNumber("version").longValue() >= version
                        && r.json().getJsonArray("nodes").size() == nodes));
    }

    /** Runs a wait; a timeout is rethrown with {@link #diagnose} of {@code nodes} appended. */
    <T> T explained(NodeProcess[] nodes, java.util.function.Supplier<T> wait) {
        try {
            return wait.get();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnose(nodes), e);
        }
    }

    /** Queues {@code count} case.batch packages of {@code records} synthetic case records each. */
    String caseBatches(NodeProcess from, String to, int count, int records) {
        Http.Reply r = admin(from).post("/api/exchange/ping", Json.createObjectBuilder().add("receiver", to)
                .add("count", count).add("caseRecords", records).build().toString());
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("id");
    }

    /** Queues {@code count} pings; returns the first package id. */
    String ping(NodeProcess from, String to, String text, int count) {
        Http.Reply r = admin(from).post("/api/exchange/ping", Json.createObjectBuilder().add("receiver", to)
                .add("text", text).add("count", count).build().toString());
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("id");
    }

    JsonObject totals(NodeProcess node) {
        return admin(node).get("/api/exchange/status").json().getJsonObject("totals");
    }

    static long total(JsonObject totals, String key) {
        return totals.containsKey(key) ? totals.getJsonNumber(key).longValue() : 0;
    }

    /** An administrator session per node (tokens survive a restart: the key store stays). */
    Http admin(NodeProcess n) {
        return admins.computeIfAbsent(n.baseUrl(), u -> n.http().login("admin", NodeContract.ADMIN_PASSWORD));
    }

    /**
     * One line per node of what its exchange shows — packages not yet acknowledged (status, attempts, last error) and
     * the latest rejections — appended to a timed-out wait so that a CI failure says where a package got stuck.
     */
    String diagnose(NodeProcess... nodes) {
        StringBuilder b = new StringBuilder();
        for (NodeProcess n : nodes) {
            b.append(" | ").append(n.baseUrl()).append(':');
            try {
                Http admin = admin(n);
                for (String status : List.of("READY", "SENDING", "RETRYING", "WAITING_RECEIPT", "FAILED")) {
                    for (JsonValue v : admin.get("/api/exchange/outbox?size=5&status=" + status).json()
                            .getJsonArray("items")) {
                        JsonObject o = v.asJsonObject();
                        b.append(" out[").append(o.getString("type")).append("→").append(o.getString("receiver"))
                                .append(' ').append(status).append(" x").append(o.getInt("attempts")).append(' ')
                                .append(text(o, "lastCode")).append(' ').append(clip(text(o, "lastError"))).append(']');
                    }
                }
                b.append(" directory v").append(admin.get("/api/exchange/directory").json().get("version"));
                for (JsonValue v : admin.get("/api/exchange/inbox?size=20").structure().asJsonArray()) {
                    JsonObject o = v.asJsonObject();
                    if (o.getString("type").equals("directory.update")) {
                        b.append(" in[directory.update from ").append(text(o, "sender")).append(" #")
                                .append(text(o, "sequence")).append(" → ").append(text(o, "receiver")).append(' ')
                                .append(text(o, "status")).append(']');
                    }
                }
                JsonArray rejections = admin.get("/api/exchange/rejections?size=5").structure().asJsonArray();
                for (JsonValue v : rejections) {
                    JsonObject o = v.asJsonObject();
                    b.append(" rejected[").append(text(o, "type")).append(" from ").append(text(o, "hopFrom"))
                            .append(' ').append(text(o, "code")).append(' ').append(clip(text(o, "reason")))
                            .append(']');
                }
            } catch (RuntimeException | AssertionError e) {
                b.append(" (no answer: ").append(clip(String.valueOf(e.getMessage()))).append(')');
            }
        }
        return b.toString();
    }

    private static String text(JsonObject o, String key) {
        return o.containsKey(key) && !o.isNull(key) ? o.get(key).toString().replace("\"", "") : "-";
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
