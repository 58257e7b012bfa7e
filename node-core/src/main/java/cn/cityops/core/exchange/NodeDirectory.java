package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.Routing;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The federation's node directory held by this node: who exists, where they are reached and with which certificate.
 * Kept in {@code exchange_node} and cached in memory (a few hundred rows); replaced as a whole by a verified
 * {@code directory.update} from the national node, or edited by the national operators. Routing is hierarchical
 * ({@link Routing}); the directory says how each neighbour is reached.
 */
@ApplicationScoped
public class NodeDirectory {

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    Event<Changed> changed;

    private static final long CACHE_NANOS = 30_000_000_000L;

    /** The directory as read at one moment: its version and its nodes, always together. */
    public record Snapshot(long version, Map<NodeId, Peer> peers, long loadedAt) {

        public List<Peer> list() {
            return new ArrayList<>(peers.values());
        }
    }

    private volatile Snapshot cache;
    /** Bumped by every invalidation; a load that raced with one is not cached. */
    private final AtomicLong generation = new AtomicLong();
    /**
     * Transactions that changed the directory and have not completed yet. While there are any, nothing read is
     * cached: the changing transaction reads its own uncommitted rows, every other thread the committed ones, and
     * neither may leak into the shared cache (a stale version published in a directory.update was the result).
     */
    private final AtomicInteger changing = new AtomicInteger();

    /** Fired inside the transaction that changed the directory; observed once that transaction has completed. */
    public record Changed() {
    }

    public Optional<Peer> find(NodeId id) {
        return Optional.ofNullable(snapshot().peers().get(id));
    }

    public boolean knows(NodeId id) {
        return snapshot().peers().containsKey(id);
    }

    public List<Peer> all() {
        return snapshot().list();
    }

    public long version() {
        return snapshot().version();
    }

    public Optional<String> crlPem() {
        return jdbc.one("SELECT crl_pem FROM exchange_directory_state", rs -> rs.getString(1))
                .filter(s -> s != null && !s.isBlank());
    }

    /**
     * Next hop from this node towards {@code receiver} along the hierarchy (SPEC.md §12, {@link Routing}): the
     * receiver itself when it is a neighbour, the child on the path down, otherwise this node's parent.
     */
    public NodeId nextHop(NodeId receiver) {
        NodeId self = node.nodeId();
        return receiver.equals(self) ? self : Routing.nextHop(self, receiver);
    }

    /** True when this node lies on the route from {@code sender} to another node {@code receiver}. */
    public boolean onRoute(NodeId sender, NodeId receiver) {
        NodeId self = node.nodeId();
        return !receiver.equals(self) && !sender.equals(self) && Routing.isOnPath(self, sender, receiver);
    }

    /** Replaces the whole directory (a verified update from the national node) if {@code newVersion} is newer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replace(long newVersion, Instant issuedAt, List<Peer> peers, String crlPem) {
        long current = lockVersion()
                .orElse(0L);
        if (newVersion <= current) {
            return false;
        }
        jdbc.update("DELETE FROM exchange_node");
        for (Peer p : peers) {
            insert(p);
        }
        jdbc.update("INSERT INTO exchange_directory_state (singleton, version, issued_at, crl_pem) VALUES (true, ?, ?, ?)"
                + " ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, issued_at = EXCLUDED.issued_at,"
                + " crl_pem = EXCLUDED.crl_pem", newVersion, issuedAt, crlPem);
        invalidate();
        return true;
    }

    /** Adds or changes one node (national operators); returns the new directory version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long upsert(Peer p, String crlPem) {
        jdbc.update("DELETE FROM exchange_node WHERE node_id = ?", p.id().value());
        insert(p);
        long next = lockVersion()
                .orElse(0L) + 1;
        jdbc.update("INSERT INTO exchange_directory_state (singleton, version, issued_at, crl_pem) VALUES (true, ?, ?, ?)"
                + " ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, issued_at = EXCLUDED.issued_at,"
                + " crl_pem = COALESCE(EXCLUDED.crl_pem, exchange_directory_state.crl_pem)", next, Instant.now(),
                crlPem);
        invalidate();
        return next;
    }

    /** Replaces the CRL the directory carries (national operators). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long upsertCrl(String crlPem) {
        long next = lockVersion()
                .orElse(0L) + 1;
        jdbc.update("INSERT INTO exchange_directory_state (singleton, version, issued_at, crl_pem) VALUES (true, ?, ?, ?)"
                + " ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, issued_at = EXCLUDED.issued_at,"
                + " crl_pem = EXCLUDED.crl_pem", next, Instant.now(), crlPem);
        invalidate();
        return next;
    }

    /**
     * The directory's version, with its row locked until the transaction ends. The row is created first if missing:
     * {@code FOR UPDATE} locks nothing on an empty table, and two updates arriving together (v2 and v3 on a node's
     * first start) would both read 0 and the older could overwrite the newer.
     */
    private java.util.Optional<Long> lockVersion() {
        jdbc.update("INSERT INTO exchange_directory_state (singleton, version, issued_at) VALUES (true, 0, now())"
                + " ON CONFLICT (singleton) DO NOTHING");
        return jdbc.one("SELECT version FROM exchange_directory_state FOR UPDATE", rs -> rs.getLong(1));
    }

    private void insert(Peer p) {
        jdbc.update("INSERT INTO exchange_node (node_id, name, level, parent_id, base_url, transport, certificate_pem,"
                + " schema_versions, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())", p.id().value(), p.name(),
                p.level().name(), p.parent() == null ? null : p.parent().value(), p.baseUrl(), p.transport().name(),
                p.certificatePem(), p.schemaVersions() == null ? "{}" : p.schemaVersions());
    }

    /**
     * Marks the directory as changing in the surrounding transaction: the cache is dropped and nothing is cached
     * until that transaction has completed (committed or rolled back).
     */
    public void invalidate() {
        changing.incrementAndGet();
        dropCache();
        changed.fire(new Changed());
    }

    void afterChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed event) {
        dropCache();
        changing.decrementAndGet();
    }

    private void dropCache() {
        generation.incrementAndGet();
        cache = null;
    }

    /** The directory now: cached for a while when nothing is changing (other instances of this node may change it). */
    public Snapshot snapshot() {
        Snapshot c = cache;
        if (c != null && System.nanoTime() - c.loadedAt() <= CACHE_NANOS) {
            return c;
        }
        long gen = generation.get();
        Map<NodeId, Peer> m = new LinkedHashMap<>();
        for (Peer p : jdbc.query("SELECT * FROM exchange_node ORDER BY node_id", rs -> new Peer(
                NodeId.of(rs.getString("node_id")), rs.getString("name"), NodeLevel.valueOf(rs.getString("level")),
                rs.getString("parent_id") == null ? null : NodeId.of(rs.getString("parent_id")),
                rs.getString("base_url"), Peer.Transport.valueOf(rs.getString("transport")),
                rs.getString("certificate_pem"), rs.getString("schema_versions")))) {
            m.put(p.id(), p);
        }
        long version = jdbc.one("SELECT version FROM exchange_directory_state", rs -> rs.getLong(1)).orElse(0L);
        Snapshot loaded = new Snapshot(version, Collections.unmodifiableMap(m), System.nanoTime());
        if (changing.get() == 0 && generation.get() == gen) {
            cache = loaded;
        }
        return loaded;
    }
}
