package cn.cityops.exchange.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaSetTest {

    static final String HEAD = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",";

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static JsonValue value(String text) {
        return Json.createReader(new StringReader("{\"v\":" + text + "}")).readObject().get("v");
    }

    /** Compiles a one-document schema whose root is {@code body} (without braces). */
    static JsonSchema schema(String body) {
        return SchemaSet.compile(List.of(json("{" + HEAD + "\"$id\":\"urn:test:s\"," + body + "}")))
                .find("urn:test:s").orElseThrow();
    }

    static String issues(JsonSchema schema, String valueText) {
        return schema.validate(value(valueText)).stream().map(SchemaIssue::toString)
                .collect(Collectors.joining("; "));
    }

    static String loadFailure(String body) {
        return assertThrows(SchemaLoadException.class, () -> schema(body)).getMessage();
    }

    @Test
    void types() {
        JsonSchema integer = schema("\"type\":\"integer\"");
        assertEquals("", issues(integer, "3"));
        assertEquals("", issues(integer, "3.0"));
        assertEquals("(root): must be an integer", issues(integer, "3.5"));
        assertEquals("(root): must be an integer", issues(integer, "\"3\""));
        JsonSchema number = schema("\"type\":\"number\"");
        assertEquals("", issues(number, "3.5"));
        JsonSchema nullable = schema("\"type\":[\"string\",\"null\"],\"minLength\":2");
        assertEquals("", issues(nullable, "null"));
        assertEquals("", issues(nullable, "\"ab\""));
        assertEquals("(root): must be at least 2 characters long", issues(nullable, "\"a\""));
        assertEquals("(root): must be a string or null", issues(nullable, "1"));
        assertEquals("(root): must be a boolean, an object or an array",
                issues(schema("\"type\":[\"boolean\",\"object\",\"array\"]"), "\"x\""));
    }

    @Test
    void objects() {
        JsonSchema s = schema("\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"a\",\"b\"],"
                + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"},"
                + "\"c/d~e\":{\"type\":\"boolean\"}}");
        assertEquals("", issues(s, "{\"a\":\"x\",\"b\":1}"));
        assertEquals("/b: is required", issues(s, "{\"a\":\"x\"}"));
        assertEquals("/a: must be a string; /z: is not allowed", issues(s, "{\"a\":1,\"b\":2,\"z\":3}"));
        assertEquals("/c~1d~0e: must be a boolean", issues(s, "{\"a\":\"x\",\"b\":1,\"c/d~e\":0}"));
        JsonSchema map = schema("\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"minimum\":0}");
        assertEquals("", issues(map, "{\"x\":1,\"y\":2}"));
        assertEquals("/y: must be at least 0", issues(map, "{\"x\":1,\"y\":-2}"));
        assertEquals("", issues(schema("\"properties\":{\"a\":false}"), "{\"b\":1}"));
        assertEquals("/a: is not allowed", issues(schema("\"properties\":{\"a\":false}"), "{\"a\":1}"));
    }

    @Test
    void enumAndConst() {
        JsonSchema e = schema("\"enum\":[\"SATISFIED\",\"DISSATISFIED\"]");
        assertEquals("", issues(e, "\"SATISFIED\""));
        assertEquals("(root): must be one of \"SATISFIED\", \"DISSATISFIED\"", issues(e, "\"satisfied\""));
        JsonSchema mixed = schema("\"enum\":[1,\"one\",null,{\"a\":[1]}]");
        assertEquals("", issues(mixed, "1.0"));
        assertEquals("", issues(mixed, "null"));
        assertEquals("", issues(mixed, "{\"a\":[1]}"));
        assertFalse(issues(mixed, "{\"a\":[2]}").isEmpty());
        JsonSchema c = schema("\"const\":\"receipt\"");
        assertEquals("", issues(c, "\"receipt\""));
        assertEquals("(root): must be \"receipt\"", issues(c, "\"ping\""));
    }

    @Test
    void stringsCountCodePoints() {
        JsonSchema s = schema("\"type\":\"string\",\"minLength\":2,\"maxLength\":3");
        assertEquals("", issues(s, "\"\ud83d\ude00\ud83d\ude00\ud83d\ude00\""));
        assertEquals("(root): must be at most 3 characters long", issues(s, "\"\u4e2d\u6587\u5b57\u7b26\""));
        assertEquals("(root): must be at least 2 characters long", issues(s, "\"\ud83d\ude00\""));
        assertEquals("(root): must not be empty", issues(schema("\"minLength\":1"), "\"\""));
    }

    @Test
    void patternsFollowEcmaSemantics() {
        JsonSchema anchored = schema("\"pattern\":\"^[0-9]{6}$\"");
        assertEquals("", issues(anchored, "\"140600\""));
        assertEquals("(root): must match the pattern ^[0-9]{6}$", issues(anchored, "\"140600\\n\""));
        assertEquals("(root): must match the pattern ^[0-9]{6}$", issues(anchored, "\"1406001\""));
        JsonSchema unanchored = schema("\"pattern\":\"b+\"");
        assertEquals("", issues(unanchored, "\"abbbc\""));
        assertFalse(issues(unanchored, "\"ac\"").isEmpty());
        JsonSchema classWithDollar = schema("\"pattern\":\"^[a$]+$\"");
        assertEquals("", issues(classWithDollar, "\"a$a\""));
        assertEquals("", issues(schema("\"pattern\":\"^(?:ab|cd)*?\\\\.x{1,2}(?=y)\""), "\"abcd.xy\""));
        assertEquals("", issues(schema("\"pattern\":\"^\\\\u4e2d\\\\x41\\\\$\""), "\"\u4e2dA$\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a++", "(?i)a", "\\\\p{L}", "(a)\\\\1", "(?<n>a)", "\\\\Aa", "[a[b]]", "[a&&b]",
        "\\\\v", "a{x}", "[]a]", "\\\\Qa\\\\E", "(?>a)", "a]", "\\\\-"})
    void patternConstructsOutsideTheSubsetFailAtLoad(String pattern) {
        String message = loadFailure("\"pattern\":\"" + pattern + "\"");
        assertTrue(message.startsWith("urn:test:s#/pattern: "), message);
    }

    @Test
    void numbers() {
        JsonSchema s = schema("\"type\":\"integer\",\"minimum\":0,\"maximum\":100");
        assertEquals("", issues(s, "0"));
        assertEquals("", issues(s, "100"));
        assertEquals("(root): must be at most 100", issues(s, "101"));
        assertEquals("(root): must be at least 0", issues(s, "-1"));
        assertEquals("(root): must be at least 0.5", issues(schema("\"minimum\":0.5"), "0.25"));
    }

    @Test
    void arrays() {
        JsonSchema s = schema("\"type\":\"array\",\"minItems\":1,\"maxItems\":2,\"items\":{\"type\":\"string\"}");
        assertEquals("", issues(s, "[\"a\"]"));
        assertEquals("(root): must have at least 1 item", issues(s, "[]"));
        assertEquals("(root): must have at most 2 items; /2: must be a string", issues(s, "[\"a\",\"b\",3]"));
    }

    @Test
    void formats() {
        JsonSchema dt = schema("\"format\":\"date-time\"");
        for (String ok : new String[] {"2026-11-21T08:00:00Z", "2026-11-21t08:00:00.123456z",
            "2028-02-29T23:59:59+08:00", "2026-11-21T08:00:00.1-05:30"}) {
            assertEquals("", issues(dt, "\"" + ok + "\""), ok);
        }
        for (String bad : new String[] {"2026-11-21", "2026-11-21T08:00:00", "2026-02-29T08:00:00Z",
            "2026-11-21T24:00:00Z", "2026-11-21T08:00:60Z", "2026-11-21T08:00:00.Z", "2026-11-21T08:00:00+0800",
            "2026-13-01T00:00:00Z", "2026-11-21 08:00:00Z"}) {
            assertEquals("(root): must be a date-time (RFC 3339)", issues(dt, "\"" + bad + "\""), bad);
        }
        assertEquals("", issues(dt, "42"), "formats apply to strings only");
        JsonSchema date = schema("\"format\":\"date\"");
        assertEquals("", issues(date, "\"2024-02-29\""));
        assertFalse(issues(date, "\"2023-02-29\"").isEmpty());
        assertFalse(issues(date, "\"2023-2-28\"").isEmpty());
        JsonSchema uuid = schema("\"format\":\"uuid\"");
        assertEquals("", issues(uuid, "\"3F0C8F5E-9a51-4c1b-8d0e-6b7a2f4c9d10\""));
        assertFalse(issues(uuid, "\"3f0c8f5e9a514c1b8d0e6b7a2f4c9d10\"").isEmpty());
        assertFalse(issues(uuid, "\"3f0c8f5e-9a51-4c1b-8d0e-6b7a2f4c9d1g\"").isEmpty());
        JsonSchema uri = schema("\"format\":\"uri\"");
        assertEquals("", issues(uri, "\"https://sx.example.gov.cn/api/exchange/packages?x=1#f\""));
        assertEquals("", issues(uri, "\"urn:cityops:exchange:schema:ping:v1\""));
        for (String bad : new String[] {"/relative/path", "https://例子.cn/", "http://a b", "https://x/%zz", ""}) {
            assertEquals("(root): must be an absolute URI", issues(uri, "\"" + bad + "\""), bad);
        }
    }

    @Test
    void refsWithinAndAcrossDocuments() {
        JsonObject common = json("{" + HEAD + "\"$id\":\"urn:test:common\",\"$defs\":{"
                + "\"code\":{\"type\":\"string\",\"pattern\":\"^[0-9]{6}$\"},"
                + "\"pair\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"a\"],"
                + "\"properties\":{\"a\":{\"$ref\":\"#/$defs/code\"}}}}}");
        JsonObject main = json("{" + HEAD + "\"$id\":\"urn:test:main\",\"type\":\"object\",\"properties\":{"
                + "\"x\":{\"$ref\":\"urn:test:common#/$defs/code\"},"
                + "\"y\":{\"$ref\":\"urn:test:common#/$defs/pair\",\"description\":\"siblings are fine\"},"
                + "\"z\":{\"$ref\":\"#/$defs/local\"},"
                + "\"tree\":{\"$ref\":\"#/$defs/tree\"}},"
                + "\"$defs\":{\"local\":{\"type\":\"boolean\"},"
                + "\"tree\":{\"type\":\"object\",\"properties\":{\"children\":{\"type\":\"array\","
                + "\"items\":{\"$ref\":\"#/$defs/tree\"}},\"v\":{\"type\":\"integer\"}}}}}");
        SchemaSet set = SchemaSet.compile(List.of(main, common));
        assertEquals(List.of("urn:test:common", "urn:test:main").toString(), set.ids().toString());
        JsonSchema s = set.find("urn:test:main").orElseThrow();
        assertEquals("", issues(s, "{\"x\":\"140600\",\"y\":{\"a\":\"100000\"},\"z\":true}"));
        assertEquals("/x: must match the pattern ^[0-9]{6}$; /y/a: must be a string; /z: must be a boolean",
                issues(s, "{\"x\":\"14\",\"y\":{\"a\":1},\"z\":1}"));
        assertEquals("/tree/children/0/children/1/v: must be an integer",
                issues(s, "{\"tree\":{\"children\":[{\"children\":[{\"v\":1},{\"v\":\"x\"}]}]}}"));
        assertTrue(s.isValid(value("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneOf", "anyOf", "allOf", "not", "if", "patternProperties", "prefixItems",
        "uniqueItems", "exclusiveMinimum", "multipleOf", "$comment", "default", "examples", "dependentRequired",
        "propertyNames", "unevaluatedProperties", "contains", "$anchor", "definitions"})
    void unsupportedKeywordsFailAtLoad(String keyword) {
        String message = loadFailure("\"type\":\"object\",\"properties\":{\"a\":{\"" + keyword + "\":[]}}");
        assertEquals("urn:test:s#/properties/a/" + keyword + ": keyword '" + keyword
                + "' is not supported by the CityOps JSON Schema subset (SPEC.md §6.2)", message);
    }

    @Test
    void malformedSchemasFailAtLoad() {
        assertTrue(loadFailure("\"format\":\"email\"").contains("format 'email' is not supported"));
        assertTrue(loadFailure("\"type\":\"int\"").contains("unknown type 'int'"));
        assertTrue(loadFailure("\"type\":[]").contains("must not be an empty array"));
        assertTrue(loadFailure("\"minLength\":-1").contains("must be a non-negative integer"));
        assertTrue(loadFailure("\"minLength\":1.5").contains("must be a non-negative integer"));
        assertTrue(loadFailure("\"required\":[\"a\",\"a\"]").contains("listed twice"));
        assertTrue(loadFailure("\"enum\":[]").contains("enum must not be empty"));
        assertTrue(loadFailure("\"items\":[{}]").contains("prefixItems"));
        assertTrue(loadFailure("\"minItems\":3,\"maxItems\":2").contains("minItems is greater than maxItems"));
        assertTrue(loadFailure("\"additionalProperties\":false,\"required\":[\"a\"]")
                .contains("required property 'a' is not in properties"));
        assertTrue(loadFailure("\"properties\":{\"a\":{\"$defs\":{}}}").contains("only supported at the schema root"));
        assertTrue(loadFailure("\"properties\":{\"a\":{\"$id\":\"urn:x\"}}").contains("only supported"));
        assertTrue(loadFailure("\"$ref\":\"#/$defs/missing\"").contains("names no definition"));
        assertTrue(loadFailure("\"$ref\":\"urn:other#/$defs/a\"").contains("names an unknown schema"));
        assertTrue(loadFailure("\"$ref\":\"#/properties/a\"").contains("is not supported"));
        assertTrue(loadFailure("\"$ref\":\"#/$defs/a\",\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},"
                + "\"b\":{\"$ref\":\"#/$defs/a\"}}").contains("cycle"));
        assertTrue(loadFailure("\"properties\":{\"a\":3}").contains("a schema must be an object or a boolean"));
        SchemaLoadException noDraft = assertThrows(SchemaLoadException.class,
                () -> SchemaSet.compile(List.of(json("{\"$id\":\"urn:x\"}"))));
        assertTrue(noDraft.getMessage().contains("$schema must be"));
        SchemaLoadException oldDraft = assertThrows(SchemaLoadException.class, () -> SchemaSet.compile(List.of(
                json("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"$id\":\"urn:x\"}"))));
        assertTrue(oldDraft.getMessage().contains("$schema must be"));
        assertThrows(SchemaLoadException.class, () -> SchemaSet.compile(List.of(json("{" + HEAD + "\"type\":1}"))));
        assertThrows(SchemaLoadException.class, () -> SchemaSet.compile(List.of(
                json("{" + HEAD + "\"$id\":\"urn:x\"}"), json("{" + HEAD + "\"$id\":\"urn:x\"}"))));
        assertThrows(SchemaLoadException.class, () -> SchemaSet.compile(List.of(
                json("{" + HEAD + "\"$id\":\"relative/x\"}"))));
    }

    @Test
    void reportsAtMostTheIssueLimit() {
        JsonSchema s = schema("\"type\":\"array\",\"items\":{\"type\":\"string\"}");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        List<SchemaIssue> found = s.validate(value(many.append("]").toString()));
        assertEquals(JsonSchema.MAX_ISSUES, found.size());
        assertEquals(new SchemaIssue("/0", "must be a string"), found.get(0));
        assertFalse(s.isValid(value("[1]")));
    }
}
