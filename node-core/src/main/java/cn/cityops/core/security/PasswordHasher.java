package cn.cityops.core.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * PBKDF2-HMAC-SHA256 password hashing (JDK provider, no extra library). Stored form:
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, so the cost can be raised later and old hashes still
 * verify ({@link #needsRehash}). New hashes use {@code cityops.security.password-iterations} (default
 * {@value #RECOMMENDED_ITERATIONS}); test runs lower it, because under the test JVM flags (C1 only) one hash of
 * 600,000 iterations costs 5–7 CPU-seconds.
 */
public final class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class.getName());

    /** OWASP 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int RECOMMENDED_ITERATIONS = 600_000;

    /** Bounds of {@code cityops.security.password-iterations}. */
    static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 10_000_000;

    /** Iterations of new hashes. */
    public static final int ITERATIONS = configuredIterations();
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] dk = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    }

    public static boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    /** True for a hash of another scheme or of fewer iterations than new hashes get (never lowers a cost). */
    public static boolean needsRehash(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        return parts.length != 4 || !PREFIX.equals(parts[0]) || !parts[1].matches("[0-9]{1,9}")
                || Integer.parseInt(parts[1]) < ITERATIONS;
    }

    private static int configuredIterations() {
        int n;
        try {
            n = ConfigProvider.getConfig().getOptionalValue("cityops.security.password-iterations", Integer.class)
                    .orElse(RECOMMENDED_ITERATIONS);
        } catch (RuntimeException e) { // no MicroProfile Config outside a container (unit tests)
            n = RECOMMENDED_ITERATIONS;
        }
        if (n < MIN_ITERATIONS || n > MAX_ITERATIONS) {
            LOG.warning("SEC-011 cityops.security.password-iterations=" + n + " is outside " + MIN_ITERATIONS + "…"
                    + MAX_ITERATIONS + "; using " + RECOMMENDED_ITERATIONS);
            return RECOMMENDED_ITERATIONS;
        }
        if (n < RECOMMENDED_ITERATIONS) {
            LOG.warning("SEC-010 new password hashes use " + n + " PBKDF2 iterations, fewer than the "
                    + RECOMMENDED_ITERATIONS + " recommended: for test runs only");
        }
        return n;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
