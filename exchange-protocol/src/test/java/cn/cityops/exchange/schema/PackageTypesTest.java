package cn.cityops.exchange.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.cityops.exchange.pkg.JsonReading;
import cn.cityops.exchange.pkg.MalformedPackageException;
import cn.cityops.exchange.schema.PackageTypes.PackageType;

class PackageTypesTest {

    static final Set<String> EXPECTED = Set.of("task.issue", "task.relay", "task.feedback", "notice.publish",
            "notice.read", "urging", "urging.reply", "opinion.item", "opinion.result", "emergency.report",
            "complaint.forward", "complaint.result", "satisfaction.result", "statistics.report", "basicdata.report",
            "evaluation.task", "evaluation.result", "guidance.publication", "directory.update", "receipt", "ping",
            "receipt.batch",
            "case.batch");

    static final PackageTypes TYPES = PackageTypes.standard();

    static List<String> typeNames() {
        return new ArrayList<>(new TreeSet<>(EXPECTED));
    }

    /** Every registered (type, schema version), e.g. {@code basicdata.report 2}. */
    static List<Arguments> typeVersions() {
        List<Arguments> all = new ArrayList<>();
        for (String name : typeNames()) {
            for (int v : TYPES.find(name).orElseThrow().schemaVersions()) {
                all.add(Arguments.of(name, v));
            }
        }
        return all;
    }

    static JsonObject resource(String path) {
        try (InputStream in = PackageTypesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            return JsonReading.parseObject(in.readAllBytes(), 64);
        } catch (IOException | MalformedPackageException e) {
            throw new AssertionError(path, e);
        }
    }

    static JsonObject sample(String type) {
        return sample(type, 1);
    }

    static JsonObject sample(String type, int version) {
        return resource("cn/cityops/exchange/schema/samples/" + type + ".v" + version + ".json");
    }

