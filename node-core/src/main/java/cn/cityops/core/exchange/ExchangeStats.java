package cn.cityops.core.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Time spent per exchange stage since the node started, summed over all threads, so that a benchmark (or an operator)
 * can see where the time goes: signing (own packages, receipts), verifying (incoming packages, receipts), the
 * database (storing, applying and logging incoming packages; claiming and recording outgoing ones) and the HTTP round
 * trip as the sender sees it (which contains the receiver's work). Exposed in {@code /api/exchange/status} totals
 * ({@code time.*Nanos}, {@code count.*}) and as {@code cityops_exchange_*_seconds_total} in /metrics.
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

    private final Map<Stage, LongAdder> nanos = new java.util.EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> counts = new java.util.EnumMap<>(Stage.class);
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder batchesReceived = new LongAdder();
    private final LongAdder packagesInBatchesReceived = new LongAdder();
    private final LongAdder batchFallbacks = new LongAdder();

    public ExchangeStats() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
            counts.put(s, new LongAdder());
        }
    }

    /** Adds the time since {@code t0} (System.nanoTime) to {@code stage}; returns now. */
    public long since(Stage stage, long t0) {
        long now = System.nanoTime();
        nanos.get(stage).add(now - t0);
        counts.get(stage).increment();
        return now;
    }

    public void add(Stage stage, long nanoseconds) {
        nanos.get(stage).add(nanoseconds);
        counts.get(stage).increment();
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
            m.put("count." + s.key, counts.get(s).sum());
        }
        m.put("batches.sent", batchesSent.sum());
        m.put("batches.received", batchesReceived.sum());
        m.put("batches.receivedPackages", packagesInBatchesReceived.sum());
        m.put("batches.storedOneByOne", batchFallbacks.sum());
        return m;
    }
}
