package cn.cityops.national;

import cn.cityops.core.config.NodeProfile;
import cn.cityops.model.node.NodeLevel;
import jakarta.enterprise.context.ApplicationScoped;

/** Fixes this WAR's level: 国家平台. */
@ApplicationScoped
public class NationalNode implements NodeProfile {

    @Override
    public NodeLevel level() {
        return NodeLevel.NATIONAL;
    }

    /** The national node's id is fixed by convention (not a GB/T 2260 division). */
    @Override
    public String defaultNodeId() {
        return "100000";
    }
}
