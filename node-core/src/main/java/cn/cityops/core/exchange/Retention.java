package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.logging.Logger;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.config.NodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Removes exchange records older than {@code cityops.exchange.retention-days}: acknowledged outgoing packages, incoming
 * packages (retention always exceeds the freshness window, so a replay can never pass as new), rejections, and a
 * prefix of the message log — whose last removed hash is kept in the log head so the rest of the chain stays
 * verifiable.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    ExchangeSettings settings;

    @Inject
    NodeConfig node;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void run() {
        Instant before = Instant.now().minus(settings.retention());
        int out = jdbc.update("DELETE FROM exchange_outbox WHERE status = 'ACKNOWLEDGED' AND acknowledged_at < ?", before);
        int in = jdbc.update("DELETE FROM exchange_inbox WHERE received_at < ? AND status IN ('APPLIED', 'STORED',"
                + " 'FORWARDED')", before);
        int rej = jdbc.update("DELETE FROM exchange_rejection WHERE at < ?", before);
        long through = jdbc.one("SELECT COALESCE(max(seq), 0) FROM exchange_message_log WHERE at < ?",
                rs -> rs.getLong(1), before).orElse(0L);
        int logRows = 0;
        if (through > 0) {
            archive(through);
            String hash = jdbc.one("SELECT hash FROM exchange_message_log WHERE seq = ?", rs -> rs.getString(1), through)
                    .orElseThrow();
            jdbc.one("SELECT set_config('cityops.log_retention', 'on', true)", rs -> rs.getString(1));
            jdbc.update("UPDATE exchange_message_log_head SET archived_through = ?, archived_hash = ?"
                    + " WHERE archived_through < ?", through, hash, through);
            logRows = jdbc.update("DELETE FROM exchange_message_log WHERE seq <= ?", through);
            jdbc.one("SELECT set_config('cityops.log_retention', 'off', true)", rs -> rs.getString(1));
        }
        if (out + in + rej + logRows > 0) {
            LOG.info(node.tag() + " EXC-060 retention removed " + out + " sent, " + in + " received, " + rej
                    + " rejected packages and " + logRows + " message-log entries older than " + before);
        }
    }

    /**
     * Writes the log entries up to {@code through} (with their hashes) as JSON lines to the archive directory, so the
     * whole chain stays verifiable offline; a failure to write stops the removal (the transaction rolls back).
     */
    private void archive(long through) {
        var dir = settings.archiveDir();
        if (dir.isEmpty()) {
            return;
        }
        long from = jdbc.one("SELECT archived_through FROM exchange_message_log_head", rs -> rs.getLong(1)).orElse(0L) + 1;
        java.nio.file.Path file = dir.get().resolve(String.format("message-log-%s-%012d-%012d.jsonl",
                node.nodeIdText(), from, through));
        StringBuilder lines = new StringBuilder();
        jdbc.query("SELECT seq, at, direction, kind, package_id, type, peer, sender, receiver, digest, size_bytes,"
                + " outcome, duration_ms, prev_hash, hash FROM exchange_message_log WHERE seq BETWEEN ? AND ?"
                + " ORDER BY seq", rs -> {
                    var b = jakarta.json.Json.createObjectBuilder();
                    var md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        String name = md.getColumnLabel(i);
                        if (v == null) {
                            b.addNull(name);
                        } else if (v instanceof Number n) {
                            b.add(name, n.longValue());
                        } else if (v instanceof java.sql.Timestamp t) {
                            b.add(name, t.toInstant().toString());
                        } else {
                            b.add(name, v.toString());
                        }
                    }
                    lines.append(b.build()).append('\n');
                    return null;
                }, from, through);
        try {
            java.nio.file.Files.createDirectories(dir.get());
            Delivery.writeAtomically(dir.get(), file.getFileName().toString(),
                    lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot archive the message log to " + file, e);
        }
        LOG.info(node.tag() + " EXC-061 archived message-log entries " + from + "–" + through + " to " + file);
    }
}
