package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import cn.cityops.exchange.pkg.BatchReceipts.Entry;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.model.node.NodeId;

class BatchReceiptsTest {

    private static final NodeId PROVINCE = NodeId.of("140000");
    private static final NodeId CITY = NodeId.of("140600");
    private static final Instant RECEIVED = Instant.parse("2026-11-21T08:00:01.001Z");
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:01.050Z");
    private static final String DIGEST = "sha256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    static List<Entry> mixed() {
        return List.of(new Entry(0, UUID.randomUUID(), DIGEST, Outcome.ACCEPTED, null, "applied"),
                new Entry(1, UUID.randomUUID(), DIGEST, Outcome.DUPLICATE, null, "already received"),
                new Entry(2, UUID.randomUUID(), DIGEST, Outcome.FORWARDED, null, "forwarded towards 100000"),
                Entry.rejected(3, UUID.randomUUID(), RejectionCode.SIG_INVALID, "signature does not verify"),
                Entry.rejected(4, null, RejectionCode.PKG_MALFORMED, "element 4: package: is required"),
                new Entry(5, UUID.randomUUID(), null, Outcome.REJECTED, BatchReceipts.PROCESSING_FAILED,
                        "handler failed"));
    }

    @Test
    void oneEntryPerElementRoundTripsInOrderAndMatchesTheSchema() throws Exception {
        List<Entry> entries = mixed();
        DataPackage receipt = BatchReceipts.create(CITY, PROVINCE, entries, RECEIVED, NOW);
        Envelope e = receipt.envelope();
        assertEquals(BatchReceipts.TYPE, e.type());
        assertEquals(CITY, e.sender());
        assertEquals(PROVINCE, e.receiver());
        assertEquals(e.id().toString(), e.correlationId());
        assertTrue(e.sequence().isEmpty());
        assertEquals(List.of(), PackageTypes.standard().validate(BatchReceipts.TYPE, 1, receipt.payload()));

        BatchReceipts.BatchReceiptView view = BatchReceipts.read(DataPackage.fromJson(receipt.toJson()));
        assertEquals(RECEIVED, view.receivedAt());
        assertEquals(entries, view.entries());
        assertFalse(view.entries().get(0).retryable());
        assertFalse(view.entries().get(3).retryable(), "SIG_INVALID goes to the dead letters");
        assertTrue(view.entries().get(5).retryable(), "PROCESSING_FAILED is retried");
        assertNull(view.entries().get(4).refPackageId(), "an unreadable element is reported by its index");
    }

    @Test
    void codeExactlyWhenRejectedAndIndexesInOrder() {
        assertThrows(IllegalArgumentException.class, () -> new Entry(0, null, null, Outcome.REJECTED, null, ""));
        assertThrows(IllegalArgumentException.class, () -> new Entry(0, null, null, Outcome.ACCEPTED, "SIG_INVALID",
                ""));
        assertThrows(IllegalArgumentException.class, () -> new Entry(0, null, null, Outcome.REJECTED, "NO_SUCH", ""));
        assertThrows(IllegalArgumentException.class, () -> BatchReceipts.payload(List.of(
                new Entry(1, null, null, Outcome.ACCEPTED, null, "")), RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> BatchReceipts.payload(List.of(), RECEIVED));
    }

    @Test
    void readRefusesEntriesOutOfOrderOrWithAWrongCode() throws Exception {
        DataPackage good = BatchReceipts.create(CITY, PROVINCE, mixed(), RECEIVED, NOW);
        JsonObject p = good.payload();
        var swapped = Json.createArrayBuilder().add(p.getJsonArray("entries").get(1))
                .add(p.getJsonArray("entries").get(0)).build();
        DataPackage bad = DataPackage.create("receipt.batch", 1, CITY, PROVINCE, "c", null,
                Json.createObjectBuilder(p).add("entries", swapped).build(), NOW);
        MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> BatchReceipts.read(bad));
        assertEquals("/entries/0/index: must be 0 (entries are in request order)", e.getMessage());

        var accepted = Json.createObjectBuilder(p.getJsonArray("entries").getJsonObject(0)).add("code", "PKG_STALE");
        DataPackage coded = DataPackage.create("receipt.batch", 1, CITY, PROVINCE, "c", null,
                Json.createObjectBuilder(p).add("entries", Json.createArrayBuilder().add(accepted)).build(), NOW);
        e = assertThrows(MalformedPackageException.class, () -> BatchReceipts.read(coded));
        assertEquals("/entries/0/code: must be absent unless the outcome is REJECTED", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchReceipts.read(DataPackageTest.sample()));
    }
}