    @Test
    void registryHoldsExactlyTheProtocolTypes() {
        assertEquals(new TreeSet<>(EXPECTED), TYPES.names());
        assertSame(TYPES, PackageTypes.standard());
        for (String name : EXPECTED) {
            PackageType t = TYPES.find(name).orElseThrow();
            assertEquals(name.equals("basicdata.report") ? Set.of(1, 2) : Set.of(1), t.schemaVersions());
            assertEquals(name.equals("basicdata.report") ? 2 : 1, t.highestVersion());
            assertTrue(Set.of("up", "down", "any").contains(t.direction()), name);
            assertFalse(t.description().isBlank());
            assertTrue(TYPES.supports(name, 1));
            assertFalse(TYPES.supports(name, 3));
            assertEquals("urn:cityops:exchange:schema:" + name + ":v1", TYPES.schema(name, 1).id());
        }
        assertEquals("down", TYPES.find("task.issue").orElseThrow().direction());
        assertEquals("up", TYPES.find("case.batch").orElseThrow().direction());
        assertEquals("any", TYPES.find("receipt").orElseThrow().direction());
        assertTrue(TYPES.find("task.delete").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("typeVersions")
    void sampleIsValid(String type, int version) {
        assertEquals(List.of(), TYPES.validate(type, version, sample(type, version)));
    }

    @ParameterizedTest
    @MethodSource("typeVersions")
    void unknownMemberIsRejectedWithItsPointer(String type, int version) {
        JsonObject broken = Json.createObjectBuilder(sample(type, version)).add("bogus", 1).build();
        assertEquals(List.of("/bogus: is not allowed"), TYPES.validate(type, version, broken));
    }

    @ParameterizedTest
    @MethodSource("typeVersions")
    void everyRequiredMemberIsRequired(String type, int version) {
        JsonObject schema = resource("cn/cityops/exchange/schemas/" + type + ".v" + version + ".schema.json");
        for (JsonValue r : schema.getJsonArray("required")) {
            String name = ((JsonString) r).getString();
            JsonObject broken = Json.createObjectBuilder(sample(type, version)).remove(name).build();
            assertEquals(List.of("/" + name + ": is required"), TYPES.validate(type, version, broken), type);
        }
    }

    @ParameterizedTest
    @MethodSource("typeVersions")
    void schemaFollowsTheRegistryConventions(String type, int version) {
        JsonObject schema = resource("cn/cityops/exchange/schemas/" + type + ".v" + version + ".schema.json");
        assertEquals(SchemaSet.DRAFT_2020_12, schema.getString("$schema"));
        assertEquals("urn:cityops:exchange:schema:" + type + ":v" + version, schema.getString("$id"));
        assertEquals("object", schema.getString("type"));
        checkConventions(schema, type + "#");
    }

    @Test
    void aNewerVersionIsAgreedOnlyWhenTheReceiverAdvertisesIt() {
        PackageType basic = TYPES.find("basicdata.report").orElseThrow();
        assertEquals(2, basic.agreedVersion(List.of(1, 2)).getAsInt());
        assertEquals(1, basic.agreedVersion(List.of(1)).getAsInt(), "an older receiver gets version 1");
        assertEquals(1, basic.agreedVersion(List.of()).getAsInt(), "nothing advertised: version 1");
        assertEquals(2, basic.agreedVersion(List.of(2, 3)).getAsInt());
        assertTrue(basic.agreedVersion(List.of(3)).isEmpty(), "no common version");
        assertTrue(TYPES.validate("basicdata.report", 1, sample("basicdata.report", 2)).contains(
                "/coverage: is not allowed"), "version 1 is closed: the coverage needs version 2");
        JsonObject bad = Json.createObjectBuilder(sample("basicdata.report", 2)).add("coverage",
                Json.createObjectBuilder().add("wkt", "POLYGON((1 1,2 2,3 1,1 1))").add("toleranceMetres", 10))
                .build();
        assertEquals(1, TYPES.validate("basicdata.report", 2, bad).size());
    }

    @Test
    void commonDefinitionsFollowTheConventions() {
        JsonObject common = resource("cn/cityops/exchange/schemas/common.schema.json");
        assertEquals(PackageTypes.COMMON_ID, common.getString("$id"));
        checkConventions(common, "common#");
    }

    /** Every object schema is closed, and every $ref is local or to the common definitions. */
    private static void checkConventions(JsonValue node, String where) {
        if (node instanceof JsonObject o) {
            if (o.containsKey("type") && o.get("type").toString().contains("\"object\"")) {
                assertEquals(JsonValue.FALSE, o.get("additionalProperties"), where + " must be closed");
            }
            if (o.get("$ref") instanceof JsonString ref) {
                String r = ref.getString();
                assertTrue(r.startsWith("#/$defs/") || r.startsWith(PackageTypes.COMMON_ID + "#/$defs/"), where);
            }
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                checkConventions(e.getValue(), where + "/" + e.getKey());
            }
        } else if (node.getValueType() == JsonValue.ValueType.ARRAY) {
            int i = 0;
            for (JsonValue v : node.asJsonArray()) {
                checkConventions(v, where + "/" + i++);
            }
        }
    }

    @Test
    void typicalMistakesAreReportedWithPointers() {
        JsonObject task = Json.createObjectBuilder(sample("task.issue"))
                .add("deadline", "2026-12-15")
                .add("targets", Json.createArrayBuilder().add("140000").add("1406"))
                .add("issuer", Json.createObjectBuilder().add("nodeId", "100000").add("name", "x"))
                .build();
        assertEquals(List.of(
                "/issuer/name: is not allowed",
                "/deadline: must match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                "/deadline: must be a date-time (RFC 3339)",
                "/targets/1: must match the pattern ^[0-9]{6}$"), TYPES.validate("task.issue", 1, task));

        JsonObject feedback = Json.createObjectBuilder(sample("task.feedback")).add("percent", 101)
                .add("figures", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "x")
                        .add("value", "1.5e3")))
                .build();
        assertEquals(List.of("/percent: must be at most 100",
                "/figures/0/value: must match the pattern ^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?$"),
                TYPES.validate("task.feedback", 1, feedback));

        JsonObject satisfaction = Json.createObjectBuilder(sample("satisfaction.result"))
                .add("satisfaction", "满意").build();
        assertEquals(List.of("/satisfaction: must be one of \"SATISFIED\", \"BASICALLY_SATISFIED\", "
                + "\"DISSATISFIED\""), TYPES.validate("satisfaction.result", 1, satisfaction));

