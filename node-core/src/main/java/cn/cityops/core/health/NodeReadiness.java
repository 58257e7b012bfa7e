package cn.cityops.core.health;

import java.sql.Connection;

import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.bootstrap.NodeState;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.CamelLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready = configuration valid, migrations done, database answering now, Camel context started. */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    @Inject
    NodeState state;

    @Inject
    NodeBootstrap bootstrap;

    @Inject
    CamelLifecycle camel;

    @Inject
    NodeConfig node;

    @Override
    public HealthCheckResponse call() {
        NodeState.Snapshot s = state.snapshot();
        String db = databaseStatus();
        boolean up = s.phase() == NodeState.Phase.SERVING && "UP".equals(db) && camel.isStarted();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("cityops-node")
                .withData("nodeId", node.nodeIdText())
                .withData("level", node.level().name())
                .withData("phase", s.phase().name())
                .withData("detail", s.detail())
                .withData("schemaVersion", s.schemaVersion().orElse("none"))
                .withData("database", db)
                .withData("camel", camel.status());
        return (up ? b.up() : b.down()).build();
    }

    private String databaseStatus() {
        if (bootstrap.dataSource() == null) {
            return "DOWN: no data source";
        }
        try (Connection c = bootstrap.dataSource().getConnection()) {
            return c.isValid(2) ? "UP" : "DOWN: connection not valid";
        } catch (Exception e) {
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }
}
