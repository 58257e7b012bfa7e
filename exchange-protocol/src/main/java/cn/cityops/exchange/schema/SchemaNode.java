package cn.cityops.exchange.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** One compiled (sub)schema: the keywords of the subset as fields, evaluated without any lookup by name. */
final class SchemaNode {

    static final int T_NULL = 1;
    static final int T_BOOLEAN = 2;
    static final int T_OBJECT = 4;
    static final int T_ARRAY = 8;
    static final int T_NUMBER = 16;
    static final int T_STRING = 32;
    static final int T_INTEGER = 64;

    /** The boolean schema {@code true}. */
    static final SchemaNode ACCEPT = new SchemaNode("true", Boolean.TRUE);
    /** The boolean schema {@code false}. */
    static final SchemaNode REJECT = new SchemaNode("false", Boolean.FALSE);

    final String location;
    final Boolean fixed;

    int types;
    String typeText;
    Map<String, SchemaNode> properties;
    String[] required;
    SchemaNode additional;
    JsonValue[] enumValues;
    Set<String> enumStrings;
    String enumText;
    JsonValue constValue;
    String constText;
    Pattern pattern;
    String patternText;
    int minLength = -1;
    int maxLength = -1;
    BigDecimal minimum;
    BigDecimal maximum;
    Formats format;
    SchemaNode items;
    int minItems = -1;
    int maxItems = -1;
    String refText;
    SchemaNode ref;

    private boolean stringChecks;
    private boolean objectChecks;
    private boolean arrayChecks;

    SchemaNode(String location) {
        this(location, null);
    }

    private SchemaNode(String location, Boolean fixed) {
        this.location = location;
        this.fixed = fixed;
    }

    /** Precomputes which groups of checks apply; called once after compilation. */
    void seal() {
        stringChecks = pattern != null || minLength >= 0 || maxLength >= 0 || format != null;
        objectChecks = properties != null || required != null || additional != null;
        arrayChecks = items != null || minItems >= 0 || maxItems >= 0;
    }

    /** Collects issues of {@code v} at {@code ptr}. */
    void validate(JsonValue v, Ptr ptr, Issues out) {
        if (out.full()) {
            return;
        }
        if (fixed != null) {
            if (!fixed) {
                out.add(ptr, "is not allowed");
            }
            return;
        }
        if (ref != null) {
            ref.validate(v, ptr, out);
        }
        JsonValue.ValueType vt = v.getValueType();
        if (types != 0 && !typeMatches(vt, v)) {
            out.add(ptr, "must be " + typeText);
            return;
        }
        if (constText != null && !Json.equal(constValue, v)) {
            out.add(ptr, "must be " + constText);
        }
        if (enumText != null && !inEnum(v)) {
            out.add(ptr, "must be one of " + enumText);
        }
        switch (vt) {
            case STRING -> {
                if (stringChecks) {
                    checkString(((JsonString) v).getString(), ptr, out);
                }
            }
            case NUMBER -> {
                if (minimum != null || maximum != null) {
                    checkNumber((JsonNumber) v, ptr, out);
                }
            }
            case OBJECT -> {
                if (objectChecks) {
                    checkObject((JsonObject) v, ptr, out);
                }
            }
            case ARRAY -> {
                if (arrayChecks) {
                    checkArray((JsonArray) v, ptr, out);
                }
            }
            default -> {
            }
        }
    }

    private boolean typeMatches(JsonValue.ValueType vt, JsonValue v) {
        return switch (vt) {
            case NULL -> (types & T_NULL) != 0;
            case TRUE, FALSE -> (types & T_BOOLEAN) != 0;
            case OBJECT -> (types & T_OBJECT) != 0;
            case ARRAY -> (types & T_ARRAY) != 0;
            case STRING -> (types & T_STRING) != 0;
            case NUMBER -> (types & T_NUMBER) != 0
                    || ((types & T_INTEGER) != 0 && Json.isInteger((JsonNumber) v));
        };
    }

