package cn.cityops.core.supervision;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.cityops.exchange.pkg.Timestamps;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Small helpers for building and reading supervision payloads and the JSON kept in text columns. */
public final class Payloads {

    private Payloads() {
    }

    public static String ts(Instant t) {
        return Timestamps.format(t);
    }

    public static Instant ts(String s) {
        return Timestamps.parse(s);
    }

    /** A {@code party}: node, optional department and person. */
    public static JsonObject party(String nodeId, String department, String person) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("nodeId", nodeId);
        putClipped(b, "department", department, 100);
        putClipped(b, "person", person, 50);
        return b.build();
    }

    public static void putClipped(JsonObjectBuilder b, String key, String value, int max) {
        if (value != null && !value.isBlank()) {
            b.add(key, value.length() > max ? value.substring(0, max) : value);
        }
    }

    public static void putIfPresent(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.add(key, value);
        }
    }

    public static String optString(JsonObject o, String key) {
        return o != null && o.containsKey(key) && o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /** Describes a party for display: "department person (node)". */
    public static String describe(JsonObject party) {
        if (party == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        String d = optString(party, "department");
        String p = optString(party, "person");
        if (d != null) {
            b.append(d);
        }
        if (p != null) {
            b.append(b.isEmpty() ? "" : " ").append(p);
        }
        b.append(b.isEmpty() ? "" : " ").append('(').append(optString(party, "nodeId")).append(')');
        return b.toString();
    }

    public static JsonArray strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        (values == null ? List.<String>of() : values).forEach(a::add);
        return a.build();
    }

    public static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        for (JsonValue v : array(json)) {
            if (v instanceof JsonString s) {
                out.add(s.getString());
            }
        }
        return out;
    }

    public static JsonArray array(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readArray();
        }
    }
}
