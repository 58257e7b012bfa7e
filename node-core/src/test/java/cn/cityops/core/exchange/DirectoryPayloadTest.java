package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.cityops.core.problem.Problem;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import jakarta.json.JsonObject;

/** Each node of a directory update advertises the schema versions it was registered with (SPEC §15). */
class DirectoryPayloadTest {

    static Peer peer(String id, String versions) {
        NodeId n = NodeId.of(id);
        return new Peer(n, "node " + id, n.level(), n.parent().orElse(null), "http://127.0.0.1:1/" + id,
                Peer.Transport.HTTP, "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----", versions);
    }

    @Test
    void aNodeRegisteredWithOlderVersionsIsAdvertisedWithThem() {
        List<Problem.Issue> issues = new ArrayList<>();
        String older = DirectoryService.advertised(List.of(new DirectoryService.TypeVersions("basicdata.report",
                List.of(1)), new DirectoryService.TypeVersions("ping", List.of(1, 1))), issues);
        assertEquals(List.of(), issues);
        Map<NodeId, Peer> peers = new LinkedHashMap<>();
        peers.put(NodeId.NATIONAL, peer("100000", "{}"));
        peers.put(NodeId.of("140000"), peer("140000", older));
        JsonObject payload = DirectoryService.payload(new NodeDirectory.Snapshot(7, peers, 0), Optional.empty());

        JsonObject national = payload.getJsonArray("nodes").getJsonObject(0);
        JsonObject province = payload.getJsonArray("nodes").getJsonObject(1);
        Peer provinceAsReceived = new Peer(NodeId.of("140000"), "", NodeLevel.PROVINCIAL, NodeId.NATIONAL, null,
                Peer.Transport.HTTP, "", province.getJsonArray("schemaVersions").toString());
        Peer nationalAsReceived = new Peer(NodeId.NATIONAL, "", NodeLevel.NATIONAL, null, null, Peer.Transport.HTTP,
                "", national.getJsonArray("schemaVersions").toString());
        assertEquals(List.of(1), provinceAsReceived.schemaVersionsOf("basicdata.report"));
        assertEquals(List.of(1), provinceAsReceived.schemaVersionsOf("ping"), "versions listed once");
        assertEquals(List.of(), provinceAsReceived.schemaVersionsOf("task.issue"), "not advertised");
        assertEquals(List.of(1, 2), nationalAsReceived.schemaVersionsOf("basicdata.report"), "this node's own");
    }

    @Test
    void malformedVersionListsAreNamedByField() {
        List<Problem.Issue> issues = new ArrayList<>();
        assertEquals("{}", DirectoryService.advertised(null, issues));
        DirectoryService.advertised(Arrays.asList(new DirectoryService.TypeVersions("Task Issue", List.of(1)),
                new DirectoryService.TypeVersions("ping", List.of()),
                new DirectoryService.TypeVersions("receipt", Arrays.asList(1, 0)),
                new DirectoryService.TypeVersions("ping", List.of(1))), issues);
        assertEquals(List.of("schemaVersions[0].type", "schemaVersions[1].versions", "schemaVersions[2].versions",
                "schemaVersions[3].type"), issues.stream().map(Problem.Issue::field).toList());
        assertTrue(issues.get(3).message().contains("once"));
    }
}
