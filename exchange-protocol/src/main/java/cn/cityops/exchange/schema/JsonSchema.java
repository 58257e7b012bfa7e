package cn.cityops.exchange.schema;

import java.util.List;

import jakarta.json.JsonValue;

/**
 * A compiled schema of the supported JSON Schema 2020-12 subset (SPEC.md §6.2), obtained from a {@link SchemaSet}.
 * Immutable and thread-safe; validation walks precompiled nodes and allocates only for reported issues.
 */
public final class JsonSchema {

    /** At most this many issues are reported per validation; the rest are not looked for. */
    public static final int MAX_ISSUES = 100;

    private final String id;
    private final SchemaNode root;

    JsonSchema(String id, SchemaNode root) {
        this.id = id;
        this.root = root;
    }

    /** The schema's {@code $id}. */
    public String id() {
        return id;
    }

    /**
     * Validates a value.
     *
     * @return the issues in document order, at most {@value #MAX_ISSUES}; empty when the value is valid
     */
    public List<SchemaIssue> validate(JsonValue value) {
        SchemaNode.Issues issues = new SchemaNode.Issues(MAX_ISSUES);
        root.validate(value, SchemaNode.Ptr.ROOT, issues);
        return List.copyOf(issues.list());
    }

    /** True if {@link #validate(JsonValue)} finds nothing. */
    public boolean isValid(JsonValue value) {
        SchemaNode.Issues issues = new SchemaNode.Issues(1);
        root.validate(value, SchemaNode.Ptr.ROOT, issues);
        return issues.list().isEmpty();
    }

    /** The {@code $id}. */
    @Override
    public String toString() {
        return "JsonSchema[" + id + "]";
    }
}
