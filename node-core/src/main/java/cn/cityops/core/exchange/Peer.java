package cn.cityops.core.exchange;

import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;

/** One node of the federation as the directory describes it. */
public record Peer(NodeId id, String name, NodeLevel level, NodeId parent, String baseUrl, Transport transport,
        String certificatePem, String schemaVersions) {

    /** How packages reach this node. */
    public enum Transport {
        /** HTTPS (or HTTP inside a test network) POST to {@code <baseUrl>/api/exchange/packages}. */
        HTTP,
        /** Files through the one-way gateway directories (file ferry). */
        FERRY
    }
}
