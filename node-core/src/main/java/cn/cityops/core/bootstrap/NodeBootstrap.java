package cn.cityops.core.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import cn.cityops.core.config.ConfigCheck;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.exchange.CamelLifecycle;
import cn.cityops.core.exchange.ExchangeRuntime;
import cn.cityops.core.persistence.Migrations;
import cn.cityops.core.security.NodeKeys;
import cn.cityops.core.security.UserService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Brings the node up in a fixed order: check configuration and keys → run migrations (before anything else touches the
 * database) → seed the administrator → start the Camel context → serve. If the database is not reachable yet, the
 * node keeps retrying every few seconds and reports itself not ready meanwhile, instead of failing the deployment.
 * (The application's JNDI names are bound only after CDI start-up, so every attempt runs on the managed
 * scheduler, the first half a second after deployment.)
 */
@ApplicationScoped
public class NodeBootstrap {

    private static final Logger LOG = Logger.getLogger(NodeBootstrap.class.getName());
    private static final long RETRY_SECONDS = 5;

    private volatile DataSource dataSource;


    @Inject
    NodeConfig node;

    @Inject
    NodeState state;

    @Inject
    UserService users;

    @Inject
    CamelLifecycle camel;

    @Inject
    ExchangeRuntime exchange;

    @Inject
    Event<NodeReady> ready;

    @Inject
    @Any
    Instance<ConfigCheck> featureChecks;

    private volatile ScheduledFuture<?> retry;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        pinJsonProvider();
        List<String> problems = new ArrayList<>(node.problems());
        problems.addAll(exchange.problems());
        featureChecks.forEach(c -> problems.addAll(c.problems()));
        if (!problems.isEmpty()) {
            state.set(NodeState.Phase.CONFIG_INVALID, String.join("; ", problems));
            LOG.severe(node.tag() + " NODE-002 configuration invalid, node will not serve: " + problems);
            return;
        }
        try {
            NodeKeys.get();
        } catch (RuntimeException e) {
            state.set(NodeState.Phase.CONFIG_INVALID, "key store: " + e.getMessage());
            LOG.severe(node.tag() + " NODE-002 key store unusable: " + e.getMessage());
            return;
        }
        LOG.info(node.tag() + " NODE-001 starting " + node.level() + " node '" + node.name() + "'");
        retry = scheduler().scheduleWithFixedDelay(() -> {
            if (tryBringUp()) {
                retry.cancel(false);
            }
        }, 500, RETRY_SECONDS * 1000, TimeUnit.MILLISECONDS);
    }

    /** Returns true when the node is serving (now or already). */
    synchronized boolean tryBringUp() {
        if (state.serving()) {
            return true;
        }
        try {
            if (dataSource == null) {
                dataSource = InitialContext.doLookup("java:app/jdbc/cityops");
            }
            if (state.snapshot().phase() != NodeState.Phase.MIGRATED) {
                String version = Migrations.migrate(dataSource, node.level());
                state.migrated(version);
                LOG.info(node.tag() + " NODE-003 database schema at version " + version);
            }
            node.adminInitialPassword().ifPresentOrElse(pw -> {
                if (users.seedAdministrator(pw)) {
                    LOG.info(node.tag() + " SEC-020 seeded administrator 'admin'");
                }
            }, () -> LOG.fine(node.tag() + " no initial administrator password configured"));
            exchange.prepareDirectory();
            camel.start(exchange.routes());
            ready.fire(new NodeReady(node.level()));
            state.set(NodeState.Phase.SERVING, "serving");
            LOG.info(node.tag() + " NODE-004 node ready");
            return true;
        } catch (Exception e) {
            state.set(NodeState.Phase.WAITING_FOR_DATABASE, "start-up step failed, retrying in " + RETRY_SECONDS
                    + " s: " + rootMessage(e));
            LOG.log(Level.WARNING, node.tag() + " NODE-005 start-up step failed, will retry: " + rootMessage(e));
            return false;
        }
    }

    /**
     * Every {@code Json.createX()} call (ours, and the MicroProfile JWT verifier's on every request) looks the JSON-P
     * provider up with a ServiceLoader scan of the class path unless {@code jakarta.json.provider} names it: a fifth
     * of a simple request's time in profiles. Name the container's own provider (Parsson), if it can be loaded.
     */
    static void pinJsonProvider() {
        String key = "jakarta.json.provider";
        if (System.getProperty(key) != null) {
            return;
        }
        System.setProperty(key, "org.eclipse.parsson.JsonProviderImpl");
        try {
            jakarta.json.spi.JsonProvider.provider().createObjectBuilder().build();
        } catch (RuntimeException | LinkageError e) {
            System.clearProperty(key);
            LOG.fine("JSON-P provider not pinned: " + e);
        }
    }

    /**
     * The container's managed scheduler, also for periodic jobs of level features (looked up, because resource
     * injection of it fails in a library jar).
     */
    public static ManagedScheduledExecutorService scheduler() {
        try {
            return InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException e) {
            try {
                return InitialContext.doLookup("concurrent/__defaultManagedScheduledExecutorService");
            } catch (NamingException e2) {
                throw new IllegalStateException("no managed scheduled executor available", e2);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** The data source obtained at start-up, reused by health checks (DESIGN.md §9 pitfall 5). */
    public DataSource dataSource() {
        return dataSource;
    }

    @PreDestroy
    void stop() {
        if (retry != null) {
            retry.cancel(true);
        }
    }
}
