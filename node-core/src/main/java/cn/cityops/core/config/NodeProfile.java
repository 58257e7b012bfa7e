package cn.cityops.core.config;

import cn.cityops.model.node.NodeLevel;

/**
 * What a node WAR is. Each node module provides exactly one CDI bean implementing this; the level is therefore fixed
 * by the WAR and cannot be changed by configuration.
 */
public interface NodeProfile {

    NodeLevel level();

    /** Node id used when {@code cityops.node.id} is not configured (only the national node has one: 100000). */
    default String defaultNodeId() {
        return null;
    }
}
