package cn.cityops.provincial;

import cn.cityops.core.config.NodeProfile;
import cn.cityops.model.node.NodeLevel;
import jakarta.enterprise.context.ApplicationScoped;

/** Fixes this WAR's level: 省级平台. */
@ApplicationScoped
public class ProvincialNode implements NodeProfile {

    @Override
    public NodeLevel level() {
        return NodeLevel.PROVINCIAL;
    }
}
