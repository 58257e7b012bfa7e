package cn.cityops.municipal.reporting;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.bootstrap.NodeReady;
import cn.cityops.core.reporting.ReportingSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every {@code cityops.reporting.check-seconds} the city checks whether the last completed period of the cadence has
 * been reported, and reports it if not (so a node that was down at midnight catches up when it comes back).
 */
@ApplicationScoped
public class ReportSchedule {

    private static final Logger LOG = Logger.getLogger(ReportSchedule.class.getName());

    @Inject
    UpwardReports reports;

    @Inject
    ReportingSettings settings;

    private volatile ScheduledFuture<?> job;
    private final AtomicLong checks = new AtomicLong();
    private volatile Instant lastCheckAt;

    /**
     * What the schedule of this instance has done since start: the cadence, the check interval, how many checks ran
     * and when the last one did (a check that found the period reported sends nothing).
     */
    public record Status(String cadence, int checkSeconds, long checks, Instant lastCheckAt) {
    }

    public Status status() {
        return new Status(settings.cadence().name(), settings.checkSeconds(), checks.get(), lastCheckAt);
    }

    void start(@Observes NodeReady ready) {
        if (job == null) {
            long period = settings.checkSeconds();
            job = NodeBootstrap.scheduler().scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.SECONDS);
        }
    }

    private void runSafely() {
        lastCheckAt = Instant.now();
        try {
            if (reports.sendScheduled(Instant.now())) {
                LOG.info("REP-001 scheduled " + settings.cadence() + " report sent to the province and the national"
                        + " node");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "REP-002 scheduled report failed, retrying next check: " + e.getMessage(), e);
        } finally {
            checks.incrementAndGet();
        }
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel(false);
        }
    }
}
