package cn.cityops.exchange.schema;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** JSON value helpers with JSON Schema semantics (numbers compare by value). */
final class Json {

    private Json() {
    }

    /** True if the number has no fractional part (JSON Schema "integer": 1.0 counts). */
    static boolean isInteger(JsonNumber n) {
        if (n.isIntegral()) {
            return true;
        }
        BigDecimal d = n.bigDecimalValue();
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** JSON Schema equality: same type, numbers by value, objects regardless of member order. */
    static boolean equal(JsonValue a, JsonValue b) {
        JsonValue.ValueType ta = a.getValueType();
        if (ta != b.getValueType()) {
            return false;
        }
        switch (ta) {
            case STRING:
                return ((JsonString) a).getString().equals(((JsonString) b).getString());
            case NUMBER:
                return ((JsonNumber) a).bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue()) == 0;
            case ARRAY: {
                JsonArray x = (JsonArray) a;
                JsonArray y = (JsonArray) b;
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                JsonObject x = (JsonObject) a;
                JsonObject y = (JsonObject) b;
                if (x.size() != y.size()) {
                    return false;
                }
                for (Map.Entry<String, JsonValue> e : x.entrySet()) {
                    JsonValue other = y.get(e.getKey());
                    if (other == null || !equal(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return true; // TRUE, FALSE, NULL: same type means same value
        }
    }

    /** Short JSON text of a value for messages. */
    static String text(JsonValue v) {
        String s = v.getValueType() == JsonValue.ValueType.STRING
                ? "\"" + ((JsonString) v).getString() + "\"" : v.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
