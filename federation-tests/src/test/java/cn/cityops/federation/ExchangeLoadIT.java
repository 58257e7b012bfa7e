package cn.cityops.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * receives, SM2 keys, real HTTP, both on this machine). Not part of the CI run: {@code deploy/exchange-load.sh} runs it
 * and merges the figures into docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "exchange.load", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExchangeLoadIT {

    static final Path WORK = Path.of("target", "exchange-load").toAbsolutePath();
    static final int BENCH_PACKAGES = Integer.getInteger("exchange.bench.packages", 3000);
    static final int DRILL_PACKAGES = Integer.getInteger("exchange.drill.packages", 10_000);
    static final StringBuilder REPORT = new StringBuilder();
    static TestFederation federation;
    static NodeProcess national;
    static NodeProcess provincial;

    @BeforeAll
    static void start() throws Exception {
        federation = new TestFederation(WORK);
        Map<String, String> tuned = Map.of("CITYOPS_EXCHANGE_POLL_MS", "50", "CITYOPS_EXCHANGE_SENDERS", "8",
                "CITYOPS_EXCHANGE_BATCH_SIZE", "400");
        String flags = System.getProperty("node.test.jvm");
        national = federation.start("national", "100000", null, SignatureAlgorithm.SM2_SM3, tuned);
        provincial = federation.start("provincial", "140000", national.baseUrl(), SignatureAlgorithm.SM2_SM3, tuned);
        national.awaitReady(Duration.ofMinutes(4));
        provincial.awaitReady(Duration.ofMinutes(4));
        federation.register(national, "140000", "山西省", provincial, "HTTP");
        federation.awaitDirectory(provincial, 2, 2, Duration.ofMinutes(1));
        REPORT.append("Node JVM flags: `").append(flags == null ? "(testkit default)" : flags).append("`.\n\n");
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

    @Test
    @Order(1)
    void throughputOfSmallSignedPackages() throws Exception {
        long before = acknowledged();
        long t0 = System.nanoTime();
        federation.ping(provincial, "100000", "bench", BENCH_PACKAGES);
        double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
        Await.until("all acknowledged", Duration.ofMinutes(10), ExchangeLoadIT::acknowledged,
                n -> n >= before + BENCH_PACKAGES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Integer> latencies = latencies();
        double[] rates = rawCrypto();
        double rate = BENCH_PACKAGES / seconds;
        REPORT.append("### Signed packages provincial → national over HTTP\n\n")
                .append(String.format("| measure | value |%n|---|---|%n"))
                .append(String.format("| packages (ping, ~600 B signed) | %d |%n", BENCH_PACKAGES))
                .append(String.format("| queued in one transaction | %.1f s |%n", enqueueSeconds))
                .append(String.format("| queued → all receipts back | %.1f s → **%.0f packages/s** (target ≥ 1,000/s) |%n",
                        seconds, rate))
                .append(String.format("| per package, sign → HTTP → verify → store → signed receipt → verify: p50 / p99"
                        + " | %d ms / %d ms |%n", pct(latencies, 50), pct(latencies, 99)))
                .append(String.format("| raw BouncyCastle CMS, one core, same run: SM2 sign / verify | %.0f/s / %.0f/s |%n",
                        rates[0], rates[1]))
                .append(String.format("| raw BouncyCastle CMS, one core, same run: P-256 sign / verify | %.0f/s / %.0f/s |%n",
                        rates[2], rates[3]))
                .append(String.format("%nEach package costs two signatures (package, receipt) and two verifications"
                        + " (receipt checked by the sender too): the raw SM2 rates bound the pipeline at about"
                        + " %.0f packages/s on two cores if crypto were the only cost; the pipeline reached %.0f%%"
                        + " of that.%n%n", bound(rates), 100 * rate / bound(rates)));
    }

    @Test
    @Order(2)
    void faultDrillKillsTheReceiverThreeTimesAndRestartsTheDatabase() throws Exception {
        String pg = System.getProperty("it.pg.control");
        long ackBefore = acknowledged();
        long storedBefore = stored();
        long t0 = System.nanoTime();
        int chunk = DRILL_PACKAGES / 10;
        for (int i = 0; i < 10; i++) {
            federation.ping(provincial, "100000", "drill", chunk);
        }
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
        REPORT.append("### Fault drill\n\n")
                .append(String.format("%d packages queued at the sender; the receiver was killed with SIGKILL three"
                        + " times and the database cluster restarted once while they flowed.%n%n", DRILL_PACKAGES));
        events.forEach(e -> REPORT.append("- ").append(e).append('\n'));
        REPORT.append(String.format("%n| sent | acknowledged | stored & applied at the receiver | duplicates received"
                + " (acknowledged again, not applied) | duplicates applied | lost | dead letters | duration |%n"
                + "|---|---|---|---|---|---|---|---|%n| %d | %d | %d | %d | %d | %d | %d | %.0f s |%n%n",
                DRILL_PACKAGES, acknowledged, storedNow, duplicates, storedNow - DRILL_PACKAGES < 0 ? 0
                        : storedNow - DRILL_PACKAGES, Math.max(0, DRILL_PACKAGES - storedNow), failed, seconds));
        assertEquals(DRILL_PACKAGES, acknowledged, "every package acknowledged");
        assertEquals(DRILL_PACKAGES, storedNow, "every package stored and applied exactly once");
        assertEquals(0, failed);
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

    static List<Integer> latencies() {
        List<Integer> out = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            JsonObject r = federation.admin(provincial).get("/api/exchange/outbox?status=ACKNOWLEDGED&size=500&page="
                    + page).json();
            for (JsonValue v : r.getJsonArray("items")) {
                JsonObject o = v.asJsonObject();
                if (!o.isNull("latencyMs")) {
                    out.add(o.getInt("latencyMs"));
                }
            }
            if (r.getJsonArray("items").size() < 500) {
                break;
            }
        }
        Collections.sort(out);
        return out;
    }

    static int pct(List<Integer> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    /** Two signatures and two verifications per package, spread over two cores. */
    static double bound(double[] r) {
        return 2 / (2 / r[0] + 2 / r[1]);
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
