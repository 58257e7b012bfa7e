package cn.cityops.municipal.space;

import java.io.InputStream;
import java.util.List;
import java.util.function.BiConsumer;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

/**
 * Reading GeoJSON (RFC 7946) uploads: a FeatureCollection is streamed feature by feature (only one feature is in
 * memory at a time), and geometries are checked for shape and coordinate range before they reach PostGIS.
 */
final class GeoJson {

    private GeoJson() {
    }

    /**
     * Streams the features of a FeatureCollection to {@code consumer} (index, feature value as found). Anything that is
     * not a FeatureCollection, or not JSON, is a 400 problem; reading past the body limit a 413 problem.
     *
     * @return the number of features
     */
    static int forEachFeature(InputStream in, BiConsumer<Integer, JsonValue> consumer) {
        String type = null;
        boolean sawFeatures = false;
        int count = 0;
        try (JsonParser p = Json.createParser(in)) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                throw notGeoJson("the body must be a GeoJSON FeatureCollection object");
            }
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                if (e == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = p.getString();
                JsonParser.Event v = p.next();
                if ("features".equals(key)) {
                    if (v != JsonParser.Event.START_ARRAY) {
                        throw notGeoJson("'features' must be an array");
                    }
                    sawFeatures = true;
                    while (true) {
                        JsonParser.Event f = p.next();
                        if (f == JsonParser.Event.END_ARRAY) {
                            break;
                        }
                        consumer.accept(count++, p.getValue());
                    }
                } else if ("type".equals(key)) {
                    if (v != JsonParser.Event.VALUE_STRING) {
                        throw notGeoJson("'type' must be \"FeatureCollection\"");
                    }
                    type = p.getString();
                } else {
                    p.getValue(); // skip foreign members (bbox, crs, name …)
                }
            }
        } catch (JsonException e) {
            throw BodyLimit.translate(e, notGeoJson("the body is not valid JSON: " + e.getMessage()));
        }
        if (!"FeatureCollection".equals(type)) {
            throw notGeoJson("'type' must be \"FeatureCollection\", got " + (type == null ? "none" : "\"" + type
                    + "\""));
        }
        if (!sawFeatures) {
            throw notGeoJson("a FeatureCollection needs a 'features' array");
        }
        return count;
    }

    static ProblemException notGeoJson(String detail) {
        return new ProblemException(ProblemType.MALFORMED, "not a GeoJSON FeatureCollection: " + detail);
    }

    /**
     * Checks a geometry value: one of {@code allowedTypes}, with well-formed coordinates in lon/lat range and
     * closed rings of at least 4 positions for polygons.
     *
     * @return null when fine, else why not
     */
    static String checkGeometry(JsonValue geometry, List<String> allowedTypes) {
        if (geometry == null || geometry.getValueType() == JsonValue.ValueType.NULL) {
            return "geometry is missing";
        }
        if (geometry.getValueType() != JsonValue.ValueType.OBJECT) {
            return "geometry must be a GeoJSON geometry object";
        }
        JsonObject g = geometry.asJsonObject();
        JsonValue t = g.get("type");
        String type = t instanceof jakarta.json.JsonString s ? s.getString() : null;
        if (type == null || !allowedTypes.contains(type)) {
            return "geometry type must be " + String.join(" or ", allowedTypes) + ", got " + (type == null ? "none"
                    : type);
        }
        JsonValue c = g.get("coordinates");
        if (c == null || c.getValueType() != JsonValue.ValueType.ARRAY) {
            return "geometry has no coordinates array";
        }
        JsonArray coords = c.asJsonArray();
        return switch (type) {
            case "Point" -> checkPosition(coords);
            case "Polygon" -> checkPolygon(coords);
            case "MultiPolygon" -> {
                if (coords.isEmpty()) {
                    yield "a MultiPolygon needs at least one polygon";
                }
                for (int i = 0; i < coords.size(); i++) {
                    if (coords.get(i).getValueType() != JsonValue.ValueType.ARRAY) {
                        yield "polygon " + i + " is not an array";
                    }
                    String err = checkPolygon(coords.getJsonArray(i));
                    if (err != null) {
                        yield "polygon " + i + ": " + err;
                    }
                }
                yield null;
            }
            default -> "unsupported geometry type " + type;
        };
    }

    private static String checkPolygon(JsonArray rings) {
        if (rings.isEmpty()) {
            return "a polygon needs an exterior ring";
        }
        for (int r = 0; r < rings.size(); r++) {
            if (rings.get(r).getValueType() != JsonValue.ValueType.ARRAY) {
                return "ring " + r + " is not an array";
            }
            JsonArray ring = rings.getJsonArray(r);
            if (ring.size() < 4) {
                return "ring " + r + " has " + ring.size() + " positions; a closed ring needs at least 4";
            }
            for (int i = 0; i < ring.size(); i++) {
                if (ring.get(i).getValueType() != JsonValue.ValueType.ARRAY) {
                    return "ring " + r + " position " + i + " is not an array";
                }
                String err = checkPosition(ring.getJsonArray(i));
                if (err != null) {
                    return "ring " + r + " position " + i + ": " + err;
                }
            }
            JsonArray first = ring.getJsonArray(0);
            JsonArray last = ring.getJsonArray(ring.size() - 1);
            if (number(first, 0) != number(last, 0) || number(first, 1) != number(last, 1)) {
                return "ring " + r + " is not closed (first and last positions differ)";
            }
        }
        return null;
    }

    /** Checks a [lon, lat(, z)] position. */
    static String checkPosition(JsonArray pos) {
        if (pos.size() < 2 || pos.size() > 3) {
            return "a position must be [lon, lat]";
        }
        for (JsonValue v : pos) {
            if (v.getValueType() != JsonValue.ValueType.NUMBER) {
                return "a position must contain numbers";
            }
        }
        return checkLonLat(number(pos, 0), number(pos, 1));
    }

    /** Null when lon/lat are finite and in range, else why not. */
    static String checkLonLat(double lon, double lat) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            return "longitude " + lon + " is outside -180..180";
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            return "latitude " + lat + " is outside -90..90";
        }
        return null;
    }

    private static double number(JsonArray a, int i) {
        return ((JsonNumber) a.get(i)).doubleValue();
    }

    /** A property as text: strings as is, numbers in their JSON form, null/absent as null. */
    static String text(JsonObject props, String name) {
        if (props == null) {
            return null;
        }
        JsonValue v = props.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof jakarta.json.JsonString s) {
            String t = s.getString().trim();
            return t.isEmpty() ? null : t;
        }
        return v.toString();
    }
}
