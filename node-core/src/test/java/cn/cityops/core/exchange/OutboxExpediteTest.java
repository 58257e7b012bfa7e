package cn.cityops.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import cn.cityops.core.persistence.Jdbc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When a next hop answers again after an outage, the packages waiting for it in backoff after a transport failure
 * become due at once — and nothing else does (other hops, other failure codes, acknowledged or dead packages).
 */
class OutboxExpediteTest {

    static ScratchDatabase db;

    @BeforeAll
    static void database() throws Exception {
        db = new ScratchDatabase("outbox_expedite");
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void packagesWaitingForAHopThatWasUnreachableAreDueAtOnce() throws Exception {
        Jdbc jdbc = db.jdbc();
        Outbox outbox = new Outbox();
        outbox.jdbc = jdbc;
        UUID unreachable = row(jdbc, "RETRYING", "140000", "UNREACHABLE");
        UUID timeout = row(jdbc, "RETRYING", "140000", "TIMEOUT");
        UUID unavailable = row(jdbc, "RETRYING", "140000", "HTTP_503");
        UUID starting = row(jdbc, "RETRYING", "140000", "NOT_READY");
        UUID rejected = row(jdbc, "RETRYING", "140000", "PKG_STALE"); // the receiver said no: its own backoff stands
        UUID http404 = row(jdbc, "RETRYING", "140000", "HTTP_404");
        UUID like = row(jdbc, "RETRYING", "140000", "HTTPX5"); // '_' in the pattern is a literal underscore
        UUID otherHop = row(jdbc, "RETRYING", "150000", "UNREACHABLE");
        UUID dead = row(jdbc, "FAILED", "140000", "UNREACHABLE");

        assertEquals(4, db.tx(() -> outbox.expedite("140000")));

        for (UUID due : new UUID[] {unreachable, timeout, unavailable, starting}) {
            assertEquals(true, Outbox.isTransportFailure(code(jdbc, due)), "one definition of a transport failure");
            assertEquals(true, dueNow(jdbc, due), "due now: " + due);
        }
        for (UUID waits : new UUID[] {rejected, http404, like, otherHop, dead}) {
            assertEquals(false, dueNow(jdbc, waits), "still waiting: " + waits);
        }
        assertEquals(0, db.tx(() -> outbox.expedite("140000")), "nothing left to expedite");
    }

    private static UUID row(Jdbc jdbc, String status, String hop, String code) throws Exception {
        UUID id = UUID.randomUUID();
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        db.tx(() -> jdbc.update("INSERT INTO exchange_outbox (id, type, receiver, correlation_id, origin, package_json,"
                + " digest, size_bytes, status, next_hop, attempts, next_attempt_at, last_code) VALUES (?, 'ping',"
                + " '100000', 'c', 'LOCAL', ?, 'sm3:x', 2, ?, ?, 3, now() + interval '10 minutes', ?)", id, bytes,
                status, hop, code));
        return id;
    }

    private static String code(Jdbc jdbc, UUID id) throws Exception {
        return db.tx(() -> jdbc.one("SELECT last_code FROM exchange_outbox WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow());
    }

    private static boolean dueNow(Jdbc jdbc, UUID id) throws Exception {
        return db.tx(() -> jdbc.one("SELECT next_attempt_at <= now() FROM exchange_outbox WHERE id = ?",
                rs -> rs.getBoolean(1), id).orElseThrow());
    }
}
