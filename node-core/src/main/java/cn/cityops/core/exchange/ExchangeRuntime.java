package cn.cityops.core.exchange;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pki.Pem;
import cn.cityops.model.node.NodeLevel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.camel.RoutesBuilder;

/** Assembles the exchange routes for the Camel context and prepares the directory on first start. */
@ApplicationScoped
public class ExchangeRuntime {

    private static final Logger LOG = Logger.getLogger(ExchangeRuntime.class.getName());

    @Inject
    NodeConfig node;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeKeys keys;

    @Inject
    NodeDirectory directory;

    @Inject
    Outbox outbox;

    @Inject
    Delivery delivery;

    @Inject
    FerryIn ferryIn;

    @Inject
    Retention retention;

    @Inject
    ExchangeMetrics metrics;

    private ExecutorService senders;

    /** The routes to start; empty routes list problems are reported by {@link #problems()}. */
    public synchronized List<RoutesBuilder> routes() {
        metrics.register();
        if (senders == null) {
            AtomicInteger n = new AtomicInteger();
            senders = Executors.newFixedThreadPool(settings.senders(), r -> {
                Thread t = new Thread(r, "exchange-send-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return List.of(new ExchangeRoutes(settings, outbox, delivery, ferryIn, retention, senders));
    }

    public List<String> problems() {
        return settings.problems();
    }

    /** On the national node: make sure the directory lists the national node itself. */
    @Transactional
    public void prepareDirectory() {
        if (node.level() != NodeLevel.NATIONAL || !keys.enrolled() || directory.knows(node.nodeId())) {
            return;
        }
        var c = keys.credentials();
        long v = directory.upsert(new Peer(node.nodeId(), node.name(), NodeLevel.NATIONAL, null, node.baseUrl(),
                Peer.Transport.HTTP, Pem.toPem(c.certificate()), "{}"), null);
        LOG.info(node.tag() + " EXC-011 national node entered itself in the directory (version " + v + ")");
    }

    @PreDestroy
    void stop() {
        if (senders != null) {
            senders.shutdownNow();
        }
    }
}
