package cn.cityops.exchange.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import cn.cityops.exchange.pkg.JsonReading;
import cn.cityops.exchange.pkg.MalformedPackageException;

/**
 * The package-type registry (SPEC.md §6): every package type with its schema versions, direction and purpose, and
 * one compiled JSON Schema per (type, version). Loaded from the class path: the index {@code types.json}, the shared
 * definitions {@code common.schema.json} and {@code <type>.v<version>.schema.json} per type and version, all under
 * {@value #RESOURCE_DIRECTORY}. Immutable and thread-safe.
 */
public final class PackageTypes {

    /** Class-path directory of the standard registry. */
    public static final String RESOURCE_DIRECTORY = "cn/cityops/exchange/schemas/";
    /** Name of the index file. */
    public static final String INDEX_FILE = "types.json";
    /** Name of the shared-definitions file. */
    public static final String COMMON_FILE = "common.schema.json";
    /** {@code $id} of the shared definitions; type schemas refer to them as {@code <this>#/$defs/<name>}. */
    public static final String COMMON_ID = "urn:cityops:exchange:schema:common:v1";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*");
    private static final Set<String> DIRECTIONS = Set.of("down", "up", "any");
    private static final int SCHEMA_MAX_DEPTH = 64;

    /**
     * One registered package type.
     *
     * @param name           type name such as {@code task.issue}
     * @param schemaVersions supported payload schema versions (sorted, unmodifiable)
     * @param description    one-line purpose
     * @param direction      {@code down} (from a higher-level node to a lower one), {@code up} (towards the
     *                       national node) or {@code any}
     */
    public record PackageType(String name, Set<Integer> schemaVersions, String description, String direction) {

        /** Copies the versions into a sorted unmodifiable set. */
        public PackageType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(direction, "direction");
            if (schemaVersions == null || schemaVersions.isEmpty()) {
                throw new IllegalArgumentException("a package type needs at least one schema version");
            }
            schemaVersions = Collections.unmodifiableSet(new TreeSet<>(schemaVersions));
        }

        /** The highest supported schema version, what a sender uses when the receiver advertises it too. */
        public int highestVersion() {
            return Collections.max(schemaVersions);
        }

        /**
         * The version a sender uses for a receiver that advertises {@code receiverVersions} (SPEC §15): the highest
         * version both support; empty when they share none. A receiver that advertises nothing for the type (not in
         * the directory yet) is assumed to support version 1.
         */
        public OptionalInt agreedVersion(Collection<Integer> receiverVersions) {
            Collection<Integer> theirs = receiverVersions == null || receiverVersions.isEmpty() ? Set.of(1)
                    : receiverVersions;
            return schemaVersions.stream().filter(theirs::contains).mapToInt(Integer::intValue).max();
        }

        /** The {@code $id} of the schema of one version: {@code urn:cityops:exchange:schema:<name>:v<version>}. */
        public String schemaId(int version) {
            return "urn:cityops:exchange:schema:" + name + ":v" + version;
        }

