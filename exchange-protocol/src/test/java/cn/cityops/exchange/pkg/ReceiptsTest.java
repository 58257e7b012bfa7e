package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.Receipts.ReceiptView;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.model.node.NodeId;

class ReceiptsTest {

    private static final NodeId PROVINCE = NodeId.of("140000");
    private static final NodeId CITY = NodeId.of("140600");
    private static final Instant RECEIVED = Instant.parse("2026-11-21T08:00:01.001Z");
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:01.050Z");

    @Test
    void acceptedReceiptRoundTrip() throws Exception {
        DataPackage received = DataPackageTest.sample();
        NodeId previousHop = Routing.nextHop(CITY, received.envelope().sender());
        assertEquals(PROVINCE, previousHop);
        DataPackage receipt = Receipts.create(CITY, previousHop, received.envelope().id(), received.digest(),
                Outcome.ACCEPTED, null, "applied", RECEIVED, NOW);
        Envelope e = receipt.envelope();
        assertEquals(Receipts.TYPE, e.type());
        assertEquals(CITY, e.sender());
        assertEquals(PROVINCE, e.receiver());
        assertEquals(received.envelope().id().toString(), e.correlationId());
        assertTrue(e.sequence().isEmpty());

        ReceiptView view = Receipts.read(DataPackage.fromJson(receipt.toJson()));
        assertEquals(new ReceiptView(received.envelope().id(), received.digest(), Outcome.ACCEPTED, null, "applied",
                RECEIVED), view);
        assertFalse(view.rejected());
        assertTrue(view.outcome().delivered());
        assertFalse(receipt.payload().containsKey("code"));
        assertTrue(PackageTypes.standard().validate(Receipts.TYPE, 1, receipt.payload()).isEmpty());
    }

    @Test
    void rejectionOfAnUnreadablePackage() throws Exception {
        DataPackage receipt = Receipts.create(CITY, PROVINCE, null, null, Outcome.REJECTED,
                RejectionCode.PKG_MALFORMED, "malformed JSON at byte 0", RECEIVED, NOW);
        assertEquals(receipt.envelope().id().toString(), receipt.envelope().correlationId());
        ReceiptView view = Receipts.read(receipt);
        assertNull(view.refPackageId());
        assertNull(view.refDigest());
        assertTrue(view.rejected());
        assertEquals(RejectionCode.PKG_MALFORMED, view.code());
        assertTrue(receipt.payload().isNull("refPackageId"));
        assertTrue(PackageTypes.standard().validate(Receipts.TYPE, 1, receipt.payload()).isEmpty());
    }

    @Test
    void codeGoesWithRejectedOnly() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class,
                () -> Receipts.payload(id, null, Outcome.REJECTED, null, "x", RECEIVED));
        assertThrows(IllegalArgumentException.class,
                () -> Receipts.payload(id, null, Outcome.DUPLICATE, RejectionCode.PKG_STALE, "x", RECEIVED));
        assertThrows(IllegalArgumentException.class,
                () -> Receipts.payload(id, "sha256:short", Outcome.ACCEPTED, null, "x", RECEIVED));
    }

    @Test
    void longReasonsAreCut() {
        JsonObject p = Receipts.payload(UUID.randomUUID(), null, Outcome.REJECTED,
                RejectionCode.PAYLOAD_SCHEMA_INVALID, "问".repeat(5000), RECEIVED);
        String reason = p.getString("reason");
        assertEquals(Receipts.MAX_REASON_LENGTH, reason.codePointCount(0, reason.length()));
        assertTrue(reason.endsWith("…"));
        assertEquals("", Receipts.payload(null, null, Outcome.DUPLICATE, null, null, RECEIVED).getString("reason"));
        assertTrue(PackageTypes.standard().validate(Receipts.TYPE, 1, p).isEmpty());
    }

    @Test
    void readRefusesInconsistentPayloads() {
        String[][] cases = {
            {"{\"refPackageId\":null,\"refDigest\":null,\"outcome\":\"REJECTED\",\"reason\":\"\","
                    + "\"receivedAt\":\"2026-11-21T08:00:01.001Z\"}", "/code: is required"},
            {"{\"refPackageId\":null,\"refDigest\":null,\"outcome\":\"ACCEPTED\",\"code\":\"PKG_STALE\","
                    + "\"reason\":\"\",\"receivedAt\":\"2026-11-21T08:00:01.001Z\"}", "/code: must be absent"},
            {"{\"refPackageId\":null,\"refDigest\":null,\"outcome\":\"LOST\",\"reason\":\"\","
                    + "\"receivedAt\":\"2026-11-21T08:00:01.001Z\"}", "/outcome: must be one of"},
            {"{\"refDigest\":null,\"outcome\":\"ACCEPTED\",\"reason\":\"\","
                    + "\"receivedAt\":\"2026-11-21T08:00:01.001Z\"}", "/refPackageId: is required"},
            {"{\"refPackageId\":null,\"refDigest\":null,\"outcome\":\"ACCEPTED\",\"reason\":\"\","
                    + "\"receivedAt\":\"2026-11-21\"}", "/receivedAt: must be an RFC 3339"},
            {"{\"refPackageId\":null,\"refDigest\":null,\"outcome\":\"ACCEPTED\",\"reason\":\"\",\"x\":1,"
                    + "\"receivedAt\":\"2026-11-21T08:00:01.001Z\"}", "/x: is not allowed"},
        };
        for (String[] c : cases) {
            JsonObject payload = Json.createReader(new java.io.StringReader(c[0])).readObject();
            DataPackage receipt = DataPackage.create(Receipts.TYPE, 1, CITY, PROVINCE, "c", null, payload, NOW);
            MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> Receipts.read(receipt));
            assertEquals(RejectionCode.PAYLOAD_SCHEMA_INVALID, e.code());
            assertTrue(e.getMessage().startsWith(c[1]), c[1] + " / " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Receipts.read(DataPackageTest.sample()));
    }

    @Test
    void everyRejectionCodeHasAMeaningAndAStatus() {
        for (RejectionCode code : RejectionCode.values()) {
            assertFalse(code.meaning().isBlank());
            assertEquals(code == RejectionCode.PKG_TOO_LARGE ? 413 : 422, code.httpStatus());
        }
        assertEquals(17, RejectionCode.values().length);
        assertTrue(RejectionCode.PKG_UNKNOWN_SENDER.retryable());
        assertFalse(RejectionCode.SIG_INVALID.retryable());
    }
}
