package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import cn.cityops.core.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Read side of the exchange for operators (X-Road style operational monitoring): per peer backlog, oldest waiting
 * package, last success, failures by code and latency percentiles; per package the full status history.
 */
@ApplicationScoped
public class ExchangeMonitor {

    @Inject
    Jdbc jdbc;

    @Inject
    NodeDirectory directory;

    @Inject
    ExchangeStats stats;

    /** Health of the link to one neighbour (or of packages still waiting for a route, peer = receiver). */
    public record PeerStatus(String peer, String name, long backlog, long failed, Instant oldestWaiting,
            Instant lastSuccess, Integer latencyP50Ms, Integer latencyP99Ms, long sent24h, long received24h,
            Map<String, Long> failuresByCode24h) {
    }

    public List<PeerStatus> peers() {
        Map<String, long[]> backlog = new LinkedHashMap<>();
        Map<String, Instant> oldest = new LinkedHashMap<>();
        jdbc.query("SELECT COALESCE(next_hop, receiver) AS peer, count(*) FILTER (WHERE status <> 'FAILED'),"
                + " count(*) FILTER (WHERE status = 'FAILED'), min(created_at) FILTER (WHERE status <> 'FAILED')"
                + " FROM exchange_outbox WHERE status <> 'ACKNOWLEDGED' GROUP BY 1", rs -> {
                    backlog.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    oldest.put(rs.getString(1), Jdbc.instant(rs, "min"));
                    return null;
                });
        Map<String, Object[]> stats = new LinkedHashMap<>();
        jdbc.query("SELECT peer, max(at) FILTER (WHERE direction = 'OUT' AND outcome IN ('ACCEPTED', 'DUPLICATE',"
                + " 'FORWARDED')), percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE direction ="
                + " 'OUT' AND outcome IN ('ACCEPTED', 'DUPLICATE', 'FORWARDED')), percentile_disc(0.99) WITHIN GROUP"
                + " (ORDER BY duration_ms) FILTER (WHERE direction = 'OUT' AND outcome IN ('ACCEPTED', 'DUPLICATE',"
                + " 'FORWARDED')), count(*) FILTER (WHERE direction = 'OUT'), count(*) FILTER (WHERE direction = 'IN')"
                + " FROM exchange_message_log WHERE at > now() - interval '24 hours' AND peer IS NOT NULL GROUP BY peer",
                rs -> {
                    stats.put(rs.getString(1), new Object[] {Jdbc.instant(rs, "max"),
                        rs.getObject(3) == null ? null : rs.getInt(3), rs.getObject(4) == null ? null : rs.getInt(4),
                        rs.getLong(5), rs.getLong(6)});
                    return null;
                });
        Map<String, Map<String, Long>> failures = new LinkedHashMap<>();
        jdbc.query("SELECT peer, outcome, count(*) FROM exchange_message_log WHERE at > now() - interval '24 hours'"
                + " AND peer IS NOT NULL AND outcome NOT IN ('ACCEPTED', 'DUPLICATE', 'FORWARDED', 'SENT_BY_FERRY')"
                + " GROUP BY 1, 2 ORDER BY 1, 3 DESC", rs -> {
                    failures.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getLong(3));
                    return null;
                });
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        all.addAll(backlog.keySet());
        all.addAll(stats.keySet());
        directory.all().stream().map(p -> p.id().value()).forEach(all::add);
        return all.stream().map(p -> {
            long[] b = backlog.getOrDefault(p, new long[2]);
            Object[] s = stats.getOrDefault(p, new Object[] {null, null, null, 0L, 0L});
            String name = directory.find(cn.cityops.model.node.NodeId.of(p)).map(Peer::name).orElse(null);
            return new PeerStatus(p, name, b[0], b[1], oldest.get(p), (Instant) s[0], (Integer) s[1],
                    (Integer) s[2], (Long) s[3], (Long) s[4], failures.getOrDefault(p, Map.of()));
        }).toList();
    }

    /** One outgoing package as operators see it. */
    public record OutgoingView(UUID id, String type, String receiver, String nextHop, String correlationId,
            Long sequence, String origin, String status, int attempts, int sizeBytes, Instant createdAt,
            Instant lastSentAt, Instant nextAttemptAt, Instant acknowledgedAt, String receiptOutcome, String lastCode,
            String lastError, Integer latencyMs) {
    }

    /** A status change of an outgoing package. */
    public record Event(Instant at, String status, String code, String detail) {
    }

    public record OutgoingDetail(OutgoingView pkg, List<Event> history, String packageJson) {
    }

    private static final String OUT_COLUMNS = "id, type, receiver, next_hop, correlation_id, sequence, origin, status,"
            + " attempts, size_bytes, created_at, last_sent_at, next_attempt_at, acknowledged_at, receipt_outcome,"
            + " last_code, last_error, latency_ms";

    private static OutgoingView outgoing(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OutgoingView((UUID) rs.getObject("id"), rs.getString("type"), rs.getString("receiver"),
                rs.getString("next_hop"), rs.getString("correlation_id"), Jdbc.longOrNull(rs, "sequence"),
                rs.getString("origin"), rs.getString("status"), rs.getInt("attempts"), rs.getInt("size_bytes"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_sent_at"), Jdbc.instant(rs, "next_attempt_at"),
                Jdbc.instant(rs, "acknowledged_at"), rs.getString("receipt_outcome"), rs.getString("last_code"),
                rs.getString("last_error"), rs.getObject("latency_ms") == null ? null : rs.getInt("latency_ms"));
    }

    public List<OutgoingView> outgoing(String status, String peer, int offset, int limit) {
        return jdbc.query("SELECT " + OUT_COLUMNS + " FROM exchange_outbox WHERE (?::text IS NULL OR status = ?)"
                + " AND (?::text IS NULL OR COALESCE(next_hop, receiver) = ? OR receiver = ?)"
                + " ORDER BY created_at DESC, id OFFSET ? LIMIT ?", ExchangeMonitor::outgoing, status, status, peer,
                peer, peer, offset, limit);
    }

    public long countOutgoing(String status, String peer) {
        return jdbc.one("SELECT count(*) FROM exchange_outbox WHERE (?::text IS NULL OR status = ?)"
                + " AND (?::text IS NULL OR COALESCE(next_hop, receiver) = ? OR receiver = ?)", rs -> rs.getLong(1),
                status, status, peer, peer, peer).orElse(0L);
    }

    public Optional<OutgoingDetail> outgoing(UUID id) {
        return jdbc.one("SELECT " + OUT_COLUMNS + ", package_json FROM exchange_outbox WHERE id = ?", rs -> {
            OutgoingView v = outgoing(rs);
            String json = "FORWARD".equals(v.origin()) ? null : Outbox.utf8(rs.getBytes("package_json"));
            return new OutgoingDetail(v, jdbc.query("SELECT at, status, code, detail FROM exchange_outbox_event"
                    + " WHERE package_id = ? ORDER BY id", r -> new Event(Jdbc.instant(r, "at"), r.getString(2),
                            r.getString(3), r.getString(4)), id), json);
        }, id);
    }

    /** One incoming package as operators see it. */
    public record IncomingView(UUID id, String type, String sender, String receiver, String hopFrom,
            String correlationId, Long sequence, String status, String transport, int sizeBytes, Instant receivedAt,
            Instant appliedAt) {
    }

    public List<IncomingView> incoming(String status, String sender, int offset, int limit) {
        return jdbc.query("SELECT id, type, sender, receiver, hop_from, correlation_id, sequence, status, transport,"
                + " size_bytes, received_at, applied_at FROM exchange_inbox WHERE (?::text IS NULL OR status = ?)"
                + " AND (?::text IS NULL OR sender = ? OR hop_from = ?) ORDER BY received_at DESC, id OFFSET ? LIMIT ?",
                rs -> new IncomingView((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Jdbc.longOrNull(rs, "sequence"), rs.getString(8),
                        rs.getString(9), rs.getInt(10), Jdbc.instant(rs, "received_at"),
                        Jdbc.instant(rs, "applied_at")), status, status, sender, sender, sender, offset, limit);
    }

    public Optional<byte[]> wire(UUID id) {
        return jdbc.one("SELECT wire FROM exchange_inbox WHERE id = ?", rs -> rs.getBytes(1), id);
    }

    /** A refused incoming package. */
    public record RejectionView(Instant at, UUID packageId, String sender, String hopFrom, String type, String code,
            String reason, int sizeBytes, String transport) {
    }

    public List<RejectionView> rejections(int offset, int limit) {
        return jdbc.query("SELECT at, package_id, sender, hop_from, type, code, reason, size_bytes, transport"
                + " FROM exchange_rejection ORDER BY id DESC OFFSET ? LIMIT ?", rs -> new RejectionView(
                        Jdbc.instant(rs, "at"), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9)),
                offset, limit);
    }

    /** Totals for the node's exchange status page and readiness. */
    public Map<String, Long> totals() {
        Map<String, Long> m = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM exchange_outbox GROUP BY status", rs -> {
            m.put("outbox." + rs.getString(1), rs.getLong(2));
            return null;
        });
        jdbc.query("SELECT status, count(*) FROM exchange_inbox GROUP BY status", rs -> {
            m.put("inbox." + rs.getString(1), rs.getLong(2));
            return null;
        });
        m.put("rejections", jdbc.one("SELECT count(*) FROM exchange_rejection", rs -> rs.getLong(1)).orElse(0L));
        m.put("duplicatesReceived", jdbc.one("SELECT count(*) FROM exchange_message_log WHERE direction = 'IN'"
                + " AND outcome = 'DUPLICATE'", rs -> rs.getLong(1)).orElse(0L));
        m.put("messageLog", jdbc.one("SELECT seq FROM exchange_message_log_head", rs -> rs.getLong(1)).orElse(0L));
        if (stats != null) {
            m.putAll(stats.totals()); // time per stage since start (ExchangeStats)
        }
        return m;
    }
}
