package cn.cityops.municipal.caseflow;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import cn.cityops.core.bootstrap.NodeBootstrap;
import cn.cityops.core.bootstrap.NodeReady;
import cn.cityops.core.persistence.Jdbc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Raises an OVERDUE alert for the dispatchers and leaders once per stage pass whose deadline has gone by (suspended
 * cases excepted). One statement marks the facts and writes the alerts, so several instances never alert twice.
 */
@ApplicationScoped
public class OverdueWatch {

    private static final Logger LOG = Logger.getLogger(OverdueWatch.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    CaseSettings settings;

    private volatile ScheduledFuture<?> job;

    void start(@Observes NodeReady ready) {
        if (job == null) {
            long period = settings.watchSeconds();
            job = NodeBootstrap.scheduler().scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.SECONDS);
        }
    }

    private void runSafely() {
        try {
            int n = run();
            if (n > 0) {
                LOG.info("CASE-010 " + n + " stage deadline(s) passed: alerts raised");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CASE-011 overdue check failed, retrying next period: " + e.getMessage());
        }
    }

    /** Marks overdue open stage facts and alerts them; returns how many. */
    public int run() {
        return jdbc.query("WITH due AS (UPDATE city_case_fact f SET overdue_alerted = true FROM city_case c"
                + " WHERE c.id = f.case_id AND f.ended_at IS NULL AND NOT f.overdue_alerted AND f.deadline < now()"
                + " AND c.paused_at IS NULL RETURNING f.id, f.case_id, f.stage, f.deadline)"
                + " INSERT INTO city_case_alert (case_id, fact_id, kind, stage, deadline)"
                + " SELECT case_id, id, 'OVERDUE', stage, deadline FROM due RETURNING id", rs -> rs.getLong(1)).size();
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel(false);
        }
    }
}
