package cn.cityops.core.exchange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Exchange-layer settings ({@code cityops.exchange.*}), each documented in docs/configuration.md. */
@ApplicationScoped
public class ExchangeSettings {

    static final String PREFIX = "cityops.exchange.";

    @Inject
    Config config;

    private int maxPackageBytes;
    private Duration freshness;
    private Duration pollInterval;
    private int batchSize;
    private int senders;
    private int batchMax;
    private int batchMaxBytes;
    private int batchAcceptMax;
    private int batchAcceptMaxBytes;
    private Duration batchFallback;
    private int maxAttempts;
    private Duration backoffInitial;
    private Duration backoffMax;
    private Duration receiptTimeout;
    private Duration httpTimeout;
    private Duration retention;
    private Path ferryOutgoing;
    private Path ferryIncoming;
    private Path archiveDir;
    private final List<String> problems = new ArrayList<>();

    @PostConstruct
    void read() {
        maxPackageBytes = intValue("max-package-bytes", 10 * 1024 * 1024);
        freshness = Duration.ofHours(intValue("freshness-hours", 168));
        pollInterval = Duration.ofMillis(intValue("poll-ms", 200));
        batchSize = intValue("batch-size", 200);
        senders = intValue("senders", 4);
        batchMax = intValue("batch-max", 200);
        batchMaxBytes = intValue("batch-max-bytes", 8 * 1024 * 1024);
        batchAcceptMax = Math.max(intValue("batch-accept-max", 1000), 200);
        batchAcceptMaxBytes = Math.max(intValue("batch-accept-max-bytes", 32 * 1024 * 1024), 16 * 1024 * 1024);
        batchFallback = Duration.ofMinutes(intValue("batch-fallback-minutes", 10));
        maxAttempts = intValue("max-attempts", 10);
        backoffInitial = Duration.ofMillis(intValue("backoff-initial-ms", 2000));
        backoffMax = Duration.ofSeconds(intValue("backoff-max-seconds", 600));
        receiptTimeout = Duration.ofSeconds(intValue("receipt-timeout-seconds", 300));
        httpTimeout = Duration.ofSeconds(intValue("http-timeout-seconds", 30));
        retention = Duration.ofDays(intValue("retention-days", 90));
        ferryOutgoing = opt("ferry.outgoing").map(Path::of).orElse(null);
        ferryIncoming = opt("ferry.incoming").map(Path::of).orElse(null);
        archiveDir = opt("archive-dir").map(Path::of).orElse(null);
        if (retention.compareTo(freshness) <= 0) {
            problems.add(PREFIX + "retention-days must exceed the freshness window, or replays could be re-applied");
        }
    }

    private Optional<String> opt(String key) {
        return config.getOptionalValue(PREFIX + key, String.class).filter(s -> !s.isBlank()).map(String::trim);
    }

    private int intValue(String key, int def) {
        try {
            int v = opt(key).map(Integer::parseInt).orElse(def);
            if (v <= 0) {
                problems.add(PREFIX + key + " must be positive");
                return def;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(PREFIX + key + " must be an integer");
            return def;
        }
    }

    public int maxPackageBytes() {
        return maxPackageBytes;
    }

    /** Accepted distance between a package's signing time and now (replay protection); also the duplicate window. */
    public Duration freshness() {
        return freshness;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Packages sent in parallel by the outbox route. */
    public int senders() {
        return senders;
    }

    /** Packages per batch POST to one peer (SPEC.md §13.3); 1 sends every package on its own. */
    public int batchMax() {
        return batchMax;
    }

    /** Bytes of wire documents per batch POST; a package bigger than half of this travels alone. */
    public int batchMaxBytes() {
        return batchMaxBytes;
    }

    /** Packages per batch this node accepts (at least 200, the protocol minimum). */
    public int batchAcceptMax() {
        return batchAcceptMax;
    }

    /** Bytes per batch document this node accepts (at least 16 MiB, the protocol minimum). */
    public int batchAcceptMaxBytes() {
        return batchAcceptMaxBytes;
    }

    /** How long a peer that answered a batch with 404/405 is sent single packages only. */
    public Duration batchFallback() {
        return batchFallback;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration backoffInitial() {
        return backoffInitial;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Duration receiptTimeout() {
        return receiptTimeout;
    }

    public Duration httpTimeout() {
        return httpTimeout;
    }

    public Duration retention() {
        return retention;
    }

    public Optional<Path> ferryOutgoing() {
        return Optional.ofNullable(ferryOutgoing);
    }

    public Optional<Path> ferryIncoming() {
        return Optional.ofNullable(ferryIncoming);
    }

    /** Where the retention job writes message-log entries before removing them; empty = they are only removed. */
    public Optional<Path> archiveDir() {
        return Optional.ofNullable(archiveDir);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
