package cn.cityops.core.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Time spent per exchange stage since the node started, summed over all threads, so that a benchmark (or an operator)
 * can see where the time goes: signing (own packages, receipts), verifying (incoming packages, receipts), the
 * database (storing, applying and logging incoming packages; claiming and recording outgoing ones) and the HTTP round
 * trip as the sender sees it (which contains the receiver's work). Wall time ({@code time.*Nanos}) and the CPU time of
 * the measuring thread ({@code cpu.*Nanos}; PostgreSQL's own CPU is not in it) are kept apart. Exposed in
 * {@code /api/exchange/status} totals ({@code time.*Nanos}, {@code cpu.*Nanos}, {@code count.*}) and as
 * {@code cityops_exchange_*_seconds_total} (wall) in /metrics.
 */
@ApplicationScoped
public class ExchangeStats {

    /** The stages measured. */
    public enum Stage {
        SIGN("sign"), VERIFY("verify"), DB("db"), HTTP("http"), SERVE("serve");

        final String key;

        Stage(String key) {
            this.key = key;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();

    private final Map<Stage, LongAdder> nanos = new java.util.EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> cpuNanos = new java.util.EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> counts = new java.util.EnumMap<>(Stage.class);
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder batchesReceived = new LongAdder();
    private final LongAdder packagesInBatchesReceived = new LongAdder();
    private final LongAdder batchFallbacks = new LongAdder();

    public ExchangeStats() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
            cpuNanos.put(s, new LongAdder());
            counts.put(s, new LongAdder());
        }
    }

    /** CPU time of the current thread in nanoseconds (0 where the JVM cannot tell). */
    public static long cpu() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Adds the wall time since {@code t0} (System.nanoTime) to {@code stage}; returns now. */
    public long since(Stage stage, long t0) {
        long now = System.nanoTime();
        nanos.get(stage).add(now - t0);
        counts.get(stage).increment();
        return now;
    }

    /**
     * Adds the wall time since {@code t0} and the current thread's CPU time since {@code cpu0} ({@link #cpu()}) to
     * {@code stage}: on a busy machine the two differ by the time the thread waited for a core (or, for the
     * database, for PostgreSQL).
     */
    public long since(Stage stage, long t0, long cpu0) {
        cpuNanos.get(stage).add(Math.max(0, cpu() - cpu0));
        return since(stage, t0);
    }

    public void batchSent() {
        batchesSent.increment();
    }

    public void batchReceived(int packages) {
        batchesReceived.increment();
        packagesInBatchesReceived.add(packages);
    }

    /** A batch could not be stored in one transaction and was stored package by package. */
    public void batchFallback() {
        batchFallbacks.increment();
    }

    public double seconds(Stage stage) {
        return nanos.get(stage).sum() / 1e9;
    }

    public Map<String, Long> totals() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            m.put("time." + s.key + "Nanos", nanos.get(s).sum());
            m.put("cpu." + s.key + "Nanos", cpuNanos.get(s).sum());
            m.put("count." + s.key, counts.get(s).sum());
        }
        m.put("batches.sent", batchesSent.sum());
        m.put("batches.received", batchesReceived.sum());
        m.put("batches.receivedPackages", packagesInBatchesReceived.sum());
        m.put("batches.storedOneByOne", batchFallbacks.sum());
        return m;
    }
}
