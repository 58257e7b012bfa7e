package cn.cityops.municipal;

import cn.cityops.core.config.NodeProfile;
import cn.cityops.model.node.NodeLevel;
import jakarta.enterprise.context.ApplicationScoped;

/** Fixes this WAR's level: 市级平台. */
@ApplicationScoped
public class MunicipalNode implements NodeProfile {

    @Override
    public NodeLevel level() {
        return NodeLevel.MUNICIPAL;
    }
}
