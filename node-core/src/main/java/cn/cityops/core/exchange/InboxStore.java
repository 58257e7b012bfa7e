package cn.cityops.core.exchange;

import java.util.ArrayList;
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
import cn.cityops.exchange.verify.PackageRejectedException;
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

    /** Registers a handler directly (tests without CDI). */
    void handler(PackageHandler h) {
        handlers.put(h.type(), h);
    }

    /** What became of a stored package (the caller signs the receipt that says so, after the commit). */
    public record Stored(Outcome outcome, RejectionCode code, String reason) {
    }

    private static final String INSERT_INBOX = "INSERT INTO exchange_inbox (id, type, sender, receiver, hop_from,"
            + " correlation_id, sequence, digest, size_bytes, transport, wire, status) VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?, 'STORED') ON CONFLICT (id) DO NOTHING";

    private static Object[] inboxRow(VerifiedPackage v, NodeId hop, String transport) {
        var env = v.envelope();
        Long seq = env.sequence().isPresent() ? env.sequence().getAsLong() : null;
        return new Object[] {env.id(), env.type(), env.sender().value(), env.receiver().value(), hop.value(),
            env.correlationId(), seq, v.pkg().digest(), v.wire().length, transport, v.wire()};
    }

    /**
     * Stores one verified package once and applies (or forwards) it, with its message-log entry, in its own
     * transaction. The receipt is signed by the caller after the commit (a crash in between makes the sender retry,
     * which is answered DUPLICATE).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Stored store(VerifiedPackage v, NodeId hop, String transport, int durationMs) throws Exception {
        var env = v.envelope();
        Optional<UUID> inserted = jdbc.one(INSERT_INBOX + " RETURNING id", rs -> (UUID) rs.getObject(1),
                inboxRow(v, hop, transport));
        Stored s = inserted.isEmpty() ? known(v) : process(v, null, null);
        log.append(logEntry(v, hop, s, durationMs));
        return s;
    }

    /** A package whose id is already stored: a duplicate (same digest) or an id conflict. */
    private Stored known(VerifiedPackage v) {
        var env = v.envelope();
        String known = jdbc.one("SELECT digest FROM exchange_inbox WHERE id = ?", rs -> rs.getString(1), env.id())
                .orElse("");
        if (known.equals(v.pkg().digest())) {
            return new Stored(Outcome.DUPLICATE, null, "already received; not applied again");
        }
        return new Stored(Outcome.REJECTED, RejectionCode.PKG_ID_CONFLICT, "package id " + env.id()
                + " was already used for different content");
    }

    /**
     * A newly stored package: forward it, or apply it (in stream order). With {@code applied} / {@code forwarded}
     * given, unordered packages' status changes are collected for one batched update instead of one each.
     */
    private Stored process(VerifiedPackage v, List<Object[]> applied, List<Object[]> forwarded) throws Exception {
        var env = v.envelope();
        if (!v.forThisNode()) {
            outbox.enqueueForward(v);
            if (forwarded == null) {
                setStatus(env.id(), "FORWARDED");
            } else {
                forwarded.add(new Object[] {env.id()});
            }
            return new Stored(Outcome.FORWARDED, null, "forwarded towards " + env.receiver());
        }
        if (env.sequence().isPresent()) {
            return new Stored(Outcome.ACCEPTED, null, applyInOrder(v, env.sequence().getAsLong()));
        }
        if (applied == null) {
            return new Stored(Outcome.ACCEPTED, null, applyNow(v));
        }
        PackageHandler h = handlers.get(env.type());
        if (h == null) {
            return new Stored(Outcome.ACCEPTED, null, "stored; this node has no handler for '" + env.type() + "'");
        }
        h.apply(v);
        applied.add(new Object[] {env.id()});
        return new Stored(Outcome.ACCEPTED, null, "applied");
    }

    private static MessageLog.Entry logEntry(VerifiedPackage v, NodeId hop, Stored s, int durationMs) {
        var env = v.envelope();
        return new MessageLog.Entry("IN", "PACKAGE", env.id(), env.type(), hop.value(), env.sender().value(),
                env.receiver().value(), v.pkg().digest(), v.wire().length,
                s.code() == null ? s.outcome().name() : s.code().name(), durationMs);
    }

    /** One element of a batch as verification left it: verified, or refused (then {@code rejection} is set). */
    public record BatchItem(int index, VerifiedPackage verified, PackageRejectedException rejection, int size) {
    }

    /**
     * Stores a whole batch in ONE transaction (SPEC.md §13.3): the verified packages are inserted with one batched
     * statement, duplicates are recognised by id (and digest) and not applied again, new ones are applied (stream
     * order unchanged) or queued for forwarding, refused ones are recorded, and all message-log entries are appended
     * in request order with the chain head locked once. Any exception rolls the whole batch back; the caller then
     * stores package by package. Returns one result per item, in order.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Stored> storeBatch(List<BatchItem> items, NodeId hop, String transport, int durationMs)
            throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (BatchItem i : items) {
            if (i.verified() != null) {
                rows.add(inboxRow(i.verified(), hop, transport));
            }
        }
        int[] counts = jdbc.batch(INSERT_INBOX, rows);
        List<Stored> out = new ArrayList<>(items.size());
        List<MessageLog.Entry> entries = new ArrayList<>(items.size());
        List<Object[]> applied = new ArrayList<>();
        List<Object[]> forwarded = new ArrayList<>();
        List<Object[]> refused = new ArrayList<>();
        int k = 0;
        for (BatchItem i : items) {
            if (i.verified() == null) {
                PackageRejectedException e = i.rejection();
                var env = e.envelope();
                refused.add(new Object[] {env.map(en -> en.id()).orElse(null),
                    env.map(en -> en.sender().value()).orElse(null), hop.value(),
                    env.map(en -> en.type()).orElse(null), e.code().name(), Outbox.truncate(e.getMessage()),
                    i.size(), transport});
                entries.add(new MessageLog.Entry("IN", "PACKAGE", env.map(en -> en.id()).orElse(null),
                        env.map(en -> en.type()).orElse(null), hop.value(), env.map(en -> en.sender().value())
                                .orElse(null), null, null, i.size(), e.code().name(), durationMs));
                out.add(new Stored(Outcome.REJECTED, e.code(), e.getMessage()));
                continue;
            }
            int count = counts[k++];
            if (count != 0 && count != 1) {
                throw new IllegalStateException("the driver did not report whether package "
                        + i.verified().envelope().id() + " was inserted (update count " + count + ")");
            }
            Stored s = count == 0 ? known(i.verified()) : process(i.verified(), applied, forwarded);
            entries.add(logEntry(i.verified(), hop, s, durationMs));
            out.add(s);
        }
        jdbc.batch("UPDATE exchange_inbox SET status = 'APPLIED', applied_at = now() WHERE id = ?", applied);
        jdbc.batch("UPDATE exchange_inbox SET status = 'FORWARDED' WHERE id = ?", forwarded);
        jdbc.batch("INSERT INTO exchange_rejection (package_id, sender, hop_from, type, code, reason, size_bytes,"
                + " transport) VALUES (?,?,?,?,?,?,?,?)", refused);
        log.appendAll(entries);
        return out;
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
