package cn.cityops.core.exchange;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;

/** One node of the federation as the directory describes it. */
public record Peer(NodeId id, String name, NodeLevel level, NodeId parent, String baseUrl, Transport transport,
        String certificatePem, String schemaVersions) {

    /**
     * The schema versions of a package type this node advertises in the directory ({@code schemaVersions}: a JSON
     * array of {@code {"type", "versions"}}); empty when it advertises none for the type.
     */
    public List<Integer> schemaVersionsOf(String type) {
        if (schemaVersions == null || !schemaVersions.startsWith("[")) {
            return List.of();
        }
        try (JsonReader r = Json.createReader(new StringReader(schemaVersions))) {
            for (JsonValue v : r.readArray()) {
                if (v instanceof JsonObject o && type.equals(o.getString("type", null))
                        && o.get("versions") instanceof JsonArray vs) {
                    return vs.getValuesAs(JsonNumber.class).stream().map(JsonNumber::intValue).toList();
                }
            }
        }
        return List.of();
    }

    /** How packages reach this node. */
    public enum Transport {
        /** HTTPS (or HTTP inside a test network) POST to {@code <baseUrl>/api/exchange/packages}. */
        HTTP,
        /** Files through the one-way gateway directories (file ferry). */
        FERRY
    }
}
