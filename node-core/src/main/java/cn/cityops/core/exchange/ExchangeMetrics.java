package cn.cityops.core.exchange;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Exchange gauges for {@code /metrics} (Prometheus): packages per outbox and inbox status, rejections, duplicates and
 * message-log length — read from one snapshot of {@link ExchangeMonitor#totals()} refreshed at most every 5 s.
 */
@ApplicationScoped
public class ExchangeMetrics {

    private static final long TTL_NANOS = 5_000_000_000L;

    @Inject
    MetricRegistry registry;

    @Inject
    ExchangeMonitor monitor;

    @Inject
    ExchangeStats stats;

    private volatile Map<String, Long> snapshot = Map.of();
    private volatile long takenAt;
    private volatile boolean registered;

    synchronized void register() {
        if (registered) {
            return;
        }
        for (String s : new String[] {"READY", "SENDING", "WAITING_RECEIPT", "RETRYING", "FAILED", "ACKNOWLEDGED"}) {
            registry.gauge("cityops_exchange_outbox_packages", () -> value("outbox." + s), new Tag("status", s));
        }
        for (String s : new String[] {"APPLIED", "STORED", "WAITING", "FORWARDED"}) {
            registry.gauge("cityops_exchange_inbox_packages", () -> value("inbox." + s), new Tag("status", s));
        }
        registry.gauge("cityops_exchange_rejections", () -> value("rejections"));
        registry.gauge("cityops_exchange_duplicates_received", () -> value("duplicatesReceived"));
        registry.gauge("cityops_exchange_message_log_entries", () -> value("messageLog"));
        for (ExchangeStats.Stage stage : ExchangeStats.Stage.values()) {
            registry.gauge("cityops_exchange_" + stage.key + "_seconds_total", () -> stats.seconds(stage));
        }
        registered = true;
    }

    private long value(String key) {
        if (System.nanoTime() - takenAt > TTL_NANOS) {
            try {
                snapshot = monitor.totals();
            } catch (RuntimeException e) {
                snapshot = Map.of();
            }
            takenAt = System.nanoTime();
        }
        return snapshot.getOrDefault(key, 0L);
    }
}
