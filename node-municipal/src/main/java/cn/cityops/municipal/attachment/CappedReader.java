package cn.cityops.municipal.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a request body up to a limit: never holds more than {@code max} bytes (plus one read buffer), stops as soon
 * as the limit is passed, and computes the SHA-256 on the way.
 */
public final class CappedReader {

    private static final int BUFFER = 64 * 1024;

    private CappedReader() {
    }

    /** What was read: the bytes and their lower-case hex SHA-256. */
    public record Content(byte[] bytes, String sha256) {
        public int size() {
            return bytes.length;
        }
    }

    /** The body has more than the allowed number of bytes. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long max;

        TooLarge(long max) {
            super("content exceeds " + max + " bytes");
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    /** Reads all of {@code in} if it has at most {@code max} bytes, else throws {@link TooLarge}. */
    public static Content read(InputStream in, int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive");
        }
        MessageDigest sha = sha256();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, BUFFER));
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (true) {
            // never ask for more than one byte past the limit
            int want = (int) Math.min(buf.length, (long) max + 1 - total);
            int n = in.read(buf, 0, want);
            if (n < 0) {
                break;
            }
            total += n;
            if (total > max) {
                throw new TooLarge(max);
            }
            out.write(buf, 0, n);
            sha.update(buf, 0, n);
        }
        return new Content(out.toByteArray(), HexFormat.of().formatHex(sha.digest()));
    }

    /** Reads and discards at most {@code limit} bytes; returns how many were there. */
    public static long drain(InputStream in, long limit) {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        try {
            int n;
            while (total < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - total))) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to discard
        }
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
