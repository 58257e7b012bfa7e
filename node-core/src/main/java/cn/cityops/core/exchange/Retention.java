package cn.cityops.core.exchange;

import java.time.Instant;
import java.util.logging.Logger;

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
}
