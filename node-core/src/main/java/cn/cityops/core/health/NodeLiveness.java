package cn.cityops.core.health;

import cn.cityops.core.config.NodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live = the application is deployed and can answer. Deliberately does not depend on the database: an outage must
 * make the node not-ready (traffic drains), not dead (an orchestrator would restart it for nothing).
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    @Inject
    NodeConfig node;

    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        return HealthCheckResponse.named("cityops-node-live")
                .withData("nodeId", node.nodeIdText())
                .withData("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) >> 20)
                .up().build();
    }
}
