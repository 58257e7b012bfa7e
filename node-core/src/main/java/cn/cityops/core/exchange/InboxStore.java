package cn.cityops.core.exchange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pkg.MalformedPackageException;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Stores a verified package exactly once and applies it, all in one transaction with its message-log entry: a
 * duplicate id with the same digest is acknowledged again and not re-applied; the same id with another digest is
 * refused; packages for other nodes are queued for forwarding; ordered streams are applied strictly in sequence (a gap
 * waits, and filling it applies the waiting packages).
 */
@ApplicationScoped
public class InboxStore {

    private static final Logger LOG = Logger.getLogger(InboxStore.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    Outbox outbox;

    @Inject
    MessageLog log;

    @Inject
    ReceiptSigner receipts;

    @Inject
    NodeConfig node;

    @Inject
    @Any
    Instance<PackageHandler> handlerBeans;

    private final Map<String, PackageHandler> handlers = new HashMap<>();

    @PostConstruct
    void collectHandlers() {
        for (PackageHandler h : handlerBeans) {
            handlers.put(h.type(), h);
        }
    }

    /** What became of a stored package, and the signed receipt that says so. */
    public record Stored(Outcome outcome, RejectionCode code, String reason, SignedPackage receipt) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Stored store(VerifiedPackage v, NodeId hop, String transport, int durationMs) throws Exception {
        var env = v.envelope();
        String digest = v.pkg().digest();
        Long seq = env.sequence().isPresent() ? env.sequence().getAsLong() : null;
        Optional<UUID> inserted = jdbc.one("INSERT INTO exchange_inbox (id, type, sender, receiver, hop_from,"
                + " correlation_id, sequence, digest, size_bytes, transport, wire, status) VALUES"
                + " (?,?,?,?,?,?,?,?,?,?,?, 'STORED') ON CONFLICT (id) DO NOTHING RETURNING id",
                rs -> (UUID) rs.getObject(1), env.id(), env.type(), env.sender().value(), env.receiver().value(),
                hop.value(), env.correlationId(), seq, digest, v.wire().length, transport, v.wire());
        Outcome outcome;
        RejectionCode code = null;
        String reason;
        if (inserted.isEmpty()) {
            String known = jdbc.one("SELECT digest FROM exchange_inbox WHERE id = ?", rs -> rs.getString(1), env.id())
                    .orElse("");
            if (known.equals(digest)) {
                outcome = Outcome.DUPLICATE;
                reason = "already received; not applied again";
            } else {
                outcome = Outcome.REJECTED;
                code = RejectionCode.PKG_ID_CONFLICT;
                reason = "package id " + env.id() + " was already used for different content";
            }
        } else if (!v.forThisNode()) {
            outbox.enqueueForward(v);
            setStatus(env.id(), "FORWARDED");
            outcome = Outcome.FORWARDED;
            reason = "forwarded towards " + env.receiver();
        } else {
            outcome = Outcome.ACCEPTED;
            reason = seq == null ? applyNow(v) : applyInOrder(v, seq);
        }
        SignedPackage receipt = receipts.sign(hop, env.id(), digest, outcome, code, reason);
        log.append(new MessageLog.Entry("IN", "PACKAGE", env.id(), env.type(), hop.value(), env.sender().value(),
                env.receiver().value(), digest, v.wire().length, code == null ? outcome.name() : code.name(),
                durationMs));
        return new Stored(outcome, code, reason, receipt);
    }

    private String applyNow(VerifiedPackage v) throws Exception {
        PackageHandler h = handlers.get(v.envelope().type());
        if (h == null) {
            return "stored; this node has no handler for '" + v.envelope().type() + "'";
        }
        h.apply(v);
        setStatus(v.envelope().id(), "APPLIED");
        return "applied";
    }

    private String applyInOrder(VerifiedPackage v, long seq) throws Exception {
        var env = v.envelope();
        String sender = env.sender().value();
        jdbc.update("INSERT INTO exchange_stream_in (sender, correlation_id, last_applied) VALUES (?, ?, 0)"
                + " ON CONFLICT DO NOTHING", sender, env.correlationId());
        long last = jdbc.one("SELECT last_applied FROM exchange_stream_in WHERE sender = ? AND correlation_id = ?"
                + " FOR UPDATE", rs -> rs.getLong(1), sender, env.correlationId()).orElse(0L);
        if (seq > last + 1) {
            setStatus(env.id(), "WAITING");
            return "stored; waiting for sequence " + (last + 1) + " of stream " + env.correlationId();
        }
        if (seq <= last) {
            LOG.warning(node.tag() + " EXC-031 sequence " + seq + " of stream " + sender + "/" + env.correlationId()
                    + " arrived after " + last + " was applied; applying it out of order");
            return applyNow(v);
        }
        String result = applyNow(v);
        long next = seq + 1;
        int released = 0;
        while (true) {
            List<byte[]> waiting = jdbc.query("SELECT wire FROM exchange_inbox WHERE sender = ? AND correlation_id = ?"
                    + " AND sequence = ? AND status = 'WAITING'", rs -> rs.getBytes(1), sender, env.correlationId(),
                    next);
            if (waiting.isEmpty()) {
                break;
            }
            applyNow(storedPackage(waiting.get(0), v));
            next++;
            released++;
        }
        jdbc.update("UPDATE exchange_stream_in SET last_applied = ? WHERE sender = ? AND correlation_id = ?",
                next - 1, sender, env.correlationId());
        return released == 0 ? result : result + "; released " + released + " waiting package(s) of the stream";
    }

    /** A package that was verified when it arrived and waited for its turn. */
    private static VerifiedPackage storedPackage(byte[] wire, VerifiedPackage context) throws MalformedPackageException {
        SignedPackage sp = SignedPackage.fromWire(wire, Integer.MAX_VALUE);
        return new VerifiedPackage(sp, wire, context.signer(), sp.pkg().envelope().createdAt(), true);
    }

    private void setStatus(UUID id, String status) {
        jdbc.update("UPDATE exchange_inbox SET status = ?, applied_at = CASE WHEN ? = 'APPLIED' THEN now() END"
                + " WHERE id = ?", status, status, id);
    }

    /** Records a refused package (no state change besides the record and the log entry). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejected(UUID id, String sender, String hop, String type, RejectionCode code, String reason, int size,
            String transport, int durationMs) {
        jdbc.update("INSERT INTO exchange_rejection (package_id, sender, hop_from, type, code, reason, size_bytes,"
                + " transport) VALUES (?,?,?,?,?,?,?,?)", id, sender, hop, type, code.name(), Outbox.truncate(reason),
                size, transport);
        log.append(new MessageLog.Entry("IN", "PACKAGE", id, type, hop, sender, null, null, size, code.name(),
                durationMs));
    }
}