        /** The schema file name of one version: {@code <name>.v<version>.schema.json}. */
        public String schemaFile(int version) {
            return name + ".v" + version + ".schema.json";
        }
    }

    private final Map<String, PackageType> types;
    private final Map<String, JsonSchema> schemas;

    private PackageTypes(Map<String, PackageType> types, Map<String, JsonSchema> schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    /** The standard registry of this protocol version, loaded and compiled once. */
    public static PackageTypes standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final PackageTypes INSTANCE = load(PackageTypes.class.getClassLoader(), RESOURCE_DIRECTORY);
    }

    /**
     * Loads a registry from a class-path directory laid out like the standard one.
     *
     * @param directory resource directory ending with {@code /}, for example {@value #RESOURCE_DIRECTORY}
     * @throws SchemaLoadException if a file is missing or invalid, or a schema breaks the supported subset
     */
    public static PackageTypes load(ClassLoader loader, String directory) {
        JsonObject index = read(loader, directory, INDEX_FILE);
        Map<String, PackageType> types = new TreeMap<>();
        JsonValue list = index.get("types");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new SchemaLoadException(INDEX_FILE + ": 'types' must be an array");
        }
        for (JsonValue entry : list.asJsonArray()) {
            PackageType type = indexEntry(entry);
            if (types.put(type.name(), type) != null) {
                throw new SchemaLoadException(INDEX_FILE + ": type '" + type.name() + "' is listed twice");
            }
        }
        List<JsonObject> documents = new ArrayList<>();
        JsonObject common = read(loader, directory, COMMON_FILE);
        documents.add(common);
        for (PackageType type : types.values()) {
            for (int version : type.schemaVersions()) {
                JsonObject schema = read(loader, directory, type.schemaFile(version));
                JsonValue id = schema.get("$id");
                if (!(id instanceof JsonString s) || !s.getString().equals(type.schemaId(version))) {
                    throw new SchemaLoadException(type.schemaFile(version) + ": $id must be "
                            + type.schemaId(version));
                }
                documents.add(schema);
            }
        }
        if (!(common.get("$id") instanceof JsonString cid) || !cid.getString().equals(COMMON_ID)) {
            throw new SchemaLoadException(COMMON_FILE + ": $id must be " + COMMON_ID);
        }
        SchemaSet set = SchemaSet.compile(documents);
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (PackageType type : types.values()) {
            for (int version : type.schemaVersions()) {
                schemas.put(key(type.name(), version), set.find(type.schemaId(version)).orElseThrow());
            }
        }
        return new PackageTypes(Collections.unmodifiableMap(types), Collections.unmodifiableMap(schemas));
    }

    private static PackageType indexEntry(JsonValue entry) {
        if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new SchemaLoadException(INDEX_FILE + ": every entry of 'types' must be an object");
        }
        JsonObject o = entry.asJsonObject();
        for (String k : o.keySet()) {
            if (!Set.of("name", "versions", "direction", "description").contains(k)) {
                throw new SchemaLoadException(INDEX_FILE + ": unknown member '" + k + "' in a type entry");
            }
        }
        String name = text(o, "name");
        if (!NAME.matcher(name).matches() || name.length() > 64) {
            throw new SchemaLoadException(INDEX_FILE + ": invalid type name '" + name + "'");
        }
        String direction = text(o, "direction");
        if (!DIRECTIONS.contains(direction)) {
            throw new SchemaLoadException(INDEX_FILE + ": direction of '" + name + "' must be one of " + DIRECTIONS);
        }
        JsonValue versions = o.get("versions");
        if (versions == null || versions.getValueType() != JsonValue.ValueType.ARRAY
                || versions.asJsonArray().isEmpty()) {
            throw new SchemaLoadException(INDEX_FILE + ": versions of '" + name + "' must be a non-empty array");
        }
        Set<Integer> set = new TreeSet<>();
        for (JsonValue v : versions.asJsonArray()) {
            if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > 9999
                    || !set.add(n.intValue())) {
                throw new SchemaLoadException(INDEX_FILE + ": versions of '" + name
                        + "' must be distinct integers 1-9999");
            }
        }
        return new PackageType(name, set, text(o, "description"), direction);
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (!(v instanceof JsonString s) || s.getString().isBlank()) {
            throw new SchemaLoadException(INDEX_FILE + ": '" + name + "' must be a non-empty string in " + o);
        }
        return s.getString();
    }

    private static JsonObject read(ClassLoader loader, String directory, String file) {
        String path = directory + file;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new SchemaLoadException(path + ": not found on the class path");
            }
            return JsonReading.parseObject(in.readAllBytes(), SCHEMA_MAX_DEPTH);
        } catch (IOException e) {
            throw new SchemaLoadException(path + ": cannot be read", e);
        } catch (MalformedPackageException e) {
            throw new SchemaLoadException(path + ": " + e.getMessage(), e);
        }
    }

    private static String key(String type, int version) {
        return type + ":v" + version;
    }

    /** The registered type with this name. */
    public Optional<PackageType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Names of all registered types, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(types.keySet());
    }

    /** True if the type is registered with this schema version. */
    public boolean supports(String type, int version) {
        return schemas.containsKey(key(type, version));
    }

    /**
     * The compiled schema of a type and version.
     *
     * @throws IllegalArgumentException if the type or version is not registered
     */
    public JsonSchema schema(String type, int version) {
        JsonSchema schema = schemas.get(key(type, version));
        if (schema == null) {
            throw new IllegalArgumentException(types.containsKey(type)
                    ? "type '" + type + "' has no schema version " + version + "; supported: "
                            + types.get(type).schemaVersions()
                    : "unknown package type '" + type + "'");
        }
        return schema;
    }

    /**
     * Validates a payload against the schema of its type and version.
     *
     * @return issues as {@code <JSON Pointer>: <message>} strings such as {@code /deadline: must be a date-time
     *         (RFC 3339)}; empty when valid
     * @throws IllegalArgumentException if the type or version is not registered (check {@link #find(String)} and
     *                                  {@link #supports(String, int)} first)
     */
    public List<String> validate(String type, int version, JsonObject payload) {
        List<SchemaIssue> issues = schema(type, version).validate(payload);
        if (issues.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(issues.size());
        for (SchemaIssue issue : issues) {
            out.add(issue.toString());
        }
        return out;
    }

    /** Like {@link #validate(String, int, JsonObject)} with structured issues (pointer and message apart). */
    public List<SchemaIssue> issues(String type, int version, JsonObject payload) {
        return schema(type, version).validate(payload);
    }
}
