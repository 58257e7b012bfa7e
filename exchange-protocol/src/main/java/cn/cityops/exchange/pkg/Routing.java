package cn.cityops.exchange.pkg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import cn.cityops.model.node.NodeId;

/**
 * Hop-by-hop routing along the hierarchy (SPEC.md §12): a package travels from its sender up to the nearest common
 * ancestor of sender and receiver and down again (municipal ↔ its province ↔ national). Pure functions of node ids.
 */
public final class Routing {

    private Routing() {
    }

    /**
     * Every node a package visits, sender and receiver included; a single element when they are equal. Examples:
     * 140600 → 100000 is [140600, 140000, 100000]; 140600 → 140700 is [140600, 140000, 140700]; 140600 → 130100 is
     * [140600, 140000, 100000, 130000, 130100].
     */
    public static List<NodeId> path(NodeId from, NodeId to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<NodeId> up = ancestry(from);
        List<NodeId> down = ancestry(to);
        int common = -1;
        for (int i = 0; i < up.size() && common < 0; i++) {
            if (down.contains(up.get(i))) {
                common = i;
            }
        }
        List<NodeId> path = new ArrayList<>(up.subList(0, common + 1));
        List<NodeId> tail = new ArrayList<>(down.subList(0, down.indexOf(up.get(common))));
        Collections.reverse(tail);
        path.addAll(tail);
        return List.copyOf(path);
    }

    /**
     * The neighbour to hand a package to, from {@code here} towards {@code destination}; also the previous hop to
     * address a receipt to when {@code destination} is the package's sender.
     *
     * @throws IllegalArgumentException if {@code here} equals {@code destination}
     */
    public static NodeId nextHop(NodeId here, NodeId destination) {
        if (here.equals(destination)) {
            throw new IllegalArgumentException("node " + here + " is the destination itself");
        }
        return path(here, destination).get(1);
    }

    /** True if {@code node} lies on the path from {@code from} to {@code to} (ends included). */
    public static boolean isOnPath(NodeId node, NodeId from, NodeId to) {
        return path(from, to).contains(node);
    }

    private static List<NodeId> ancestry(NodeId node) {
        List<NodeId> chain = new ArrayList<>(3);
        NodeId current = node;
        chain.add(current);
        while (current.parent().isPresent()) {
            current = current.parent().get();
            chain.add(current);
        }
        return chain;
    }
}