        JsonObject point = Json.createObjectBuilder(sample("complaint.forward")).add("location",
                Json.createObjectBuilder().add("divisionCode", "140602").add("point",
                        Json.createObjectBuilder().add("lon", "190.1"))).build();
        assertEquals(2, TYPES.validate("complaint.forward", 1, point).size());
        assertTrue(TYPES.validate("complaint.forward", 1, point).contains("/location/point/lat: is required"));

        JsonObject ping = Json.createObjectBuilder().add("text", "x".repeat(1025)).build();
        assertEquals(List.of("/text: must be at most 1024 characters long"), TYPES.validate("ping", 1, ping));
        assertEquals(List.of(new SchemaIssue("/text", "is required")),
                TYPES.issues("ping", 1, Json.createObjectBuilder().build()));
    }

    @Test
    void caseBatchLimitsAndRecordPointers() {
        JsonObject base = sample("case.batch");
        JsonObject record = base.getJsonArray("records").getJsonObject(0);
        JsonArrayBuilder records = Json.createArrayBuilder();
        for (int i = 0; i < 5000; i++) {
            records.add(Json.createObjectBuilder(record).add("caseId", "SZ-" + i));
        }
        JsonObject full = Json.createObjectBuilder(base).add("records", records).build();
        assertEquals(List.of(), TYPES.validate("case.batch", 1, full));

        JsonArrayBuilder tooMany = Json.createArrayBuilder(full.getJsonArray("records")).add(record);
        assertEquals(List.of("/records: must have at most 5000 items"),
                TYPES.validate("case.batch", 1, Json.createObjectBuilder(base).add("records", tooMany).build()));

        JsonArrayBuilder bad = Json.createArrayBuilder(base.getJsonArray("records"))
                .add(Json.createObjectBuilder(record).add("gridCode", "14060200100100").add("closedAt", 0)
                        .add("status", "OPEN"));
        assertEquals(List.of("/records/2/gridCode: must match the pattern ^[0-9]{15}$",
                "/records/2/status: must be one of \"REPORTED\", \"NOT_FILED\", \"FILED\", \"DISPATCHED\", "
                        + "\"HANDLING\", \"CHECKING\", \"CLOSED\", \"SUSPENDED\", \"CANCELLED\"",
                "/records/2/closedAt: must be a string or null"),
                TYPES.validate("case.batch", 1, Json.createObjectBuilder(base).add("records", bad).build()));
        assertEquals(List.of("/records: must have at least 1 item"), TYPES.validate("case.batch", 1,
                Json.createObjectBuilder(base).add("records", Json.createArrayBuilder()).build()));
    }

    @Test
    void directoryUpdateAllowsNullParentAndBaseUrlOnly() {
        JsonObject dir = sample("directory.update");
        JsonObject node = dir.getJsonArray("nodes").getJsonObject(0);
        JsonObject badNode = Json.createObjectBuilder(node).add("parent", "1").add("baseUrl", "not a uri")
                .add("certificates", Json.createArrayBuilder()).build();
        assertEquals(List.of("/nodes/0/parent: must match the pattern ^[0-9]{6}$",
                "/nodes/0/baseUrl: must be an absolute URI",
                "/nodes/0/certificates: must have at least 1 item"),
                TYPES.validate("directory.update", 1, Json.createObjectBuilder(dir)
                        .add("nodes", Json.createArrayBuilder().add(badNode)).build()));
    }

    @Test
    void unknownTypeOrVersionIsAProgrammingError() {
        JsonObject ping = sample("ping");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TYPES.validate("nope", 1, ping))
                .getMessage().contains("unknown package type 'nope'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TYPES.validate("ping", 2, ping))
                .getMessage().contains("supported: [1]"));
    }

    @Test
    void registryLoadFailsOnAMissingDirectory() {
        SchemaLoadException e = assertThrows(SchemaLoadException.class,
                () -> PackageTypes.load(getClass().getClassLoader(), "no/such/dir/"));
        assertTrue(e.getMessage().contains("types.json: not found"), e.getMessage());
    }
}
