package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


import cn.cityops.core.persistence.Jdbc;
import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.pkg.BatchDocument;
import cn.cityops.exchange.pkg.BatchReceipts;
import cn.cityops.exchange.pkg.BatchReceipts.Entry;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.exchange.verify.PackageVerifier;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's batch path (SPEC.md §13.3) against a real PostgreSQL (the exchange tables of V4 in a scratch schema
 * of the database named by {@code CITYOPS_TEST_DB_URL}, which deploy/test.sh provides; skipped without it): the real
 * {@link Inbox}, {@link InboxStore}, {@link MessageLog} and {@link Outbox}, a container transaction simulated per
 * {@code REQUIRES_NEW} call (commit on return, roll back on an exception), real signatures.
 */
class InboxBatchTest {

    @TempDir
    static Path dir;

    static ScratchDatabase db;
    static TestPki pki;
    static CmsSigner province;
    static CmsSigner national;

    Inbox inbox;
    Jdbc jdbc;

    @BeforeAll
    static void database() throws Exception {
        db = new ScratchDatabase("inbox_batch", "CREATE TABLE ping_applied (n bigserial PRIMARY KEY, text text NOT NULL)");
        pki = new TestPki(dir);
        province = pki.signer("140000");
        national = pki.signer("100000");
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    static <T> T tx(ScratchDatabase.Work<T> w) throws Exception {
        return db.tx(w);
    }

    @BeforeEach
    void node() throws Exception {
        jdbc = db.jdbc();
        var node = TestPki.node("100000");
        ExchangeStats stats = new ExchangeStats();
        ExchangeKeys keys = pki.keys(national);
        MessageLog log = new MessageLog();
        log.jdbc = jdbc;
        ExchangeSettings settings = new ExchangeSettings() {
            @Override
            public int batchAcceptMax() {
                return 1000;
            }

            @Override
            public int batchAcceptMaxBytes() {
                return 32 << 20;
            }

            @Override
            public int maxPackageBytes() {
                return 10 << 20;
            }

            @Override
            public Duration freshness() {
                return Duration.ofHours(168);
            }
        };
        Outbox outbox = new Outbox();
        outbox.jdbc = jdbc;
        outbox.log = log;
        outbox.settings = settings;
        outbox.node = node;
        InboxStore store = new InboxStore() {
            @Override
            public List<Stored> storeBatch(List<BatchItem> items, NodeId hop, String transport, int ms)
                    throws Exception {
                return tx(() -> super.storeBatch(items, hop, transport, ms));
            }

            @Override
            public Stored store(VerifiedPackage v, NodeId hop, String transport, int ms) throws Exception {
                return tx(() -> super.store(v, hop, transport, ms));
            }

            @Override
            public void rejected(UUID id, String sender, String hop, String type, RejectionCode code, String reason,
                    int size, String transport, int ms) {
                try {
                    tx(() -> {
                        super.rejected(id, sender, hop, type, code, reason, size, transport, ms);
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        store.jdbc = jdbc;
        store.outbox = outbox;
        store.log = log;
        store.node = node;
        store.handler(new PackageHandler() {
            @Override
            public String type() {
                return "ping";
            }

            @Override
            public void apply(VerifiedPackage pkg) {
                String text = pkg.pkg().payload().getString("text");
                // in the storing transaction, like a real handler: rolled back with it
                jdbc.update("INSERT INTO ping_applied (text) VALUES (?)", text);
                if (text.startsWith("boom")) {
                    throw new IllegalStateException("handler failed on " + text);
                }
            }
        });
        NodeDirectory directory = new NodeDirectory() {
            @Override
            public NodeId nextHop(NodeId receiver) {
                return NodeId.of("140000");
            }

            @Override
            public boolean knows(NodeId id) {
                return true;
            }

            @Override
            public boolean onRoute(NodeId sender, NodeId receiver) {
                return false;
            }
        };
        ReceiptSigner receipts = new ReceiptSigner();
        receipts.node = node;
        receipts.keys = keys;
        receipts.stats = stats;
        inbox = new Inbox();
        inbox.node = node;
        inbox.settings = settings;
        inbox.keys = keys;
        inbox.directory = directory;
        inbox.store = store;
        inbox.receipts = receipts;
        inbox.stats = stats;
        tx(() -> jdbc.update("DELETE FROM ping_applied"));
    }

    static DataPackage ping(String text, UUID id, String correlation, Long seq) {
        return DataPackage.create(id == null ? UUID.randomUUID() : id, "ping", 1, NodeId.of("140000"),
                NodeId.NATIONAL, correlation, seq, Json.createObjectBuilder().add("text", text).build(),
                Instant.now());
    }

    static byte[] wire(DataPackage p) {
        return new SignedPackage(p, province.signDetached(p.canonicalBytes())).toWire();
    }

    /** Posts a batch to the inbox and reads back the signed batch receipt as the sender would. */
    List<Entry> post(byte[]... wires) throws Exception {
        SignedPackage receipt = inbox.receiveBatch(BatchDocument.write(List.of(wires)), "HTTP");
        PackageVerifier senderSide = new PackageVerifier(NodeId.of("140000"), 10 << 20, Duration.ofHours(1),
                PackageTypes.standard(), () -> pki.trust, id -> true, (s, r) -> false, Clock.systemUTC());
        VerifiedPackage v = senderSide.verify(receipt.toWire());
        assertEquals(NodeId.NATIONAL, v.envelope().sender());
        assertEquals(BatchReceipts.TYPE, v.envelope().type());
        List<Entry> entries = BatchReceipts.read(v.pkg()).entries();
        assertEquals(wires.length, entries.size(), "one entry per element");
        return entries;
    }

    /** What the handler applied (committed), in order. */
    List<String> applied() {
        return jdbc.query("SELECT text FROM ping_applied ORDER BY n", rs -> rs.getString(1));
    }

    long count(String sql) {
        return jdbc.one(sql, rs -> rs.getLong(1)).orElseThrow();
    }

    String status(UUID id) {
        return jdbc.one("SELECT status FROM exchange_inbox WHERE id = ?", rs -> rs.getString(1), id).orElse(null);
    }

    @Test
    void mixedBatchOneTransactionEveryElementAnsweredInOrder() throws Exception {
        DataPackage before = ping("sent before", null, "ping", null);
        assertEquals(Outcome.ACCEPTED, post(wire(before)).get(0).outcome());
        long logBefore = count("SELECT seq FROM exchange_message_log_head");
        long rejectionsBefore = count("SELECT count(*) FROM exchange_rejection");

        DataPackage a = ping("a", null, "ping", null);
        DataPackage conflict = ping("other content, same id", a.envelope().id(), "ping", null);
        byte[] forged = new String(wire(ping("forged", null, "ping", null)), StandardCharsets.UTF_8)
                .replace("\"text\":\"forged\"", "\"text\":\"FORGED\"").getBytes(StandardCharsets.UTF_8);
        DataPackage b = ping("b", null, "ping", null);
        List<Entry> e = post(wire(a), wire(a), wire(before), forged, "{\"package\":{}}".getBytes(
                StandardCharsets.UTF_8), wire(conflict), wire(b));

        assertEquals(List.of(Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.REJECTED,
                Outcome.REJECTED, Outcome.REJECTED, Outcome.ACCEPTED), e.stream().map(Entry::outcome).toList());
        assertEquals(a.envelope().id(), e.get(0).refPackageId());
        assertEquals(a.digest(), e.get(0).refDigest());
        assertEquals(a.envelope().id(), e.get(1).refPackageId());
        assertEquals(before.envelope().id(), e.get(2).refPackageId());
        assertEquals(RejectionCode.SIG_INVALID.name(), e.get(3).code(), e.get(3).reason());
        assertNull(e.get(4).refPackageId(), "unreadable element: reported by its index");
        assertEquals(4, e.get(4).index());
        assertEquals(RejectionCode.PKG_MALFORMED.name(), e.get(4).code());
        assertEquals(RejectionCode.PKG_ID_CONFLICT.name(), e.get(5).code());
        assertEquals(b.envelope().id(), e.get(6).refPackageId());

        assertEquals(List.of("sent before", "a", "b"), applied(), "applied once each, duplicates not again");
        assertEquals("APPLIED", status(a.envelope().id()));
        assertEquals("APPLIED", status(b.envelope().id()));
        assertEquals(rejectionsBefore + 2, count("SELECT count(*) FROM exchange_rejection"), "forged + unreadable");
        assertEquals(logBefore + 7, count("SELECT seq FROM exchange_message_log_head"), "one log entry per element");
        assertEquals(java.util.Optional.empty(), log().verify().firstBrokenSeq(), "hash chain intact");
    }

    MessageLog log() {
        MessageLog l = new MessageLog();
        l.jdbc = jdbc;
        return l;
    }

    @Test
    void aFailingHandlerDoesNotHoldBackTheOtherPackagesOfItsBatch() throws Exception {
        DataPackage one = ping("one", null, "ping", null);
        DataPackage boom = ping("boom", null, "ping", null);
        DataPackage two = ping("two", null, "ping", null);
        List<Entry> e = post(wire(one), wire(boom), wire(two));

        assertEquals(Outcome.ACCEPTED, e.get(0).outcome());
        assertEquals(Outcome.REJECTED, e.get(1).outcome());
        assertEquals(BatchReceipts.PROCESSING_FAILED, e.get(1).code());
        assertEquals(true, e.get(1).retryable(), "the sender retries it");
        assertEquals(Outcome.ACCEPTED, e.get(2).outcome());
        assertEquals(List.of("one", "two"), applied(),
                "the batch transaction rolled back and the packages were stored one by one, each applied once");
        assertEquals("APPLIED", status(one.envelope().id()));
        assertNull(status(boom.envelope().id()), "nothing of the failed package was stored");
        assertEquals(java.util.Optional.empty(), log().verify().firstBrokenSeq());

        // sent again (the handler's cause is gone in real life; here: a duplicate of 'one' and a new package)
        List<Entry> again = post(wire(one), wire(ping("three", null, "ping", null)));
        assertEquals(List.of(Outcome.DUPLICATE, Outcome.ACCEPTED), again.stream().map(Entry::outcome).toList());
    }

    @Test
    void streamOrderInsideABatchAndAcrossBatches() throws Exception {
        String stream = "T-" + UUID.randomUUID();
        List<Entry> e = post(wire(ping("s3", null, stream, 3L)), wire(ping("s1", null, stream, 1L)),
                wire(ping("s2", null, stream, 2L)), wire(ping("s5", null, stream, 5L)));
        assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED),
                e.stream().map(Entry::outcome).toList(), "an early package is accepted and waits");
        assertEquals(List.of("s1", "s2", "s3"), applied(), "applied in sequence, the gap (4) holds 5 back");
        assertEquals(1, count("SELECT count(*) FROM exchange_inbox WHERE status = 'WAITING' AND correlation_id = '"
                + stream + "'"));
        post(wire(ping("s4", null, stream, 4L)));
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5"), applied(), "filling the gap releases the waiting one");
    }

    @Test
    void aDocumentThatIsNoBatchOrNamesNobodyIsRefusedAsAWhole() {
        assertThrows(Inbox.UnreadableBatch.class, () -> inbox.receiveBatch("{\"pkgs\":[]}".getBytes(
                StandardCharsets.UTF_8), "HTTP"));
        assertThrows(Inbox.UnreadableBatch.class, () -> inbox.receiveBatch("{\"packages\":[1,{}]}".getBytes(
                StandardCharsets.UTF_8), "HTTP"));
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("1".getBytes(StandardCharsets.UTF_8));
        }
        assertThrows(cn.cityops.exchange.pkg.PackageTooLargeException.class,
                () -> inbox.receiveBatch(BatchDocument.write(many), "HTTP"));
    }
}
