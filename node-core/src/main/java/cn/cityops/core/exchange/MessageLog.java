package cn.cityops.core.exchange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.exchange.pkg.HashChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * The tamper-evident message log: one entry per package sent or received (with the receipt that answered it) and per
 * receipt that arrived on its own (file ferry). Each entry's hash covers the previous entry's hash and the entry's
 * fields ({@link HashChain}); appends are serialised by locking the head row, inside the transaction that stores or
 * changes the package, so log and package state never disagree.
 */
@ApplicationScoped
public class MessageLog {

    @Inject
    Jdbc jdbc;

    /** What one entry records. {@code peer} is the neighbour the package came from or went to. */
    public record Entry(String direction, String kind, UUID packageId, String type, String peer, String sender,
            String receiver, String digest, int sizeBytes, String outcome, Integer durationMs) {

        JsonObject json(long seq, Instant at) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("seq", seq).add("at", at.toString())
                    .add("direction", direction).add("kind", kind).add("sizeBytes", sizeBytes).add("outcome", outcome);
            opt(b, "packageId", packageId == null ? null : packageId.toString());
            opt(b, "type", type);
            opt(b, "peer", peer);
            opt(b, "sender", sender);
            opt(b, "receiver", receiver);
            opt(b, "digest", digest);
            if (durationMs != null) {
                b.add("durationMs", durationMs.intValue());
            }
            return b.build();
        }

        private static void opt(JsonObjectBuilder b, String name, String value) {
            if (value != null) {
                b.add(name, value);
            }
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Entry e) {
        appendAll(List.of(e));
    }

    /**
     * Appends entries in the given order with the head row locked once: a batch of packages costs one lock, one
     * batched insert and one head update, in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        record Head(long seq, String hash) {
        }
        Head head = jdbc.one("SELECT seq, hash FROM exchange_message_log_head FOR UPDATE",
                rs -> new Head(rs.getLong(1), rs.getString(2))).orElseThrow();
        long seq = head.seq();
        String prev = head.seq() == 0 ? HashChain.GENESIS : head.hash();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            seq++;
            String hash = HashChain.link(prev, e.json(seq, at));
            rows.add(new Object[] {seq, at, e.direction(), e.kind(), e.packageId(), e.type(), e.peer(), e.sender(),
                e.receiver(), e.digest(), e.sizeBytes(), e.outcome(), e.durationMs(), prev, hash});
            prev = hash;
        }
        if (rows.size() == 1) {
            jdbc.update(INSERT, rows.get(0));
        } else {
            jdbc.batch(INSERT, rows);
        }
        jdbc.update("UPDATE exchange_message_log_head SET seq = ?, hash = ?", seq, prev);
    }

    private static final String INSERT = "INSERT INTO exchange_message_log (seq, at, direction, kind, package_id,"
            + " type, peer, sender, receiver, digest, size_bytes, outcome, duration_ms, prev_hash, hash)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    /** Result of {@link #verify()}: entries checked and the first broken link, if any. */
    public record Verification(long checked, Optional<Long> firstBrokenSeq, String detail) {
    }

    /** Recomputes the whole chain from the archived prefix's last hash (or genesis). */
    @Transactional
    public Verification verify() {
        record Start(long through, String hash, long headSeq, String headHash) {
        }
        Start start = jdbc.one("SELECT archived_through, archived_hash, seq, hash FROM exchange_message_log_head",
                rs -> new Start(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).orElseThrow();
        String prev = start.through() == 0 ? HashChain.GENESIS : start.hash();
        long expectedSeq = start.through() + 1;
        long checked = 0;
        final int page = 5000;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            long from = expectedSeq;
            jdbc.query("SELECT seq, at, direction, kind, package_id, type, peer, sender, receiver, digest, size_bytes,"
                    + " outcome, duration_ms, prev_hash, hash FROM exchange_message_log WHERE seq >= ? AND seq <= ?"
                    + " ORDER BY seq LIMIT " + page, rs -> {
                        Entry e = new Entry(rs.getString("direction"), rs.getString("kind"),
                                (UUID) rs.getObject("package_id"), rs.getString("type"), rs.getString("peer"),
                                rs.getString("sender"), rs.getString("receiver"), rs.getString("digest"),
                                rs.getInt("size_bytes"), rs.getString("outcome"),
                                rs.getObject("duration_ms") == null ? null : rs.getInt("duration_ms"));
                        rows.add(new Object[] {rs.getLong("seq"), Jdbc.instant(rs, "at"), e, rs.getString("prev_hash"),
                            rs.getString("hash")});
                        return null;
                    }, from, start.headSeq()); // entries appended while verifying are checked next time
            if (rows.isEmpty()) {
                if (expectedSeq - 1 != start.headSeq() || (start.headSeq() > 0 && !prev.equals(start.headHash()))) {
                    return new Verification(checked, Optional.of(expectedSeq), "the log ends at entry "
                            + (expectedSeq - 1) + " but its head records entry " + start.headSeq()
                            + ": entries were removed from the end");
                }
                return new Verification(checked, Optional.empty(), "chain intact");
            }
            for (Object[] r : rows) {
                long seq = (Long) r[0];
                if (seq != expectedSeq) {
                    return new Verification(checked, Optional.of(expectedSeq), "entry " + expectedSeq + " is missing");
                }
                if (!prev.equals(r[3])) {
                    return new Verification(checked, Optional.of(seq), "entry " + seq
                            + " does not link to the previous entry's hash");
                }
                String expected = HashChain.link(prev, ((Entry) r[2]).json(seq, (Instant) r[1]));
                if (!expected.equals(r[4])) {
                    return new Verification(checked, Optional.of(seq), "entry " + seq
                            + " was changed after it was written (hash mismatch)");
                }
                prev = (String) r[4];
                expectedSeq++;
                checked++;
            }
        }
    }
}
