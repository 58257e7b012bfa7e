package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.cityops.model.node.NodeId;

class RoutingTest {

    private static List<NodeId> ids(String... values) {
        return Arrays.stream(values).map(NodeId::of).toList();
    }

    private static NodeId id(String value) {
        return NodeId.of(value);
    }

    @Test
    void pathsFollowTheHierarchy() {
        assertEquals(ids("140600", "140000", "100000"), Routing.path(id("140600"), id("100000")));
        assertEquals(ids("100000", "140000", "140600"), Routing.path(id("100000"), id("140600")));
        assertEquals(ids("140600", "140000", "140700"), Routing.path(id("140600"), id("140700")));
        assertEquals(ids("140600", "140000", "100000", "130000", "130100"), Routing.path(id("140600"), id("130100")));
        assertEquals(ids("140000", "140600"), Routing.path(id("140000"), id("140600")));
        assertEquals(ids("140000", "100000", "130000"), Routing.path(id("140000"), id("130000")));
        assertEquals(ids("140600"), Routing.path(id("140600"), id("140600")));
    }

    @Test
    void nextHopAndPreviousHop() {
        assertEquals(id("140000"), Routing.nextHop(id("100000"), id("140600")));
        assertEquals(id("140600"), Routing.nextHop(id("140000"), id("140600")));
        assertEquals(id("140000"), Routing.nextHop(id("140600"), id("100000")));
        assertThrows(IllegalArgumentException.class, () -> Routing.nextHop(id("140600"), id("140600")));
    }

    @Test
    void onPath() {
        assertTrue(Routing.isOnPath(id("140000"), id("100000"), id("140600")));
        assertFalse(Routing.isOnPath(id("130000"), id("100000"), id("140600")));
        assertFalse(Routing.isOnPath(id("140700"), id("100000"), id("140600")));
    }
}
