package cn.cityops.municipal.attachment;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import cn.cityops.core.bootstrap.NodeState;
import cn.cityops.core.config.NodeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Removes unlinked uploads older than {@code cityops.attachments.unlinked-retention-hours}, hourly, on the container's
 * managed scheduler (the work itself is {@link Attachments#purgeUnlinked()}, callable directly).
 */
@ApplicationScoped
public class AttachmentJanitor {

    private static final Logger LOG = Logger.getLogger(AttachmentJanitor.class.getName());
    static final long FIRST_RUN_MINUTES = 5;
    static final long PERIOD_MINUTES = 60;

    @Inject
    Attachments attachments;

    @Inject
    NodeState state;

    @Inject
    NodeConfig node;

    private volatile ScheduledFuture<?> job;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            job = scheduler().scheduleWithFixedDelay(this::runOnce, FIRST_RUN_MINUTES, PERIOD_MINUTES,
                    TimeUnit.MINUTES);
        } catch (IllegalStateException e) {
            LOG.warning(node.tag() + " ATT-019 no scheduler, unlinked attachments are not cleaned up: " + e);
        }
    }

    /** One clean-up pass, skipped while the node is not serving. */
    void runOnce() {
        if (!state.serving()) {
            return;
        }
        try {
            attachments.purgeUnlinked();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, node.tag() + " ATT-011 clean-up of unlinked attachments failed, retried in "
                    + PERIOD_MINUTES + " min: " + e);
        }
    }

    private static ManagedScheduledExecutorService scheduler() {
        try {
            return InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException e) {
            throw new IllegalStateException("no managed scheduled executor available", e);
        }
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel(false);
        }
    }
}
