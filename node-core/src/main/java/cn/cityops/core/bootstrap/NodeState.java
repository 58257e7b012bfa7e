package cn.cityops.core.bootstrap;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where start-up has got to. Read by the readiness check and by the request gate: the API serves only once
 * configuration is valid and migrations have run.
 */
@ApplicationScoped
public class NodeState {

    /** Start-up phases in order. */
    public enum Phase { STARTING, CONFIG_INVALID, WAITING_FOR_DATABASE, MIGRATED, SERVING }

    public record Snapshot(Phase phase, String detail, Instant since, Optional<String> schemaVersion) {
    }

    private final AtomicReference<Snapshot> state =
            new AtomicReference<>(new Snapshot(Phase.STARTING, "starting", Instant.now(), Optional.empty()));

    void set(Phase phase, String detail) {
        state.updateAndGet(s -> new Snapshot(phase, detail, Instant.now(), s.schemaVersion()));
    }

    void migrated(String version) {
        state.set(new Snapshot(Phase.MIGRATED, "schema at version " + version, Instant.now(), Optional.of(version)));
    }

    public Snapshot snapshot() {
        return state.get();
    }

    public boolean serving() {
        return state.get().phase() == Phase.SERVING;
    }
}
