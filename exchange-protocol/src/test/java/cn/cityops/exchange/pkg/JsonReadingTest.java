package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonReadingTest {

    private static JsonObject parse(String json) throws MalformedPackageException {
        return JsonReading.parseObject(json.getBytes(StandardCharsets.UTF_8), 8);
    }

    private static String failure(byte[] bytes, int depth) {
        MalformedPackageException e = assertThrows(MalformedPackageException.class,
                () -> JsonReading.parseObject(bytes, depth));
        assertEquals(RejectionCode.PKG_MALFORMED, e.code());
        return e.getMessage();
    }

    private static String failure(String json) {
        return failure(json.getBytes(StandardCharsets.UTF_8), 8);
    }

    @Test
    void readsAllValueKinds() throws Exception {
        JsonObject o = parse(" {\"s\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\u4e2d\", \"n\":-12,"
                + "\"z\":0,\"t\":true,\"f\":false,\"nil\":null,\"a\":[1,[2,[]],{}],\"o\":{\"k\":\"v\"}} \n");
        assertEquals("a\"b\\c/\b\f\n\r\t\u00e9\ud83d\ude00\u4e2d", o.getString("s"));
        assertEquals(-12, o.getInt("n"));
        assertEquals(0, o.getInt("z"));
        assertTrue(o.getBoolean("t"));
        assertTrue(o.isNull("nil"));
        assertEquals(3, o.getJsonArray("a").size());
        assertEquals("v", o.getJsonObject("o").getString("k"));
        assertEquals(CanonicalJson.MAX_SAFE_INTEGER,
                parse("{\"m\":9007199254740991}").getJsonNumber("m").longValueExact());
    }

    @Test
    void reportsDuplicateNamesWithTheirPointer() {
        assertEquals("malformed JSON at byte 8 (/a): duplicate member name \"a\"", failure("{\"a\":1, \"a\":2}"));
        String nested = failure("{\"package\":{\"id\":\"x\",\"type\":\"t\",\"id\":\"y\"}}");
        assertTrue(nested.contains("(/package/id): duplicate member name \"id\""), nested);
        String inArray = failure("{\"r\":[{\"k\":1},{\"k\":1,\"k\":2}]}");
        assertTrue(inArray.contains("(/r/1/k)"), inArray);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "trailing data          | {}{}                    | trailing data after the top-level object",
        "top-level array        | [1]                     | the top-level value must be an object",
        "top-level string       | \"x\"                   | the top-level value must be an object",
        "empty                  | `   `                   | empty document",
        "fraction               | {\"n\":1.5}             | numbers must be integers without fraction or exponent",
        "exponent               | {\"n\":1e3}             | numbers must be integers without fraction or exponent",
        "integral fraction      | {\"n\":2.0}             | numbers must be integers without fraction or exponent",
        "too large              | {\"n\":9007199254740992} | is outside ±(2^53−1)",
        "much too large         | {\"n\":-123456789012345678901} | is outside ±(2^53−1)",
        "leading zero           | {\"n\":01}              | leading zeros",
        "bare minus             | {\"n\":-}               | invalid number",
        "trailing comma object  | {\"a\":1,}              | expected a member name",
        "trailing comma array   | {\"a\":[1,]}            | expected a value",
        "single quotes          | {'a':1}                 | expected a member name",
        "missing colon          | {\"a\" 1}               | expected ':'",
        "bad literal            | {\"a\":tru}             | invalid literal, expected true",
        "unterminated string    | {\"a\":\"abc            | unterminated string",
        "bad escape             | {\"a\":\"\\x41\"}       | invalid escape sequence \\x",
        "lone high surrogate    | {\"a\":\"\\ud800x\"}    | lone surrogate escape \\ud800",
        "lone low surrogate     | {\"a\":\"\\udc00\"}     | lone surrogate escape \\udc00",
        "bad unicode escape     | {\"a\":\"\\u12g4\"}     | invalid \\u escape",
        "comment                | {/*c*/}                 | expected a member name",
        "unclosed               | {\"a\":[1,2             | expected ',' or ']'",
    })
    void refusesMalformedDocuments(String name, String json, String expected) {
        String message = failure(json);
        assertTrue(message.contains(expected), name + ": " + message);
        assertTrue(message.startsWith("malformed JSON at byte "), message);
    }

    @Test
    void refusesRawControlCharacters() {
        assertTrue(failure("{\"a\":\"x\ty\"}").contains("control character U+0009 must be escaped"));
    }

    @Test
    void enforcesTheDepthLimit() throws Exception {
        byte[] three = "{\"a\":{\"b\":[1]}}".getBytes(StandardCharsets.UTF_8);
        JsonReading.parseObject(three, 3);
        String message = failure(three, 2);
        assertTrue(message.contains("(/a/b): nesting deeper than 2 levels"), message);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[][] bad = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'},           // bad continuation
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},   // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', '}'}, // overlong 3-byte
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // encoded surrogate
            {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}, // > U+10FFFF
            {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},                // never valid
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE4, (byte) 0xB8},             // truncated
        };
        for (byte[] b : bad) {
            String message = failure(b, 8);
            assertTrue(message.contains("UTF-8"), message);
            assertTrue(message.contains("(/a)"), message);
        }
        assertTrue(failure(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, 8)
                .contains("byte order mark"));
        assertTrue(failure(new byte[] {'{', (byte) 0xC3, (byte) 0xA9, '}'}, 8).contains("byte 0xC3"));
    }

    @Test
    void decodesMultiByteUtf8() throws Exception {
        JsonObject o = parse("{\"\u671d\u9633\":\"\u00e9\u4e2d\ud83d\ude00\"}");
        assertEquals("\u00e9\u4e2d\ud83d\ude00", o.getString("\u671d\u9633"));
    }
}
