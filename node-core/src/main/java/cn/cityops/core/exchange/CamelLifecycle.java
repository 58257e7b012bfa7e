package cn.cityops.core.exchange;

import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Owns the node's Camel context (Camel 4 has no CDI module — DESIGN.md §9 pitfall 3). Started by the bootstrap after
 * migrations, stopped when the application stops. Exchange routes are added through {@link #start(Iterable)}.
 */
@ApplicationScoped
public class CamelLifecycle {

    private static final Logger LOG = Logger.getLogger(CamelLifecycle.class.getName());

    @Inject
    NodeConfig node;

    private volatile CamelContext context;

    public synchronized void start(Iterable<RoutesBuilder> routes) throws Exception {
        if (context != null) {
            return;
        }
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName("cityops-" + node.nodeIdText());
        for (RoutesBuilder r : routes) {
            ctx.addRoutes(r);
        }
        ctx.start();
        context = ctx;
        LOG.info(node.tag() + " EXC-000 Camel context " + ctx.getName() + " started with " + ctx.getRoutes().size()
                + " routes");
    }

    public boolean isStarted() {
        CamelContext c = context;
        return c != null && c.getStatus().isStarted();
    }

    public String status() {
        CamelContext c = context;
        return c == null ? "not started" : c.getStatus().name();
    }

    @PreDestroy
    synchronized void stop() {
        if (context != null) {
            try {
                context.close();
                LOG.info(node.tag() + " EXC-009 Camel context stopped");
            } catch (Exception e) {
                LOG.warning(node.tag() + " EXC-009 Camel context did not stop cleanly: " + e);
            }
            context = null;
        }
    }
}
