package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class SignedPackageTest {

    private static final byte[] SIG = {0x30, (byte) 0x82, 0x01, 0x02, 0x03, (byte) 0xff, 0x7e};

    private static SignedPackage signed() {
        return new SignedPackage(DataPackageTest.sample(), SIG);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wireRoundTrip() throws Exception {
        SignedPackage s = signed();
        byte[] wire = s.toWire();
        SignedPackage back = SignedPackage.fromWire(wire, SignedPackage.DEFAULT_MAX_BYTES);
        assertEquals(s, back);
        assertEquals(s.hashCode(), back.hashCode());
        assertArrayEquals(SIG, back.signature());
        assertArrayEquals(s.pkg().canonicalBytes(), back.pkg().canonicalBytes());
        assertTrue(back.pkg().payloadDigestMatches());
    }

    @Test
    void wireDocumentIsItselfCanonical() throws Exception {
        byte[] wire = signed().toWire();
        assertArrayEquals(wire, CanonicalJson.bytes(JsonReading.parseObject(wire, 32)));
        String text = new String(wire, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"package\":{\"correlationId\":"), text);
        assertTrue(text.endsWith(",\"signature\":\"MIIBAgP/fg==\"}"), text);
    }

    @Test
    void acceptsAnyLayoutOfTheSameDocument() throws Exception {
        SignedPackage s = signed();
        JsonObject pkg = s.pkg().toJson();
        String pretty = "{\n  \"signature\" : \"MIIBAgP/fg==\",\n  \"package\" : " + pkg + "\n}\n";
        SignedPackage back = SignedPackage.fromWire(utf8(pretty), SignedPackage.DEFAULT_MAX_BYTES);
        assertEquals(s, back);
    }

    @Test
    void sizeLimitIsCheckedBeforeParsing() throws Exception {
        byte[] wire = signed().toWire();
        SignedPackage.fromWire(wire, wire.length);
        MalformedPackageException e = assertThrows(MalformedPackageException.class,
                () -> SignedPackage.fromWire(wire, wire.length - 1));
        PackageTooLargeException tooLarge = assertInstanceOf(PackageTooLargeException.class, e);
        assertEquals(RejectionCode.PKG_TOO_LARGE, e.code());
        assertEquals(wire.length, tooLarge.size());
        assertEquals(wire.length - 1, tooLarge.limit());
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0xff);
        assertInstanceOf(PackageTooLargeException.class, assertThrows(MalformedPackageException.class,
                () -> SignedPackage.fromWire(garbage, 99)));
    }

    @Test
    void refusesMalformedWireDocuments() {
        SignedPackage original = signed();
        String pkg = original.pkg().toJson().toString();
        String[][] cases = {
            {"{\"signature\":\"MIIB\"}", "package: is required"},
            {"{\"package\":[],\"signature\":\"MIIB\"}", "package: must be an object"},
            {"{\"package\":" + pkg + "}", "signature: is required"},
            {"{\"package\":" + pkg + ",\"signature\":1}", "signature: must be a string"},
            {"{\"package\":" + pkg + ",\"signature\":\"\"}", "signature: must be non-empty standard base64"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIBAgP_fg==\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIBAgP/fg\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIB\\nAgP/\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"MI==AgP/\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"M===\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIB AgP\"}", "signature: must be non-empty standard"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIB\",\"extra\":1}", "extra: is not a member"},
            {"{\"package\":" + pkg + ",\"signature\":\"MIIB\",\"package\":{}}", "duplicate member name"},
            {"not json", "malformed JSON at byte 0"},
        };
        for (String[] c : cases) {
            MalformedPackageException e = assertThrows(MalformedPackageException.class,
                    () -> SignedPackage.fromWire(utf8(c[0]), SignedPackage.DEFAULT_MAX_BYTES), c[0]);
            assertEquals(RejectionCode.PKG_MALFORMED, e.code());
            assertTrue(e.getMessage().contains(c[1]), c[1] + " / " + e.getMessage());
        }
        MalformedPackageException withContext = assertThrows(MalformedPackageException.class,
                () -> SignedPackage.fromWire(utf8("{\"package\":" + pkg + "}"), 1 << 20));
        assertEquals(original.pkg().envelope().id(), withContext.packageId().orElseThrow());
        assertEquals(original.pkg().envelope().sender(), withContext.sender().orElseThrow());
        assertEquals(original.pkg().digest(), withContext.packageDigest().orElseThrow());
    }

    @Test
    void signatureIsCopiedInAndOut() {
        byte[] sig = SIG.clone();
        SignedPackage s = new SignedPackage(DataPackageTest.sample(), sig);
        sig[0] = 0;
        assertEquals(0x30, s.signature()[0]);
        assertNotSame(s.signature(), s.signature());
        assertThrows(IllegalArgumentException.class, () -> new SignedPackage(DataPackageTest.sample(), new byte[0]));
    }
}
