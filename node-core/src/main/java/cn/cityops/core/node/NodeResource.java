package cn.cityops.core.node;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The node's identity as its users see it. */
@Path("node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @Inject
    NodeConfig node;

    public record NodeInfo(String id, String level, String levelLabel, String name, String baseUrl, String parentUrl,
            String zone) {
    }

    @GET
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public NodeInfo get() {
        return new NodeInfo(node.nodeIdText(), node.level().name(), node.level().label(), node.name(),
                node.baseUrl(), node.parentUrl().orElse(null), node.zone().getId());
    }
}
