package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canonical(JsonValue v) throws MalformedPackageException {
        return new String(CanonicalJson.bytes(v), StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String json) throws MalformedPackageException {
        return JsonReading.parseObject(json.getBytes(StandardCharsets.UTF_8), 16);
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Example() throws Exception {
        // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33 because 0xD83D < 0xFB33
        JsonObject o = Json.createObjectBuilder()
                .add("\u20ac", "Euro Sign")
                .add("\r", "Carriage Return")
                .add("\ufb33", "Hebrew Letter Dalet With Dagesh")
                .add("1", "One")
                .add("\ud83d\ude00", "Emoji: Grinning Face")
                .add("\u0080", "Control")
                .add("\u00f6", "Latin Small Letter O With Diaeresis")
                .build();
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                canonical(o));
    }

    @Test
    void sortsNestedObjectsAndKeepsArrayOrder() throws Exception {
        JsonObject o = parse("{ \"b\" : [3, {\"z\":1,\"a\":2}, \"x\"], \"a\" : { \"d\" : true, \"c\" : null },"
                + " \"B\": false, \"\u4e2d\": \"\u6587\", \"aa\": {} , \"e\": [] }");
        assertEquals("{\"B\":false,\"a\":{\"c\":null,\"d\":true},\"aa\":{},\"b\":[3,{\"a\":2,\"z\":1},\"x\"],"
                + "\"e\":[],\"\u4e2d\":\"\u6587\"}", canonical(o));
    }

    @Test
    void escapesStringsAsJcs() throws Exception {
        // the string example of RFC 8785 section 3.2.2.2
        JsonObject o = parse("{\"s\":\"\\u20ac$\\u000f\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}");
        assertEquals("{\"s\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", canonical(o));
        JsonObject controls = Json.createObjectBuilder()
                .add("c", "\b\f\n\r\t\u0000\u001f\u007f\u2028 \u00e9\ud834\udd1e").build();
        byte[] expected = ("{\"c\":\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028 \u00e9\ud834\udd1e\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, CanonicalJson.bytes(controls));
    }

    @Test
    void writesIntegersPlainAndNormalisesIntegralValues() throws Exception {
        JsonObject o = Json.createObjectBuilder()
                .add("zero", 0)
                .add("neg", -42)
                .add("max", CanonicalJson.MAX_SAFE_INTEGER)
                .add("min", -CanonicalJson.MAX_SAFE_INTEGER)
                .add("twoPointZero", new BigDecimal("2.0"))
                .add("thousand", new BigDecimal("1E+3"))
                .build();
        assertEquals("{\"max\":9007199254740991,\"min\":-9007199254740991,\"neg\":-42,\"thousand\":1000,"
                + "\"twoPointZero\":2,\"zero\":0}", canonical(o));
        assertEquals("{\"n\":0}", canonical(parse("{\"n\":-0}")));
    }

    @Test
    void refusesFractionalAndHugeNumbersNamingThePointer() {
        MalformedPackageException fraction = assertThrows(MalformedPackageException.class, () -> CanonicalJson.bytes(
                Json.createObjectBuilder().add("a", Json.createArrayBuilder().add(1).add(new BigDecimal("1.5")))
                        .build()));
        assertEquals(RejectionCode.PKG_MALFORMED, fraction.code());
        assertTrue(fraction.getMessage().startsWith("/a/1: number 1.5 is not an integer"), fraction.getMessage());

        for (JsonValue huge : new JsonValue[] {
                Json.createValue(CanonicalJson.MAX_SAFE_INTEGER + 1),
                Json.createValue(-CanonicalJson.MAX_SAFE_INTEGER - 1),
                Json.createValue(new BigInteger("123456789012345678901234567890")),
                Json.createValue(new BigDecimal("1E+20")),
                Json.createValue(1e300) }) {
            MalformedPackageException e = assertThrows(MalformedPackageException.class,
                    () -> CanonicalJson.bytes(Json.createObjectBuilder().add("x~/y", huge).build()));
            assertTrue(e.getMessage().startsWith("/x~0~1y: integer"), e.getMessage());
        }
        assertThrows(MalformedPackageException.class, () -> CanonicalJson.bytes(Json.createValue(0.1)));
    }

    @Test
    void refusesLoneSurrogates() {
        MalformedPackageException e = assertThrows(MalformedPackageException.class, () -> CanonicalJson.bytes(
                Json.createObjectBuilder().add("s", "a\ud800b").build()));
        assertTrue(e.getMessage().contains("/s: string contains a lone surrogate U+D800"), e.getMessage());
        assertThrows(MalformedPackageException.class,
                () -> CanonicalJson.bytes(Json.createObjectBuilder().add("\udc00", 1).build()));
    }

    @Test
    void canonicalFormIsIdempotentAndIndependentOfInputLayout() throws Exception {
        String a = "{\"x\":1,\"y\":[true,false,null],\"z\":\"\\u00e9\"}";
        String b = "{\n  \"z\" : \"\u00e9\",\n  \"y\" : [ true , false , null ] ,\r\n\t\"x\" : 1\n}";
        byte[] ca = CanonicalJson.bytes(parse(a));
        assertArrayEquals(ca, CanonicalJson.bytes(parse(b)));
        assertArrayEquals(ca, CanonicalJson.bytes(JsonReading.parseObject(ca, 4)));
    }

    @Test
    void digestIsSha256Base64UrlWithoutPadding() {
        assertEquals("sha256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", CanonicalJson.sha256Digest(new byte[0]));
        assertEquals("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
                CanonicalJson.sha256Digest("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
