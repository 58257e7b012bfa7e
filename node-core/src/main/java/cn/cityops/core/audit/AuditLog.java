package cn.cityops.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Appends audit events to a hash chain: each row's hash covers its content and the previous row's hash, so any edit or
 * deletion of history is detectable ({@link #verifyChain()}). Rows are written in the caller's transaction, so an
 * audited change and its audit record commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long CHAIN_LOCK = 0x6175646974L; // "audit"

    @PersistenceContext(unitName = "cityops")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail, String remoteAddr) {
        // serialise appenders so the chain stays linear across threads and node instances
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK).getSingleResult();
        List<?> last = em.createNativeQuery("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").getResultList();
        String prev = last.isEmpty() ? GENESIS : last.get(0).toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = hash(prev, at, actor, action, target, detail, remoteAddr);
        em.createNativeQuery("INSERT INTO audit_event(at, actor, action, target, detail, remote_addr, prev_hash, hash)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, java.sql.Timestamp.from(at)).setParameter(2, actor).setParameter(3, action)
                .setParameter(4, target).setParameter(5, detail).setParameter(6, remoteAddr)
                .setParameter(7, prev).setParameter(8, hash).executeUpdate();
    }

    /** Recomputes the chain; returns the id of the first row that does not match, or -1 when intact. */
    @Transactional
    public long verifyChain() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, at, actor, action, target, detail, remote_addr,"
                + " prev_hash, hash FROM audit_event ORDER BY id").getResultList();
        String prev = GENESIS;
        for (Object[] r : rows) {
            Instant at = ((java.sql.Timestamp) r[1]).toInstant();
            String expected = hash(prev, at, (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6]);
            if (!prev.equals(r[7]) || !expected.equals(r[8])) {
                return ((Number) r[0]).longValue();
            }
            prev = (String) r[8];
        }
        return -1;
    }

    static String hash(String prev, Instant at, String... fields) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev.getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0x1f);
            md.update(at.toString().getBytes(StandardCharsets.US_ASCII));
            for (String f : fields) {
                md.update((byte) 0x1f);
                if (f != null) {
                    md.update(f.getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
