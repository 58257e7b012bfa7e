package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.cityops.model.node.NodeId;

class DataPackageTest {

    static final NodeId NATIONAL = NodeId.of("100000");
    static final NodeId SHUOZHOU = NodeId.of("140600");
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00.123456Z");
    static final String EMPTY_SHA256 = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    static JsonObject payload() {
        return Json.createObjectBuilder()
                .add("taskId", "T-2026-0042")
                .add("title", "冬季道路积雪清除专项督查")
                .add("percent", 60)
                .add("figures", Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", "12.5")))
                .build();
    }

    static DataPackage sample() {
        return DataPackage.create("task.issue", 1, NATIONAL, SHUOZHOU, "T-2026-0042", 3L, payload(), NOW);
    }

    @Test
    void createFillsTheEnvelope() {
        DataPackage p = sample();
        Envelope e = p.envelope();
        assertEquals(Envelope.PROTOCOL, e.protocol());
        assertEquals("task.issue", e.type());
        assertEquals(1, e.schemaVersion());
        assertEquals(NATIONAL, e.sender());
        assertEquals(SHUOZHOU, e.receiver());
        assertEquals(Instant.parse("2026-11-21T08:00:00.123Z"), e.createdAt());
        assertEquals("T-2026-0042", e.correlationId());
        assertEquals(OptionalLong.of(3), e.sequence());
        assertEquals("100000/T-2026-0042", e.streamKey());
        assertEquals(0, e.protocolMinor());
        assertTrue(p.payloadDigestMatches());
        assertEquals(payload(), p.payload());
        assertEquals("2026-11-21T08:00:00.123Z", p.toJson().getString("createdAt"));
        assertEquals(e.id().toString(), p.toJson().getString("id"));
        assertNotEquals(e.id(), sample().envelope().id(), "each package gets a new random id");
    }

    @Test
    void payloadDigestIsSha256OfTheCanonicalPayload() throws Exception {
        DataPackage p = sample();
        assertEquals(CanonicalJson.sha256Digest(CanonicalJson.bytes(payload())), p.envelope().payloadDigest());
        assertEquals(CanonicalJson.sha256Digest(p.canonicalBytes()), p.digest());
    }

    @Test
    void roundTripKeepsCanonicalBytes() throws Exception {
        for (Long sequence : new Long[] {null, 1L, CanonicalJson.MAX_SAFE_INTEGER}) {
            DataPackage created = DataPackage.create("ping", 1, SHUOZHOU, NATIONAL, "bench:42", sequence,
                    Json.createObjectBuilder().add("text", "你好 \"world\"\n").build(), NOW);
            byte[] canonical = created.canonicalBytes();
            JsonObject reparsed = JsonReading.parseObject(canonical, 8);
            DataPackage read = DataPackage.fromJson(reparsed);
            assertArrayEquals(canonical, read.canonicalBytes());
            assertEquals(created.envelope(), read.envelope());
            assertEquals(created.digest(), read.digest());
            assertEquals(created, read);
            assertTrue(read.payloadDigestMatches());
            assertEquals(sequence == null, read.envelope().sequence().isEmpty());
            assertEquals(created.toJson(), DataPackage.fromJson(created.toJson()).toJson());
        }
    }

    @Test
    void canonicalBytesAreACopy() {
        DataPackage p = sample();
        byte[] b = p.canonicalBytes();
        b[0] = 'X';
        assertEquals('{', p.canonicalBytes()[0]);
        assertEquals(b.length, p.canonicalLength());
    }

    @Test
    void detectsATamperedPayload() throws Exception {
        JsonObject tampered = Json.createObjectBuilder(sample().toJson())
                .add("payload", Json.createObjectBuilder(payload()).add("percent", 100)).build();
        DataPackage p = DataPackage.fromJson(tampered);
        assertFalse(p.payloadDigestMatches());
        assertFalse(p.payloadDigestMatches(), "cached answer");
    }

    @Test
    void createRefusesBadInput() {
        JsonObject fractional = Json.createObjectBuilder().add("x", new BigDecimal("0.5")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataPackage.create("ping", 1,
                NATIONAL, SHUOZHOU, "c", null, fractional, NOW));
        assertTrue(e.getMessage().startsWith("payload: /x: number 0.5 is not an integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DataPackage.create("Ping", 1, NATIONAL, SHUOZHOU, "c", null, payload(), NOW));
        assertThrows(IllegalArgumentException.class,
                () -> DataPackage.create("ping", 0, NATIONAL, SHUOZHOU, "c", null, payload(), NOW));
        assertThrows(IllegalArgumentException.class,
                () -> DataPackage.create("ping", 1, NATIONAL, SHUOZHOU, "with space", null, payload(), NOW));
        assertThrows(IllegalArgumentException.class,
                () -> DataPackage.create("ping", 1, NATIONAL, SHUOZHOU, "c", 0L, payload(), NOW));
        assertThrows(IllegalArgumentException.class, () -> DataPackage.create("ping", 1, NATIONAL, SHUOZHOU, "c",
                null, payload(), Instant.parse("+10000-01-01T00:00:00Z")));
    }

    static JsonObject mutate(UnaryOperator<JsonObjectBuilder> change) {
        return change.apply(Json.createObjectBuilder(sample().toJson())).build();
    }

    static Arguments bad(String field, RejectionCode code, UnaryOperator<JsonObjectBuilder> change) {
        return Arguments.of(field, code, change);
    }

    static Stream<Arguments> malformedEnvelopes() {
        RejectionCode m = RejectionCode.PKG_MALFORMED;
        RejectionCode p = RejectionCode.PKG_UNSUPPORTED_PROTOCOL;
        return Stream.of(
                bad("protocol", m, b -> b.remove("protocol")),
                bad("protocol", m, b -> b.add("protocol", 1)),
                bad("protocol", p, b -> b.add("protocol", "cityops-exchange/2")),
                bad("protocol", p, b -> b.add("protocol", "cityops-exchange/0.9")),
                bad("protocol", p, b -> b.add("protocol", "x-road/1")),
                bad("protocol", p, b -> b.add("protocol", "cityops-exchange/01")),
                bad("id", m, b -> b.remove("id")),
                bad("id", m, b -> b.add("id", "3F0C8F5E-9A51-4C1B-8D0E-6B7A2F4C9D10")),
                bad("id", m, b -> b.add("id", "1-2-3-4-5")),
                bad("id", m, b -> b.add("id", 42)),
                bad("type", m, b -> b.remove("type")),
                bad("type", m, b -> b.add("type", "Task.Issue")),
                bad("type", m, b -> b.add("type", "task..issue")),
                bad("type", m, b -> b.add("type", "a".repeat(65))),
                bad("type", m, b -> b.addNull("type")),
                bad("schemaVersion", m, b -> b.remove("schemaVersion")),
                bad("schemaVersion", m, b -> b.add("schemaVersion", 0)),
                bad("schemaVersion", m, b -> b.add("schemaVersion", "1")),
                bad("schemaVersion", m, b -> b.add("schemaVersion", 2147483648L)),
                bad("sender", m, b -> b.remove("sender")),
                bad("sender", m, b -> b.add("sender", "12345")),
                bad("sender", m, b -> b.add("sender", "140602")),
                bad("sender", m, b -> b.add("sender", 100000)),
                bad("receiver", m, b -> b.remove("receiver")),
                bad("receiver", m, b -> b.add("receiver", "1406000")),
                bad("receiver", m, b -> b.add("receiver", "990000")),
                bad("createdAt", m, b -> b.remove("createdAt")),
                bad("createdAt", m, b -> b.add("createdAt", "2026-11-21T08:00:00Z")),
                bad("createdAt", m, b -> b.add("createdAt", "2026-11-21T08:00:00.123456Z")),
                bad("createdAt", m, b -> b.add("createdAt", "2026-11-21T16:00:00.000+08:00")),
                bad("createdAt", m, b -> b.add("createdAt", "2026-02-30T08:00:00.000Z")),
                bad("createdAt", m, b -> b.add("createdAt", "2026-11-21t08:00:00.000z")),
                bad("createdAt", m, b -> b.add("createdAt", 1763712000000L)),
                bad("correlationId", m, b -> b.remove("correlationId")),
                bad("correlationId", m, b -> b.add("correlationId", "")),
                bad("correlationId", m, b -> b.add("correlationId", "x".repeat(129))),
                bad("correlationId", m, b -> b.add("correlationId", "task 42")),
                bad("correlationId", m, b -> b.add("correlationId", "任务")),
                bad("sequence", m, b -> b.add("sequence", 0)),
                bad("sequence", m, b -> b.add("sequence", -1)),
                bad("sequence", m, b -> b.add("sequence", "1")),
                bad("sequence", m, b -> b.addNull("sequence")),
                bad("payloadDigest", m, b -> b.remove("payloadDigest")),
                bad("payloadDigest", m, b -> b.add("payloadDigest", "sha256:abc")),
                bad("payloadDigest", m, b -> b.add("payloadDigest", "sha1:" + EMPTY_SHA256)),
                bad("payloadDigest", m, b -> b.add("payloadDigest", "sha256:" + EMPTY_SHA256.replace('-', '+'))),
                bad("payload", m, b -> b.remove("payload")),
                bad("payload", m, b -> b.add("payload", Json.createArrayBuilder())),
                bad("payload", m, b -> b.add("payload", "{}")),
                bad("extra", m, b -> b.add("extra", true)));
    }

    @ParameterizedTest(name = "{0} {1} #{index}")
    @MethodSource("malformedEnvelopes")
    void refusesEveryMalformedEnvelopeFieldNamingIt(String field, RejectionCode code,
            UnaryOperator<JsonObjectBuilder> change) {
        MalformedPackageException e = assertThrows(MalformedPackageException.class,
                () -> DataPackage.fromJson(mutate(change)));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void protocolIsCheckedBeforeTheOtherFields() {
        MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> DataPackage.fromJson(
                Json.createObjectBuilder().add("protocol", "cityops-exchange/2").add("somethingNew", 1).build()));
        assertEquals(RejectionCode.PKG_UNSUPPORTED_PROTOCOL, e.code());
        assertTrue(e.getMessage().contains("this node speaks cityops-exchange/1"), e.getMessage());
    }

    @Test
    void aLaterMinorVersionIsAcceptedAndItsNewMembersAreKeptAndSigned() throws Exception {
        JsonObject newer = mutate(b -> b.add("protocol", "cityops-exchange/1.1").add("priority", "HIGH"));
        DataPackage p = DataPackage.fromJson(newer);
        assertEquals(1, p.envelope().protocolMinor());
        assertEquals("cityops-exchange/1.1", p.envelope().protocol());
        assertTrue(new String(p.canonicalBytes(), StandardCharsets.UTF_8).contains("\"priority\":\"HIGH\""));
        assertTrue(p.payloadDigestMatches());
        assertEquals(newer, p.toJson());
    }

    @Test
    void malformedPackagesCarryWhatAReceiptNeeds() {
        JsonObject bad = mutate(b -> b.add("createdAt", "yesterday"));
        MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> DataPackage.fromJson(bad));
        assertEquals(UUID.fromString(bad.getString("id")), e.packageId().orElseThrow());
        assertEquals(NATIONAL, e.sender().orElseThrow());
        assertTrue(e.packageDigest().orElseThrow().startsWith("sha256:"));

        MalformedPackageException noId = assertThrows(MalformedPackageException.class,
                () -> DataPackage.fromJson(mutate(b -> b.add("id", "nope").add("sender", "x"))));
        assertTrue(noId.packageId().isEmpty());
        assertTrue(noId.sender().isEmpty());
    }

    @Test
    void fractionalNumbersInThePayloadAreMalformed() {
        JsonObject bad = mutate(b -> b.add("payload", Json.createObjectBuilder().add("amount",
                Json.createValue(new BigDecimal("12.50")))));
        MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> DataPackage.fromJson(bad));
        assertEquals(RejectionCode.PKG_MALFORMED, e.code());
        assertTrue(e.getMessage().startsWith("/payload/amount: number 12.50 is not an integer"), e.getMessage());
    }

    @Test
    void envelopeConstructorValidates() {
        Envelope e = sample().envelope();
        assertThrows(IllegalArgumentException.class, () -> new Envelope("cityops-exchange/2", e.id(), e.type(),
                e.schemaVersion(), e.sender(), e.receiver(), e.createdAt(), e.correlationId(), e.sequence(),
                e.payloadDigest()));
        assertThrows(IllegalArgumentException.class, () -> new Envelope(e.protocol(), e.id(), e.type(),
                e.schemaVersion(), e.sender(), e.receiver(), NOW, e.correlationId(), e.sequence(),
                e.payloadDigest()));
        assertThrows(NullPointerException.class, () -> new Envelope(e.protocol(), e.id(), e.type(),
                e.schemaVersion(), e.sender(), e.receiver(), e.createdAt(), e.correlationId(), null,
                e.payloadDigest()));
        assertEquals(JsonValue.ValueType.OBJECT, sample().toJson().get("payload").getValueType());
        assertEquals(UUID.class, e.id().getClass());
    }

    @Test
    void timestampsHaveExactlyMilliseconds() {
        assertEquals("2026-11-21T08:00:00.000Z", Timestamps.format(Instant.parse("2026-11-21T08:00:00Z")));
        assertEquals("0001-01-01T00:00:00.999Z", Timestamps.format(Instant.parse("0001-01-01T00:00:00.999999Z")));
        assertEquals(Instant.parse("2028-02-29T23:59:59.999Z"), Timestamps.parse("2028-02-29T23:59:59.999Z"));
        assertFalse(Timestamps.isValid("2026-02-29T00:00:00.000Z"));
        assertFalse(Timestamps.isValid("2026-11-21T24:00:00.000Z"));
        assertFalse(Timestamps.isValid("2026-11-21T08:00:60.000Z"));
        assertFalse(Timestamps.isValid(null));
    }
}
