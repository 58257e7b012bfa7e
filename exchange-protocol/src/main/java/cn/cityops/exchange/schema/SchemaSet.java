package cn.cityops.exchange.schema;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A set of schema documents compiled together, so that {@code $ref}s between them resolve by {@code $id}.
 *
 * <p>Every document must be an object with {@code "$schema": "https://json-schema.org/draft/2020-12/schema"} and
 * an absolute {@code $id} without fragment. Supported keywords (SPEC.md §6.2): {@code type} (a name or an array of
 * names, including {@code integer}), {@code properties}, {@code required}, {@code additionalProperties} (boolean or
 * schema), {@code enum}, {@code const}, {@code pattern} (the ECMA-262 subset of {@link EcmaPatterns}),
 * {@code minLength}/{@code maxLength} (code points), {@code minimum}/{@code maximum}, {@code items} (one schema),
 * {@code minItems}/{@code maxItems}, {@code format} ({@code date-time}, {@code date}, {@code uuid}, {@code uri},
 * asserted), {@code $ref} ({@code #/$defs/<name>} or {@code <$id of another document>#/$defs/<name>}),
 * {@code $defs} (root only), {@code $schema} and {@code $id} (root only), {@code title} and {@code description}
 * (ignored). Any other keyword, a keyword with a value of the wrong shape, an unknown format, an unresolvable
 * {@code $ref} or a cycle of {@code $ref}s fails the whole set with a {@link SchemaLoadException}.
 */
public final class SchemaSet {

    /** The only accepted {@code $schema}. */
    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private final Map<String, JsonSchema> schemas;

    private SchemaSet(Map<String, JsonSchema> schemas) {
        this.schemas = schemas;
    }

    /**
     * Compiles documents that may refer to each other.
     *
     * @throws SchemaLoadException naming the schema location of the first problem
     */
    public static SchemaSet compile(Collection<JsonObject> documents) {
        return new Compiler().compile(documents);
    }

    /** The compiled schema with this {@code $id}. */
    public Optional<JsonSchema> find(String id) {
        return Optional.ofNullable(schemas.get(id));
    }

    /** The {@code $id}s of the set, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(schemas.keySet()));
    }

    private static final class Doc {
        final String id;
        final JsonObject json;
        final Map<String, SchemaNode> defs = new LinkedHashMap<>();
        SchemaNode root;

        Doc(String id, JsonObject json) {
            this.id = id;
            this.json = json;
        }
    }

    private static final class Compiler {
        private final Map<String, Doc> docs = new LinkedHashMap<>();
        private final List<SchemaNode> withRefs = new ArrayList<>();
        private final IdentityHashMap<SchemaNode, Doc> refOwners = new IdentityHashMap<>();
        private final List<SchemaNode> all = new ArrayList<>();

        SchemaSet compile(Collection<JsonObject> documents) {
            for (JsonObject json : documents) {
                Doc doc = header(json);
                if (docs.putIfAbsent(doc.id, doc) != null) {
                    throw new SchemaLoadException(doc.id + ": two schemas have this $id");
                }
            }
            for (Doc doc : docs.values()) {
                JsonValue defs = doc.json.get("$defs");
                if (defs != null) {
                    if (defs.getValueType() != JsonValue.ValueType.OBJECT) {
                        throw error(doc, "#", "$defs must be an object");
                    }
                    for (Map.Entry<String, JsonValue> e : defs.asJsonObject().entrySet()) {
                        String loc = "#/$defs/" + escape(e.getKey());
                        doc.defs.put(e.getKey(), node(e.getValue(), doc, loc, false));
                    }
                }
                doc.root = node(doc.json, doc, "#", true);
            }
            for (SchemaNode n : withRefs) {
                n.ref = resolve(n, refOwners.get(n));
            }
            for (SchemaNode n : withRefs) {
                Set<SchemaNode> chain = Collections.newSetFromMap(new IdentityHashMap<>());
                SchemaNode cur = n;
                while (cur != null) {
                    if (!chain.add(cur)) {
                        throw new SchemaLoadException(n.location + ": $ref '" + n.refText
                                + "' leads to a cycle of $refs");
                    }
                    cur = cur.ref;
                }
            }
            for (SchemaNode n : all) {
                n.seal();
            }
            Map<String, JsonSchema> compiled = new LinkedHashMap<>();
            for (Doc doc : docs.values()) {
                compiled.put(doc.id, new JsonSchema(doc.id, doc.root));
            }
            return new SchemaSet(Collections.unmodifiableMap(compiled));
        }

        private Doc header(JsonObject json) {
            JsonValue id = json.get("$id");
            if (!(id instanceof JsonString s)) {
                throw new SchemaLoadException("schema without a string $id");
            }
            String idText = s.getString();
            try {
                URI uri = new URI(idText);
                if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                    throw new SchemaLoadException(idText + ": $id must be an absolute URI without fragment");
                }
            } catch (URISyntaxException e) {
                throw new SchemaLoadException(idText + ": $id is not a URI", e);
            }
            JsonValue draft = json.get("$schema");
            if (!(draft instanceof JsonString d) || !DRAFT_2020_12.equals(d.getString())) {
                throw new SchemaLoadException(idText + ": $schema must be " + DRAFT_2020_12);
            }
            return new Doc(idText, json);
        }

        private SchemaNode node(JsonValue value, Doc doc, String loc, boolean root) {
            if (value.getValueType() == JsonValue.ValueType.TRUE) {
                return SchemaNode.ACCEPT;
            }
            if (value.getValueType() == JsonValue.ValueType.FALSE) {
                return SchemaNode.REJECT;
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw error(doc, loc, "a schema must be an object or a boolean");
            }
            JsonObject s = value.asJsonObject();
            SchemaNode n = new SchemaNode(doc.id + loc);
            all.add(n);
            for (Map.Entry<String, JsonValue> e : s.entrySet()) {
                String k = e.getKey();
                JsonValue v = e.getValue();
                String at = loc + "/" + escape(k);
                switch (k) {
                    case "$schema", "$id", "$defs" -> {
                        if (!root) {
                            throw error(doc, at, k + " is only supported at the schema root");
                        }
                    }
                    case "title", "description" -> string(v, doc, at);
                    case "type" -> type(n, v, doc, at);
                    case "properties" -> {
                        JsonObject props = object(v, doc, at);
                        n.properties = new LinkedHashMap<>();
                        for (Map.Entry<String, JsonValue> p : props.entrySet()) {
                            n.properties.put(p.getKey(),
                                    node(p.getValue(), doc, at + "/" + escape(p.getKey()), false));
                        }
                    }
                    case "required" -> {
                        List<String> names = uniqueStrings(v, doc, at);
                        n.required = names.toArray(new String[0]);
                    }
                    case "additionalProperties" -> n.additional = node(v, doc, at, false);
                    case "enum" -> {
                        JsonArray values = array(v, doc, at);
                        if (values.isEmpty()) {
                            throw error(doc, at, "enum must not be empty");
                        }
                        n.enumValues = values.toArray(new JsonValue[0]);
                        boolean allStrings = values.stream()
                                .allMatch(x -> x.getValueType() == JsonValue.ValueType.STRING);
                        if (allStrings) {
                            Set<String> set = new HashSet<>();
                            values.forEach(x -> set.add(((JsonString) x).getString()));
                            n.enumStrings = set;
                        }
                        StringBuilder text = new StringBuilder();
                        for (JsonValue x : values) {
                            text.append(text.length() == 0 ? "" : ", ").append(Json.text(x));
                        }
                        n.enumText = text.toString();
                    }
                    case "const" -> {
                        n.constValue = v;
                        n.constText = Json.text(v);
                    }
                    case "pattern" -> {
                        n.patternText = string(v, doc, at);
                        try {
                            n.pattern = EcmaPatterns.compile(n.patternText);
                        } catch (IllegalArgumentException ex) {
                            throw error(doc, at, ex.getMessage());
                        }
                    }
                    case "minLength" -> n.minLength = count(v, doc, at);
                    case "maxLength" -> n.maxLength = count(v, doc, at);
                    case "minItems" -> n.minItems = count(v, doc, at);
                    case "maxItems" -> n.maxItems = count(v, doc, at);
                    case "minimum" -> n.minimum = number(v, doc, at);
                    case "maximum" -> n.maximum = number(v, doc, at);
                    case "items" -> {
                        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
                            throw error(doc, at, "items must be one schema (the array form is prefixItems, "
                                    + "which is not supported)");
                        }
                        n.items = node(v, doc, at, false);
                    }
                    case "format" -> {
                        String f = string(v, doc, at);
                        n.format = Formats.byKeyword(f);
                        if (n.format == null) {
                            throw error(doc, at, "format '" + f + "' is not supported (date-time, date, uuid, uri)");
                        }
                    }
                    case "$ref" -> {
                        n.refText = string(v, doc, at);
                        withRefs.add(n);
                        refOwners.put(n, doc);
                    }
                    default -> throw error(doc, at, "keyword '" + k
                            + "' is not supported by the CityOps JSON Schema subset (SPEC.md §6.2)");
                }
            }
            if (n.required != null && n.additional == SchemaNode.REJECT) {
                for (String r : n.required) {
                    if (n.properties == null || !n.properties.containsKey(r)) {
                        throw error(doc, loc + "/required", "required property '" + r
                                + "' is not in properties while additionalProperties is false");
                    }
                }
            }
            if (n.minLength >= 0 && n.maxLength >= 0 && n.minLength > n.maxLength) {
                throw error(doc, loc, "minLength is greater than maxLength");
            }
            if (n.minItems >= 0 && n.maxItems >= 0 && n.minItems > n.maxItems) {
                throw error(doc, loc, "minItems is greater than maxItems");
            }
            return n;
        }

        private SchemaNode resolve(SchemaNode n, Doc owner) {
            String ref = n.refText;
            int hash = ref.indexOf('#');
            String base = hash < 0 ? ref : ref.substring(0, hash);
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            Doc target = base.isEmpty() ? owner : docs.get(base);
            if (target == null) {
                throw new SchemaLoadException(n.location + ": $ref '" + ref + "' names an unknown schema; known: "
                        + docs.keySet());
            }
            if (fragment.isEmpty()) {
                return target.root;
            }
            String prefix = "/$defs/";
            if (!fragment.startsWith(prefix) || fragment.indexOf('/', prefix.length()) >= 0) {
                throw new SchemaLoadException(n.location + ": $ref '" + ref
                        + "' is not supported; use '#/$defs/<name>' or '<$id>#/$defs/<name>'");
            }
            String name = fragment.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
            SchemaNode def = target.defs.get(name);
            if (def == null) {
                throw new SchemaLoadException(n.location + ": $ref '" + ref + "' names no definition in "
                        + target.id);
            }
            return def;
        }

        private void type(SchemaNode n, JsonValue v, Doc doc, String at) {
            List<String> names;
            if (v.getValueType() == JsonValue.ValueType.STRING) {
                names = List.of(((JsonString) v).getString());
            } else {
                names = uniqueStrings(v, doc, at);
                if (names.isEmpty()) {
                    throw error(doc, at, "type must not be an empty array");
                }
            }
            int mask = 0;
            List<String> words = new ArrayList<>();
            for (String t : names) {
                switch (t) {
                    case "null" -> mask |= SchemaNode.T_NULL;
                    case "boolean" -> mask |= SchemaNode.T_BOOLEAN;
                    case "object" -> mask |= SchemaNode.T_OBJECT;
                    case "array" -> mask |= SchemaNode.T_ARRAY;
                    case "number" -> mask |= SchemaNode.T_NUMBER;
                    case "string" -> mask |= SchemaNode.T_STRING;
                    case "integer" -> mask |= SchemaNode.T_INTEGER;
                    default -> throw error(doc, at, "unknown type '" + t + "'");
                }
                words.add(t.equals("null") ? "null" : (t.equals("object") || t.equals("array") || t.equals("integer")
                        ? "an " : "a ") + t);
            }
            n.types = mask;
            n.typeText = words.size() == 1 ? words.get(0)
                    : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        }

        private static String string(JsonValue v, Doc doc, String at) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw error(doc, at, "must be a string");
            }
            return ((JsonString) v).getString();
        }

        private static JsonObject object(JsonValue v, Doc doc, String at) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw error(doc, at, "must be an object");
            }
            return v.asJsonObject();
        }

        private static JsonArray array(JsonValue v, Doc doc, String at) {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw error(doc, at, "must be an array");
            }
            return v.asJsonArray();
        }

        private static List<String> uniqueStrings(JsonValue v, Doc doc, String at) {
            JsonArray a = array(v, doc, at);
            List<String> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonValue x : a) {
                String s = string(x, doc, at);
                if (!seen.add(s)) {
                    throw error(doc, at, "'" + s + "' is listed twice");
                }
                out.add(s);
            }
            return out;
        }

        private static int count(JsonValue v, Doc doc, String at) {
            if (v instanceof JsonNumber num && Json.isInteger(num)) {
                BigDecimal d = num.bigDecimalValue();
                if (d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                    return d.intValue();
                }
            }
            throw error(doc, at, "must be a non-negative integer");
        }

        private static BigDecimal number(JsonValue v, Doc doc, String at) {
            if (v instanceof JsonNumber num) {
                return num.bigDecimalValue();
            }
            throw error(doc, at, "must be a number");
        }

        private static String escape(String token) {
            return token.replace("~", "~0").replace("/", "~1");
        }

        private static SchemaLoadException error(Doc doc, String loc, String problem) {
            return new SchemaLoadException(doc.id + loc + ": " + problem);
        }
    }
}
