package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.exchange.pki.NodeKeyStore;
import cn.cityops.testkit.Await;
import cn.cityops.testkit.NodeProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Exchange throughput benchmark and fault drill between two real nodes (provincial 140000 sends, national 100000
 * receives, real HTTP with the batch binding, both on this machine): small signed packages per second for a P-256 and
 * an SM2 federation, batched {@code case.batch} packages (case records per second), end-to-end latency, the share of
 * time per stage (from the nodes' {@code time.*Nanos} totals) and the raw BouncyCastle rates of the same run; then the
 * fault drill. Not part of the CI run: {@code deploy/exchange-load.sh} runs it and merges the figures into
 * docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "exchange.load", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExchangeLoadIT {

    static final Path WORK = Path.of("target", "exchange-load").toAbsolutePath();
    static final int BENCH_PACKAGES = Integer.getInteger("exchange.bench.packages", 5000);
    static final int DRILL_PACKAGES = Integer.getInteger("exchange.drill.packages", 10_000);
    static final int CASE_PACKAGES = Integer.getInteger("exchange.case.packages", 300);
    static final int CASE_RECORDS = Integer.getInteger("exchange.case.records", 1000);
    /**
     * Pings sent before a measured ping run. With 600 the C2 compiler was still busy during the run (JFR: 4–6 s of
     * compilation per node inside a 9 s run) and a warm verification costs a third of a cold one.
     */
    static final int WARM_UP = Integer.getInteger("exchange.load.warmup", 6000);
    static final StringBuilder REPORT = new StringBuilder();
    /**
     * The benchmark's exchange settings; the retry delays are the defaults a node runs with (the other tests cap them
     * at 3 s): with 3 s the drill's sender re-signed and re-sent its whole backlog every few seconds while the receiver
     * was down, and the receiver's restarts took three times as long on the shared cores.
     */
    static final Map<String, String> TUNED = Map.of("CITYOPS_EXCHANGE_POLL_MS", "50", "CITYOPS_EXCHANGE_SENDERS", "8",
            "CITYOPS_EXCHANGE_BATCH_SIZE", "1600", "CITYOPS_EXCHANGE_BATCH_MAX", "200",
            "CITYOPS_EXCHANGE_HTTP_TIMEOUT_SECONDS", "15", "CITYOPS_EXCHANGE_BACKOFF_INITIAL_MS", "2000",
            "CITYOPS_EXCHANGE_BACKOFF_MAX_SECONDS", "600");
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;
    static double[] rates;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK);
        String flags = System.getProperty("node.test.jvm");
        REPORT.append("Node JVM flags: `").append(flags == null ? "(testkit default)" : flags).append("`; exchange"
                + " settings: poll 50 ms, 8 sender threads, batches of up to 200 packages (`cityops.exchange.batch-max`)"
                + " — 1,600 claimed when all threads are idle, and a thread that becomes free claims its share (200)"
                + " at once; HTTP timeout 15 s (a package left in SENDING by a crash is sent again after 2 × 15 + 10"
                + " s).\n\n");
        rates = rawCrypto();
    }

    /** Starts the SM2 pair (provincial → national) once. */
    static void sm2Pair() throws Exception {
        if (national != null) {
            return;
        }
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, TUNED);
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3, TUNED);
        national.awaitReady(Duration.ofMinutes(4));
        provincial.awaitReady(Duration.ofMinutes(4));
        federation.register(national, "140000", "山西省", provincial, "HTTP");
        federation.awaitDirectory(provincial, 2, 2, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess n : new NodeProcess[] {provincial, national}) {
            if (n != null) {
                n.close();
            }
        }
        Files.writeString(Path.of("target", "exchange-load.md"), REPORT.toString(), StandardCharsets.UTF_8);
        System.out.println(REPORT);
    }

    /** What one load run measured. */
    record Run(String label, int packages, int recordsPerPackage, double enqueueSeconds, double seconds,
            List<Integer> endToEnd, List<Integer> perAttempt, Map<String, Long> senderTime,
            Map<String, Long> receiverTime, Cpu senderCpu, Cpu receiverCpu, double cpuSeconds) {

        double rate() {
            return packages / seconds;
        }
    }

    @Test
    @Order(1)
    void smallSignedPackagesP256() throws Exception {
        TestFederation p256 = new TestFederation(WORK.resolve("p256"), SignatureAlgorithm.ECDSA_P256_SHA256);
        NodeProcess nat = p256.start("national", "100000", null, SignatureAlgorithm.ECDSA_P256_SHA256, TUNED,
                "cityops_fed_national_p256");
        NodeProcess prov = p256.start("provincial", "140000", nat.baseUrl(), SignatureAlgorithm.ECDSA_P256_SHA256,
                TUNED, "cityops_fed_provincial_p256");
        try {
            nat.awaitReady(Duration.ofMinutes(4));
            prov.awaitReady(Duration.ofMinutes(4));
            p256.register(nat, "140000", "山西省", prov, "HTTP");
            p256.awaitDirectory(prov, 2, 2, Duration.ofMinutes(1));
            warmUp(p256, prov);
            Run run = load(p256, prov, nat, "P-256", BENCH_PACKAGES, 0);
            report(run, 2 / (1 / rates[2] + 1 / rates[3]), "P-256 sign " + Math.round(rates[2]) + "/s, verify "
                    + Math.round(rates[3]) + "/s");
        } finally {
            prov.close();
            nat.close();
        }
    }

    @Test
    @Order(2)
    void smallSignedPackagesSm2() throws Exception {
        sm2Pair();
        warmUp(federation, provincial);
        Run run = load(federation, provincial, national, "SM2", BENCH_PACKAGES, 0);
        report(run, 2 / (1 / rates[0] + 1 / rates[1]), "SM2 sign " + Math.round(rates[0]) + "/s, verify "
                + Math.round(rates[1]) + "/s");
    }

    @Test
    @Order(3)
    void batchedCaseReportsSm2() throws Exception {
        sm2Pair();
        // warm-up with the same load, then the measured backlog: queued while the sender's delivery is paused
        // (building 1,000-record payloads is slower than shipping them, so otherwise the enqueue would be measured),
        // drained after it resumes — signing included, as every package is signed at its first attempt
        load(federation, provincial, national, "SM2", 20, CASE_RECORDS, null, null);
        Run run = load(federation, provincial, national, "SM2", CASE_PACKAGES, CASE_RECORDS,
                () -> delivery(provincial, "pause"), () -> delivery(provincial, "resume"));
        double records = (double) CASE_PACKAGES * CASE_RECORDS;
        REPORT.append(String.format("### case.batch packages (%,d case records each), SM2%n%n", CASE_RECORDS))
                .append(String.format("| measure | value |%n|---|---|%n"))
                .append(String.format("| packages × records | %,d × %,d = %,.0f records (%.0f KB per signed package) |%n",
                        CASE_PACKAGES, CASE_RECORDS, records, avgKb(provincial)))
                .append(String.format("| queued (business side: schema check, canonical form, outbox insert) | %.1f s"
                        + " |%n", run.enqueueSeconds()))
                .append(String.format("| backlog drained: first attempt started → last receipt back (sending"
                        + " paused while they were queued) | %.2f s → **%,.0f case records/s** (%.1f packages/s;"
                        + " target ≥ 40,000 records/s) |%n", run.seconds(), records / run.seconds(), run.rate()))
                .append(String.format("| per attempt (sign → batch POST → receipt verified): p50 / p99 | %d ms / %d ms"
                        + " |%n", pct(run.perAttempt(), 50), pct(run.perAttempt(), 99)));
        REPORT.append("\n").append(stages(run)).append("\n");
    }

    @Test
    @Order(4)
    void faultDrillKillsTheReceiverThreeTimesAndRestartsTheDatabase() throws Exception {
        sm2Pair();
        String pg = System.getProperty("it.pg.control");
        long ackBefore = acknowledged();
        long storedBefore = stored();
        long t0 = System.nanoTime();
        int chunk = DRILL_PACKAGES / 10;
        // queued while sending is paused, so that the kills below fall while the packages flow (otherwise most of
        // them would be delivered before the queueing ends)
        delivery(provincial, "pause");
        for (int i = 0; i < 10; i++) {
            federation.ping(provincial, "100000", "drill", chunk);
        }
        delivery(provincial, "resume");
        List<String> events = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            long target = storedBefore + (long) DRILL_PACKAGES * round / 4;
            Await.until("receiver stored " + target, Duration.ofMinutes(5), ExchangeLoadIT::storedOrZero,
                    n -> n >= target);
            long storedAtKill = storedOrZero() - storedBefore;
            national.kill();
            events.add(String.format("%.0f s: SIGKILL of the receiver after %d of the drill's packages were stored",
                    (System.nanoTime() - t0) / 1e9, storedAtKill));
            if (round == 2 && pg != null) {
                run(pg + " stop");
                run(pg + " start");
                events.add(String.format("%.0f s: database cluster stopped and started", (System.nanoTime() - t0) / 1e9));
            }
            national.restart().awaitReady(Duration.ofMinutes(4));
        }
        Await.until("all acknowledged", Duration.ofMinutes(15), ExchangeLoadIT::acknowledged,
                n -> n >= ackBefore + DRILL_PACKAGES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonObject sender = federation.totals(provincial);
        JsonObject receiver = federation.totals(national);
        long acknowledged = TestFederation.total(sender, "outbox.ACKNOWLEDGED") - ackBefore;
        long storedNow = TestFederation.total(receiver, "inbox.APPLIED") - storedBefore;
        long failed = TestFederation.total(sender, "outbox.FAILED");
        long duplicates = TestFederation.total(receiver, "duplicatesReceived");
        REPORT.append("### Fault drill (batch binding on)\n\n")
                .append(String.format("%d packages queued at the sender; the receiver was killed with SIGKILL three"
                        + " times and the database cluster restarted once while they flowed.%n%n", DRILL_PACKAGES));
        events.forEach(e -> REPORT.append("- ").append(e).append('\n'));
        REPORT.append(String.format("%n| sent | acknowledged | stored & applied at the receiver | duplicates received"
                + " (acknowledged again, not applied) | duplicates applied | lost | dead letters | duration |%n"
                + "|---|---|---|---|---|---|---|---|%n| %d | %d | %d | %d | %d | %d | %d | %.0f s |%n%n",
                DRILL_PACKAGES, acknowledged, storedNow, duplicates, storedNow - DRILL_PACKAGES < 0 ? 0
                        : storedNow - DRILL_PACKAGES, Math.max(0, DRILL_PACKAGES - storedNow), failed, seconds));
        var verification = federation.admin(national).get("/api/exchange/log/verification").json();
        REPORT.append("Receiver's message log after the drill: ").append(verification.getString("detail"))
                .append(" (").append(verification.getJsonNumber("checked").longValue()).append(" entries checked).\n\n");
        assertEquals(DRILL_PACKAGES, acknowledged, "every package acknowledged");
        assertEquals(DRILL_PACKAGES, storedNow, "every package stored and applied exactly once");
        assertEquals(0, failed);
        assertEquals("chain intact", verification.getString("detail"), "receiver's message log");
    }

    /** Pauses or resumes sending on a node (and checks that it took). */
    static void delivery(NodeProcess node, String what) {
        var r = federation.admin(node).post("/api/exchange/outbox/" + what, "{}");
        assertEquals(200, r.status(), r.body());
        assertEquals("pause".equals(what), r.json().getBoolean("deliveryPaused"), r.body());
    }

    /** {@link #WARM_UP} packages first, so that both JVMs have compiled the hot paths before the measured run. */
    static void warmUp(TestFederation fed, NodeProcess from) {
        long before = TestFederation.total(fed.totals(from), "outbox.ACKNOWLEDGED");
        fed.ping(from, "100000", "warm-up", WARM_UP);
        Await.until("warm-up acknowledged", Duration.ofMinutes(5),
                () -> TestFederation.total(fed.totals(from), "outbox.ACKNOWLEDGED"), n -> n >= before + WARM_UP);
    }

    /** Queues {@code packages} (pings, or case.batch packages of {@code records} records) and waits for all receipts. */
    static Run load(TestFederation fed, NodeProcess from, NodeProcess to, String label, int packages, int records)
            throws Exception {
        return load(fed, from, to, label, packages, records, null, null);
    }

    /**
     * Queues the packages ({@code beforeQueue} / {@code afterQueue} run around the queueing, e.g. to pause the
     * sender) and waits for all receipts. The exchange's time is measured from the start of the first attempt
     * that was acknowledged (its acknowledgement time minus its attempt latency) to the last receipt.
     */
    static Run load(TestFederation fed, NodeProcess from, NodeProcess to, String label, int packages, int records,
            Runnable beforeQueue, Runnable afterQueue) throws Exception {
        long before = TestFederation.total(fed.totals(from), "outbox.ACKNOWLEDGED");
        Map<String, Long> senderBefore = times(fed.totals(from));
        Map<String, Long> receiverBefore = times(fed.totals(to));
        if (beforeQueue != null) {
            beforeQueue.run();
        }
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        List<Instant> committed = new ArrayList<>();
        if (records == 0) {
            fed.ping(from, "100000", "bench", packages);
        } else {
            for (int left = packages; left > 0; left -= 25) {
                fed.caseBatches(from, "100000", Math.min(25, left), records);
                committed.add(Instant.now());
            }
        }
        Instant queued = Instant.now();
        double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
        if (afterQueue != null) {
            afterQueue.run();
        }
        long c0 = System.nanoTime();
        Cpu senderCpu0 = Cpu.of(from.pid(), fed.database(from));
        Cpu receiverCpu0 = Cpu.of(to.pid(), fed.database(to));
        Await.until("all acknowledged", Duration.ofMinutes(10),
                () -> TestFederation.total(fed.totals(from), "outbox.ACKNOWLEDGED"), n -> n >= before + packages);
        Cpu senderCpu = Cpu.of(from.pid(), fed.database(from)).minus(senderCpu0);
        Cpu receiverCpu = Cpu.of(to.pid(), fed.database(to)).minus(receiverCpu0);
        double cpuSeconds = (System.nanoTime() - c0) / 1e9;
        Map<String, Long> senderTime = delta(senderBefore, times(fed.totals(from)));
        Map<String, Long> receiverTime = delta(receiverBefore, times(fed.totals(to)));
        List<Integer> endToEnd = new ArrayList<>();
        List<Integer> perAttempt = new ArrayList<>();
        Instant last = queued;
        Instant first = null;
        for (JsonObject o : acknowledgedSince(fed, from, startedAt)) {
            Instant ack = Instant.parse(o.getString("acknowledgedAt"));
            Instant created = Instant.parse(o.getString("createdAt"));
            // visible to the sender once its enqueue transaction committed: the end of the ping call that made it
            Instant visible = records == 0 ? queued : committed.stream().filter(c -> !c.isBefore(created))
                    .findFirst().orElse(queued);
            endToEnd.add((int) Duration.between(visible, ack).toMillis());
            if (!o.isNull("latencyMs")) {
                perAttempt.add(o.getInt("latencyMs"));
                Instant began = ack.minusMillis(o.getInt("latencyMs"));
                first = first == null || began.isBefore(first) ? began : first;
            }
            last = ack.isAfter(last) ? ack : last;
        }
        Collections.sort(endToEnd);
        Collections.sort(perAttempt);
        // throughput of the exchange itself: from the start of the first successful attempt to the last receipt
        Instant from0 = first != null ? first : records == 0 ? queued : committed.get(0);
        double seconds = Math.max(0.001, Duration.between(from0, last).toMillis() / 1e3);
        return new Run(label, packages, records, enqueueSeconds, seconds, endToEnd, perAttempt, senderTime,
                receiverTime, senderCpu, receiverCpu, cpuSeconds);
    }

    static void report(Run run, double cryptoBound, String raw) {
        REPORT.append(String.format("### Small signed packages (ping), %s, provincial → national, batch binding%n%n",
                run.label()))
                .append(String.format("| measure | value |%n|---|---|%n"))
                .append(String.format("| packages (ping, ~1.4 KB signed) | %,d (after %,d warm-up packages) |%n",
                        run.packages(), WARM_UP))
                .append(String.format("| queued in one transaction | %.1f s |%n", run.enqueueSeconds()))
                .append(String.format("| first attempt started → last receipt back | %.2f s → **%,.0f packages/s**"
                        + " (target ≥ 1,000/s) |%n", run.seconds(), run.rate()))
                .append(String.format("| end-to-end latency, queue committed → acknowledged: p50 / p99 | %d ms / %d ms"
                        + " |%n", pct(run.endToEnd(), 50), pct(run.endToEnd(), 99)))
                .append(String.format("| per attempt (sign → batch POST → verify, store → signed batch receipt →"
                        + " verified): p50 / p99 | %d ms / %d ms |%n", pct(run.perAttempt(), 50),
                        pct(run.perAttempt(), 99)))
                .append(String.format("| raw BouncyCastle CMS, one core, same run | %s |%n", raw))
                .append(String.format("| crypto bound on 2 cores (1 sign + 1 verify per package; the batch receipt's"
                        + " sign + verify is shared by the batch) | %,.0f packages/s → pipeline reached **%.0f%%** |%n",
                        cryptoBound, 100 * run.rate() / cryptoBound));
        REPORT.append("\n").append(stages(run)).append("\n");
    }

    static final String[] STAGES = {"sign", "verify", "db", "http", "serve"};

    /** Time per stage on both nodes during the run: wall and CPU, as shares and per package. */
    static String stages(Run run) {
        long[] wall = stageRow(run, "time.");
        long[] cpu = stageRow(run, "cpu.");
        String[] names = {"crypto: sign packages (sender)", "crypto: verify packages (receiver)",
            "crypto: sign batch receipts (receiver)", "crypto: verify batch receipts (sender)",
            "database: record outcomes (sender)", "database: store + apply + message log (receiver)",
            "HTTP transport (sender's round trips minus the receiver's handling)",
            "receiver, other (split, building and writing the receipt)"};
        long wallTotal = java.util.Arrays.stream(wall).sum();
        long cpuTotal = java.util.Arrays.stream(cpu).sum();
        StringBuilder b = new StringBuilder();
        b.append("Time per stage on both nodes during the run (the nodes' `time.*Nanos` / `cpu.*Nanos` totals):"
                + " *wall* is thread time summed over all threads (on an oversubscribed machine it includes waiting for"
                + " a core, and for the database the time PostgreSQL works); *CPU* is the measuring thread's own CPU"
                + " time (PostgreSQL's CPU is not in it).\n\n")
                .append("| stage | wall s | wall share | CPU s | CPU share | CPU per package |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < names.length; i++) {
            b.append(String.format("| %s | %.2f | %.0f%% | %.2f | %.0f%% | %.3f ms |%n", names[i], wall[i] / 1e9,
                    100.0 * wall[i] / Math.max(1, wallTotal), cpu[i] / 1e9, 100.0 * cpu[i] / Math.max(1, cpuTotal),
                    cpu[i] / 1e6 / run.packages()));
        }
        b.append(String.format("| **all measured stages** | %.2f | | %.2f | | **%.3f ms** |%n", wallTotal / 1e9,
                cpuTotal / 1e9, cpuTotal / 1e6 / run.packages()));
        b.append(String.format("| **crypto / database / HTTP / other** | | **%.0f%% / %.0f%% / %.0f%% / %.0f%%** | |"
                + " **%.0f%% / %.0f%% / %.0f%% / %.0f%%** | |%n",
                share(wall, 0, 4), share(wall, 4, 6), share(wall, 6, 7), share(wall, 7, 8),
                share(cpu, 0, 4), share(cpu, 4, 6), share(cpu, 6, 7), share(cpu, 7, 8)));
        b.append(String.format("%nThe measured stages used %.1f CPU-seconds in %.1f s on 2 cores (%.0f%% of the machine);"
                + " machine load average at the end of the run: %s (other workloads share this machine).%n",
                cpuTotal / 1e9, run.seconds(), 100 * cpuTotal / 1e9 / (2 * run.seconds()), loadAverage()));
        Cpu s = run.senderCpu();
        Cpu r = run.receiverCpu();
        double whole = s.nodeMillis() + s.dbMillis() + r.nodeMillis() + r.dbMillis() + s.clientMillis();
        b.append(String.format("%nWhole processes over the drain (%.1f s, from /proc): sender node %.1f s + its"
                + " PostgreSQL %.1f s, receiver node %.1f s + its PostgreSQL %.1f s, benchmark JVM %.1f s → %.1f"
                + " CPU-seconds, **%.2f ms per package** (%.0f%% of 2 cores); the measured stages are %.0f%% of the"
                + " nodes' CPU (the rest: JSON of the batch bodies, HTTP server and client, connection pool, GC,"
                + " the JIT compiler).%n", run.cpuSeconds(), s.nodeMillis() / 1e3, s.dbMillis() / 1e3,
                r.nodeMillis() / 1e3, r.dbMillis() / 1e3, s.clientMillis() / 1e3, whole / 1e3,
                whole / run.packages(), 100 * whole / 1e3 / (2 * run.cpuSeconds()),
                100 * cpuTotal / 1e6 / Math.max(1, s.nodeMillis() + r.nodeMillis())));
        return b.toString();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " (1 min) / " + f[1] + " (5 min)";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double share(long[] v, int from, int to) {
        long total = java.util.Arrays.stream(v).sum();
        long part = 0;
        for (int i = from; i < to; i++) {
            part += v[i];
        }
        return 100.0 * part / Math.max(1, total);
    }

    /** sender sign, receiver verify, receiver sign, sender verify, sender db, receiver db, transport, receiver other. */
    static long[] stageRow(Run run, String prefix) {
        Map<String, Long> s = run.senderTime();
        Map<String, Long> r = run.receiverTime();
        long transport = Math.max(0, s.get(prefix + "http") - r.get(prefix + "serve"));
        if (prefix.equals("cpu.")) {
            transport = s.get("cpu.http"); // the client thread's own CPU while the request was out
        }
        long other = Math.max(0, r.get(prefix + "serve") - r.get(prefix + "sign") - r.get(prefix + "verify")
                - r.get(prefix + "db"));
        return new long[] {s.get(prefix + "sign"), r.get(prefix + "verify"), r.get(prefix + "sign"),
            s.get(prefix + "verify"), s.get(prefix + "db"), r.get(prefix + "db"), transport, other};
    }

    static Map<String, Long> times(JsonObject totals) {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String s : STAGES) {
            m.put("time." + s, TestFederation.total(totals, "time." + s + "Nanos"));
            m.put("cpu." + s, TestFederation.total(totals, "cpu." + s + "Nanos"));
        }
        return m;
    }

    static Map<String, Long> delta(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new java.util.HashMap<>();
        for (String k : b.keySet()) {
            m.put(k, b.get(k) - a.getOrDefault(k, 0L));
        }
        return m;
    }

    static double avgKb(NodeProcess from) {
        JsonObject r = federation.admin(from).get("/api/exchange/outbox?status=ACKNOWLEDGED&size=5").json();
        double sum = 0;
        int n = 0;
        for (JsonValue v : r.getJsonArray("items")) {
            sum += v.asJsonObject().getInt("sizeBytes");
            n++;
        }
        return n == 0 ? 0 : sum / n / 1024 + 1.1; // + the signature
    }

    static List<JsonObject> acknowledgedSince(TestFederation fed, NodeProcess from, Instant since) {
        List<JsonObject> out = new ArrayList<>();
        for (int page = 0; page < 40; page++) {
            JsonObject r = fed.admin(from).get("/api/exchange/outbox?status=ACKNOWLEDGED&size=500&page=" + page)
                    .json();
            boolean older = false;
            for (JsonValue v : r.getJsonArray("items")) {
                JsonObject o = v.asJsonObject();
                if (Instant.parse(o.getString("createdAt")).isBefore(since)) {
                    older = true;
                    continue;
                }
                out.add(o);
            }
            if (older || r.getJsonArray("items").size() < 500) {
                break;
            }
        }
        return out;
    }

    static long acknowledged() {
        return TestFederation.total(federation.totals(provincial), "outbox.ACKNOWLEDGED");
    }

    static long stored() {
        return TestFederation.total(federation.totals(national), "inbox.APPLIED");
    }

    static long storedOrZero() {
        try {
            return stored();
        } catch (RuntimeException | AssertionError e) {
            return 0;
        }
    }

    static int pct(List<Integer> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    /** CMS sign and verify rates, one thread, 2 s each, with the same 600-byte content shape. */
    static double[] rawCrypto() throws Exception {
        double[] out = new double[4];
        int i = 0;
        for (SignatureAlgorithm alg : List.of(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.ECDSA_P256_SHA256)) {
            Path ks = WORK.resolve("bench-" + alg + ".p12");
            NodeKeyStore store = NodeKeyStore.openOrCreate(ks, "bench".toCharArray(), "bench-jwt");
            NodeIdentity id = NodeIdentity.of("140700");
            var cert = federation.ca.issue(cn.cityops.exchange.pki.Pem.readCsr(store.createExchangeKey(id, alg)), id,
                    Duration.ofDays(1));
            store.installExchangeCertificate(cert, federation.ca.rootCertificate());
            var creds = store.exchangeCredentials().orElseThrow();
            CmsSigner signer = new CmsSigner(creds.key(), creds.certificate(), alg, Clock.systemUTC());
            byte[] content = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
            byte[] sig = signer.signDetached(content);
            out[i++] = rate(() -> signer.signDetached(content));
            out[i++] = rate(() -> CmsVerifier.verify(content, sig));
        }
        return out;
    }

    interface Op {
        void run() throws Exception;
    }

    static double rate(Op op) throws Exception {
        for (int w = 0; w < 300; w++) {
            op.run();
        }
        long n = 0;
        long end = System.nanoTime() + 2_000_000_000L;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static void run(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        if (p.waitFor() != 0) {
            throw new AssertionError(command + " failed");
        }
    }
}
