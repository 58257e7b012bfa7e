package cn.cityops.core.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The complainant's key to the status of an item: 192 random bits as 32 base64url characters, unguessable, shown once
 * when the item is accepted. The node keeps only its SHA-256, so a copy of the database does not reveal tokens.
 */
public final class StatusToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StatusToken() {
    }

    public static String generate() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether {@code token} has the form of a token (checked before any database lookup). */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{32}");
    }

    /** Lowercase hex SHA-256 of the token's characters: what is stored and looked up. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
