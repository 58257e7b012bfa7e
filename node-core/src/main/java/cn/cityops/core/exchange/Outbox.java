package cn.cityops.core.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.exchange.verify.VerifiedPackage;
import cn.cityops.model.node.NodeId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/**
 * The outbox: business code calls {@link #enqueue} inside its own transaction, so the change and the package that
 * announces it commit together. The delivery route then claims due packages ({@code FOR UPDATE SKIP LOCKED}, safe with
 * several instances of one node), and records every attempt's outcome here. Status machine (SPEC.md §10):
 * READY → SENDING → (WAITING_RECEIPT →) ACKNOWLEDGED, or → RETRYING → SENDING …, or → FAILED (dead letter).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Jdbc jdbc;

    @Inject
    NodeConfig node;

    @Inject
    ExchangeSettings settings;

    @Inject
    MessageLog log;

    @Inject
    NodeDirectory directory;

    private final PackageTypes types = PackageTypes.standard();

    /**
     * Queues a package for {@code receiver}; joins the caller's transaction (required). With {@code ordered}, the
     * package gets the next sequence number of the stream (receiver, correlation id) and is applied in that order.
     *
     * @throws ProblemException 400 when the payload does not match its type's schema (nothing is queued)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(String type, NodeId receiver, String correlationId, JsonObject payload, boolean ordered) {
        return enqueue(type, 1, receiver, correlationId, payload, ordered);
    }

    /**
     * The schema version of {@code type} to send to {@code receiver} (SPEC §15): the highest version this node
     * supports that the receiver advertises in the node directory; 1 for a receiver that advertises none.
     *
     * @throws ProblemException 409 when the two nodes share no version of the type
     */
    public int schemaVersion(String type, NodeId receiver) {
        List<Integer> theirs = directory.find(receiver).map(p -> p.schemaVersionsOf(type)).orElse(List.of());
        return types.find(type).orElseThrow(() -> new IllegalArgumentException("unregistered type " + type))
                .agreedVersion(theirs).orElseThrow(() -> ProblemException.conflict("node " + receiver
                        + " supports no version of " + type + " that this node can send (it advertises " + theirs
                        + ")", Map.of("type", type, "receiver", receiver.value())));
    }

    /** As {@link #enqueue(String, NodeId, String, JsonObject, boolean)} with the payload in schema version {@code version}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(String type, int version, NodeId receiver, String correlationId, JsonObject payload,
            boolean ordered) {
        List<String> issues = types.validate(type, version, payload);
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues.stream()
                    .map(i -> new Problem.Issue("payload", null, i)).toList()));
        }
        Long sequence = ordered ? jdbc.one("INSERT INTO exchange_stream_out (receiver, correlation_id, last_sequence)"
                + " VALUES (?, ?, 1) ON CONFLICT (receiver, correlation_id) DO UPDATE SET last_sequence ="
                + " exchange_stream_out.last_sequence + 1 RETURNING last_sequence", rs -> rs.getLong(1),
                receiver.value(), correlationId).orElseThrow() : null;
        DataPackage pkg = DataPackage.create(type, version, node.nodeId(), receiver, correlationId, sequence, payload,
                Instant.now());
        byte[] bytes = pkg.canonicalBytes();
        insert(pkg.envelope().id(), type, receiver.value(), correlationId, sequence, "LOCAL", bytes, pkg.digest());
        return pkg.envelope().id();
    }

    /** Queues a verified package addressed to another node, to be forwarded unchanged (same transaction as the inbox). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueForward(VerifiedPackage v) {
        var env = v.envelope();
        insert(env.id(), env.type(), env.receiver().value(), env.correlationId(),
                env.sequence().isPresent() ? env.sequence().getAsLong() : null, "FORWARD", v.wire(), v.pkg().digest());
    }

    private void insert(UUID id, String type, String receiver, String correlationId, Long sequence, String origin,
            byte[] bytes, String digest) {
        jdbc.update("INSERT INTO exchange_outbox (id, type, receiver, correlation_id, sequence, origin, package_json,"
                + " digest, size_bytes, status, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?, 'READY', now())",
                id, type, receiver, correlationId, sequence, origin, bytes, digest, bytes.length);
        event(id, "READY", null, "FORWARD".equals(origin) ? "queued for forwarding" : "queued");
    }

    /** Claims up to {@code limit} due packages for sending, oldest first, skipping rows another instance holds. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<OutboxItem> claimDue(int limit) {
        List<OutboxItem> items = jdbc.query("UPDATE exchange_outbox o SET status = 'SENDING', attempts = attempts + 1,"
                + " last_sent_at = now(), first_sent_at = COALESCE(first_sent_at, now()) WHERE id IN (SELECT id FROM"
                + " exchange_outbox WHERE status IN ('READY', 'RETRYING') AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING o.id, o.type, o.receiver,"
                + " o.correlation_id, o.sequence, o.origin, o.package_json, o.digest, o.size_bytes, o.attempts",
                rs -> new OutboxItem((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Jdbc.longOrNull(rs, "sequence"), rs.getString(6), rs.getBytes(7), rs.getString(8),
                        rs.getInt(9), rs.getInt(10)), limit);
        jdbc.batch(EVENT, items.stream().map(i -> new Object[] {i.id(), "SENDING", null, "attempt " + i.attempts()})
                .toList());
        return items;
    }

    /** A receipt (ACCEPTED, DUPLICATE or FORWARDED) came back: done. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void acknowledged(OutboxItem item, String hop, String outcome, int latencyMs, MessageLog.Entry logEntry) {
        jdbc.update("UPDATE exchange_outbox SET status = 'ACKNOWLEDGED', acknowledged_at = now(), receipt_outcome = ?,"
                + " latency_ms = ?, next_hop = ?, last_code = NULL, last_error = NULL WHERE id = ?",
                outcome, latencyMs, hop, item.id());
        event(item.id(), "ACKNOWLEDGED", null, outcome + " by " + hop + " in " + latencyMs + " ms");
        log.append(logEntry);
    }

    /** Written to the ferry: the receipt comes back later through the incoming directory. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void waitingForReceipt(OutboxItem item, String hop, MessageLog.Entry logEntry) {
        jdbc.update("UPDATE exchange_outbox SET status = 'WAITING_RECEIPT', next_hop = ? WHERE id = ?", hop, item.id());
        event(item.id(), "WAITING_RECEIPT", null, "written to the file ferry for " + hop);
        log.append(logEntry);
    }

    /**
     * The attempt failed. Retryable failures are retried with exponential backoff and jitter until the attempt budget
     * is spent; then (or at once for a permanent failure) the package becomes FAILED, visible to operators.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String failed(OutboxItem item, String hop, String code, String error, boolean retryable,
            MessageLog.Entry logEntry) {
        String status = retryable && item.attempts() < settings.maxAttempts() ? "RETRYING" : "FAILED";
        Duration delay = backoff(item.attempts());
        int n = jdbc.update(FAIL, status, Instant.now().plus(delay), code, truncate(error), hop, item.id(),
                item.attempts());
        if (logEntry != null) {
            log.append(logEntry);
        }
        if (n == 0) {
            return SUPERSEDED;
        }
        event(item.id(), status, code, truncate(error) + ("RETRYING".equals(status) ? "; next attempt in "
                + delay.toMillis() + " ms" : "; attempts: " + item.attempts()));
        return status;
    }

    /**
     * What {@link #failed} and {@link #recordBatch} return for an attempt whose failure came too late to matter: the
     * package was acknowledged meanwhile, or a newer attempt (after the watchdog re-queued it) owns it now. Its state
     * is left alone, so a late failure never turns an acknowledged package back into a retry or a dead letter.
     */
    public static final String SUPERSEDED = "SUPERSEDED";

    private static final String FAIL = "UPDATE exchange_outbox SET status = ?, next_attempt_at = ?, last_code = ?,"
            + " last_error = ?, next_hop = COALESCE(?, next_hop) WHERE id = ? AND attempts = ?"
            + " AND status NOT IN ('ACKNOWLEDGED', 'FAILED')";

    /** Exponential backoff with "equal jitter": half the capped delay fixed, half random. */
    Duration backoff(int attempts) {
        long base = settings.backoffInitial().toMillis();
        long cap = settings.backoffMax().toMillis();
        long exp = attempts >= 30 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }

    /** A receipt for a package sent through the ferry has arrived. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean receiptArrived(UUID id, String hop, String outcome, String code, String reason,
            MessageLog.Entry logEntry) {
        log.append(logEntry);
        if ("REJECTED".equals(outcome)) {
            int n = jdbc.update("UPDATE exchange_outbox SET status = 'FAILED', last_code = ?, last_error = ?"
                    + " WHERE id = ? AND status IN ('WAITING_RECEIPT', 'SENDING', 'RETRYING')", code, truncate(reason), id);
            if (n > 0) {
                event(id, "FAILED", code, truncate(reason));
            }
            return n > 0;
        }
        int n = jdbc.update("UPDATE exchange_outbox SET status = 'ACKNOWLEDGED', acknowledged_at = now(),"
                + " receipt_outcome = ?, latency_ms = (extract(epoch FROM now() - last_sent_at) * 1000)::int"
                + " WHERE id = ? AND status <> 'ACKNOWLEDGED'", outcome, id);
        if (n > 0) {
            event(id, "ACKNOWLEDGED", null, outcome + " by " + hop + " (ferry receipt)");
        }
        return n > 0;
    }

    /**
     * Packages whose receipt did not come back in time are sent again (the receiver eliminates duplicates): those
     * written to the ferry after {@code receiptTimeout}, and those stuck in SENDING (the attempt's outcome could not be
     * recorded — a node or database restart in the middle) after {@code sendingTimeout}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int requeueUnanswered(Duration receiptTimeout, Duration sendingTimeout) {
        List<UUID> ids = jdbc.query("UPDATE exchange_outbox SET status = 'RETRYING', next_attempt_at = now(),"
                + " last_code = 'RECEIPT_TIMEOUT' WHERE (status = 'WAITING_RECEIPT' AND last_sent_at < ?)"
                + " OR (status = 'SENDING' AND last_sent_at < ?) RETURNING id", rs -> (UUID) rs.getObject(1),
                Instant.now().minus(receiptTimeout), Instant.now().minus(sendingTimeout));
        for (UUID id : ids) {
            event(id, "RETRYING", "RECEIPT_TIMEOUT", "no receipt in time; sending again");
        }
        return ids.size();
    }

    /**
     * A failure of the way to the peer, not of the package: unreachable, timeout, broken exchange, peer application not
     * deployed, HTTP 5xx.
     */
    static boolean isTransportFailure(String code) {
        return code.equals("UNREACHABLE") || code.equals("TIMEOUT") || code.equals("TRANSPORT")
                || code.equals(Delivery.NOT_READY) || code.startsWith("HTTP_5");
    }

    /**
     * Makes the packages waiting in backoff for {@code hop} after a transport failure (the codes of
     * {@link #isTransportFailure}) due now: the hop answers again. Returns how many.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expedite(String hop) {
        return jdbc.update("UPDATE exchange_outbox SET next_attempt_at = now() WHERE status = 'RETRYING' AND next_hop = ?"
                + " AND next_attempt_at > now() AND (last_code IN ('UNREACHABLE', 'TIMEOUT', 'TRANSPORT', 'NOT_READY')"
                + " OR last_code LIKE 'HTTP\\_5%')", hop);
    }

    /** Operator: send a FAILED package again with a fresh attempt budget. */
    @Transactional
    public boolean resend(UUID id, String by) {
        int n = jdbc.update("UPDATE exchange_outbox SET status = 'READY', attempts = 0, next_attempt_at = now()"
                + " WHERE id = ? AND status = 'FAILED'", id);
        if (n > 0) {
            event(id, "READY", null, "resent by " + by);
        }
        return n > 0;
    }

    /** Operator: remove a FAILED package for good (its history stays in the message log). */
    @Transactional
    public boolean purge(UUID id) {
        return jdbc.update("DELETE FROM exchange_outbox WHERE id = ? AND status = 'FAILED'", id) > 0;
    }

    private static final String EVENT = "INSERT INTO exchange_outbox_event (package_id, status, code, detail)"
            + " VALUES (?, ?, ?, ?)";

    private void event(UUID id, String status, String code, String detail) {
        jdbc.update(EVENT, id, status, code, detail);
    }

    /**
     * The outcome of one package's attempt within a batch: delivered (a receipt with ACCEPTED, DUPLICATE or
     * FORWARDED: {@code outcome}) or not ({@code code}, {@code error}, whether a retry can help).
     */
    public record Attempt(OutboxItem item, String hop, boolean delivered, String outcome, String code, String error,
            boolean retryable, int latencyMs, MessageLog.Entry logEntry) {

        static Attempt delivered(OutboxItem item, String hop, String outcome, int latencyMs, MessageLog.Entry log) {
            return new Attempt(item, hop, true, outcome, null, null, false, latencyMs, log);
        }

        static Attempt failed(OutboxItem item, String hop, String code, String error, boolean retryable,
                MessageLog.Entry log) {
            return new Attempt(item, hop, false, null, code, error, retryable, 0, log);
        }
    }

    /**
     * Records the outcomes of a batch's packages in ONE transaction, each exactly as {@link #acknowledged} or
     * {@link #failed} would (status, backoff or dead letter, event), with the message-log entries appended in order
     * under one lock of the chain head. Returns the new status per attempt.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> recordBatch(List<Attempt> attempts) {
        List<Object[]> acks = new java.util.ArrayList<>();
        List<Object[]> fails = new java.util.ArrayList<>();
        List<Object[]> failEvents = new java.util.ArrayList<>();
        List<Integer> failAt = new java.util.ArrayList<>();
        List<Object[]> events = new java.util.ArrayList<>();
        List<MessageLog.Entry> entries = new java.util.ArrayList<>();
        List<String> statuses = new java.util.ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            UUID id = a.item().id();
            if (a.delivered()) {
                acks.add(new Object[] {a.outcome(), a.latencyMs(), a.hop(), id});
                events.add(new Object[] {id, "ACKNOWLEDGED", null, a.outcome() + " by " + a.hop() + " in "
                    + a.latencyMs() + " ms (batch)"});
                statuses.add("ACKNOWLEDGED");
            } else {
                String status = a.retryable() && a.item().attempts() < settings.maxAttempts() ? "RETRYING" : "FAILED";
                Duration delay = backoff(a.item().attempts());
                fails.add(new Object[] {status, Instant.now().plus(delay), a.code(), truncate(a.error()), a.hop(), id,
                    a.item().attempts()});
                failEvents.add(new Object[] {id, status, a.code(), truncate(a.error()) + ("RETRYING".equals(status)
                    ? "; next attempt in " + delay.toMillis() + " ms" : "; attempts: " + a.item().attempts())});
                failAt.add(statuses.size());
                statuses.add(status);
            }
            if (a.logEntry() != null) {
                entries.add(a.logEntry());
            }
        }
        jdbc.batch("UPDATE exchange_outbox SET status = 'ACKNOWLEDGED', acknowledged_at = now(), receipt_outcome = ?,"
                + " latency_ms = ?, next_hop = ?, last_code = NULL, last_error = NULL WHERE id = ?", acks);
        int[] changed = jdbc.batch(FAIL, fails);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] == 0) {
                statuses.set(failAt.get(i), SUPERSEDED);
            } else {
                events.add(failEvents.get(i));
            }
        }
        jdbc.batch(EVENT, events);
        log.appendAll(entries);
        return statuses;
    }

    static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
