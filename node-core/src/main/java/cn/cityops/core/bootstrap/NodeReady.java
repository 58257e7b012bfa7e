package cn.cityops.core.bootstrap;

import cn.cityops.model.node.NodeLevel;

/**
 * Fired once the database is migrated and the exchange started, just before the node starts serving: level features
 * observe it to seed their defaults and start their periodic jobs. An observer that throws keeps the node from serving
 * and the whole start-up step is retried.
 */
public record NodeReady(NodeLevel level) {
}