    private boolean inEnum(JsonValue v) {
        if (enumStrings != null) {
            return v.getValueType() == JsonValue.ValueType.STRING
                    && enumStrings.contains(((JsonString) v).getString());
        }
        for (JsonValue e : enumValues) {
            if (Json.equal(e, v)) {
                return true;
            }
        }
        return false;
    }

    private void checkString(String s, Ptr ptr, Issues out) {
        if (minLength >= 0 || maxLength >= 0) {
            int units = s.length();
            boolean maxSure = maxLength < 0 || units <= maxLength;
            boolean minSure = minLength < 0 || (units + 1) / 2 >= minLength;
            if (!maxSure || !minSure) {
                int cps = s.codePointCount(0, units);
                if (minLength >= 0 && cps < minLength) {
                    out.add(ptr, minLength == 1 ? "must not be empty"
                            : "must be at least " + minLength + " characters long");
                }
                if (maxLength >= 0 && cps > maxLength) {
                    out.add(ptr, "must be at most " + maxLength + " characters long");
                }
            }
        }
        if (pattern != null && !pattern.matcher(s).find()) {
            out.add(ptr, "must match the pattern " + patternText);
        }
        if (format != null && !format.test(s)) {
            out.add(ptr, "must be " + format.description());
        }
    }

    private void checkNumber(JsonNumber n, Ptr ptr, Issues out) {
        BigDecimal d = n.bigDecimalValue();
        if (minimum != null && d.compareTo(minimum) < 0) {
            out.add(ptr, "must be at least " + minimum.toPlainString());
        }
        if (maximum != null && d.compareTo(maximum) > 0) {
            out.add(ptr, "must be at most " + maximum.toPlainString());
        }
    }

    private void checkObject(JsonObject o, Ptr ptr, Issues out) {
        if (required != null) {
            for (String name : required) {
                if (!o.containsKey(name)) {
                    out.add(new Ptr(ptr, name), "is required");
                }
            }
        }
        if (properties == null && additional == null) {
            return;
        }
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (out.full()) {
                return;
            }
            SchemaNode p = properties == null ? null : properties.get(e.getKey());
            if (p == null) {
                p = additional;
            }
            if (p != null) {
                p.validate(e.getValue(), new Ptr(ptr, e.getKey()), out);
            }
        }
    }

    private void checkArray(JsonArray a, Ptr ptr, Issues out) {
        int size = a.size();
        if (minItems >= 0 && size < minItems) {
            out.add(ptr, "must have at least " + minItems + (minItems == 1 ? " item" : " items"));
        }
        if (maxItems >= 0 && size > maxItems) {
            out.add(ptr, "must have at most " + maxItems + (maxItems == 1 ? " item" : " items"));
        }
        if (items != null) {
            for (int i = 0; i < size && !out.full(); i++) {
                items.validate(a.get(i), new Ptr(ptr, i), out);
            }
        }
    }

    /** A JSON Pointer built while descending; rendered only when an issue is reported. */
    static final class Ptr {
        static final Ptr ROOT = new Ptr(null, null, -1);

        private final Ptr parent;
        private final String key;
        private final int index;

        Ptr(Ptr parent, String key) {
            this(parent, key, -1);
        }

        Ptr(Ptr parent, int index) {
            this(parent, null, index);
        }

        private Ptr(Ptr parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder(parent.toString()).append('/');
            if (key != null) {
                sb.append(key.replace("~", "~0").replace("/", "~1"));
            } else {
                sb.append(index);
            }
            return sb.toString();
        }
    }

    /** Issue collector with a limit. */
    static final class Issues {
        private final int max;
        private final List<SchemaIssue> list = new ArrayList<>(2);

        Issues(int max) {
            this.max = max;
        }

        boolean full() {
            return list.size() >= max;
        }

        void add(Ptr ptr, String message) {
            if (!full()) {
                list.add(new SchemaIssue(ptr.toString(), message));
            }
        }

        List<SchemaIssue> list() {
            return list;
        }
    }
}
