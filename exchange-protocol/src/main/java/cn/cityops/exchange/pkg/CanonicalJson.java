package cn.cityops.exchange.pkg;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The canonical form of SPEC.md §4: RFC 8785 (JCS) restricted to integer numbers.
 *
 * <ul>
 *   <li>object members sorted by the UTF-16 code units of their names, no whitespace anywhere;</li>
 *   <li>strings escaped as JCS says: {@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control characters as
 *       <code>&#92;u00xx</code> (lowercase hex), every other character literally in UTF-8; lone surrogates are
 *       refused;</li>
 *   <li>numbers must have an integral value with |n| &le; 2<sup>53</sup>&minus;1 and are written as plain integers
 *       (a value such as {@code 2.0} built in code is written {@code 2}); anything else is refused;</li>
 *   <li>{@code true}, {@code false}, {@code null}.</li>
 * </ul>
 */
public final class CanonicalJson {

    /** Largest magnitude of a number in the canonical profile, 2<sup>53</sup>&minus;1. */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;

    /** Prefix of digests written by {@link #sha256Digest(byte[])}. */
    public static final String DIGEST_PREFIX = "sha256:";

    private static final BigDecimal MAX_SAFE = BigDecimal.valueOf(MAX_SAFE_INTEGER);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 bytes of a JSON value.
     *
     * @throws MalformedPackageException ({@link RejectionCode#PKG_MALFORMED}) naming the JSON Pointer of a
     *                                   fractional or too large number, or of a string with a lone surrogate
     */
    public static byte[] bytes(JsonValue value) throws MalformedPackageException {
        return write(value, null).bytes;
    }

    /** {@code "sha256:" + base64url(SHA-256(bytes))} without padding (43 characters after the prefix). */
    public static String sha256Digest(byte[] bytes) {
        return DIGEST_PREFIX + B64URL.encodeToString(sha256(bytes));
    }

    /** SHA-256 of the bytes (JDK provider). */
    static byte[] sha256(byte[] bytes) {
        return sha256(bytes, 0, bytes.length);
    }

    /** SHA-256 of a slice (JDK provider). */
    static byte[] sha256(byte[] bytes, int offset, int length) {
        MessageDigest md = newSha256();
        md.update(bytes, offset, length);
        return md.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String base64Url(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** Escapes one JSON Pointer reference token (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escapePointer(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Canonical bytes plus the byte range of one top-level member's value (or -1 when absent). */
    record Written(byte[] bytes, int markStart, int markEnd) {
    }

    /**
     * Writes a value canonically and remembers where the value of the top-level member {@code markMember} starts
     * and ends, so that its digest can be taken from the same bytes.
     */
    static Written write(JsonValue value, String markMember) throws MalformedPackageException {
        Writer w = new Writer(markMember);
        try {
            w.value(value, 0);
        } catch (Failure f) {
            String pointer = f.pointer.toString();
            throw new MalformedPackageException(RejectionCode.PKG_MALFORMED,
                    (pointer.isEmpty() ? "(root)" : pointer) + ": " + f.getMessage());
        }
        return new Written(w.toByteArray(), w.markStart, w.markEnd);
    }

    /** Internal failure that collects the JSON Pointer while unwinding; no stack trace. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final StringBuilder pointer = new StringBuilder();

        Failure(String message) {
            super(message, null, false, false);
        }

        Failure under(String token) {
            pointer.insert(0, "/" + escapePointer(token));
            return this;
        }
    }

    private static final class Writer {
        private final String markMember;
        private byte[] buf = new byte[256];
        private int len;
        private int markStart = -1;
        private int markEnd = -1;

        Writer(String markMember) {
            this.markMember = markMember;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        void value(JsonValue v, int depth) {
            if (v == null) {
                throw new Failure("null reference instead of a JSON value");
            }
            switch (v.getValueType()) {
                case OBJECT -> object((JsonObject) v, depth);
                case ARRAY -> array((JsonArray) v, depth);
                case STRING -> string(((JsonString) v).getString());
                case NUMBER -> number((JsonNumber) v);
                case TRUE -> ascii("true");
                case FALSE -> ascii("false");
                case NULL -> ascii("null");
                default -> throw new Failure("unknown JSON value type " + v.getValueType());
            }
        }

        private void object(JsonObject o, int depth) {
            int n = o.size();
            if (n == 0) {
                ascii("{}");
                return;
            }
            String[] names = o.keySet().toArray(new String[n]);
            if (n > 1) {
                Arrays.sort(names); // String order is UTF-16 code unit order, as JCS requires
            }
            put((byte) '{');
            for (int i = 0; i < n; i++) {
                String name = names[i];
                if (i > 0) {
                    put((byte) ',');
                }
                try {
                    string(name);
                    put((byte) ':');
                    boolean mark = depth == 0 && name.equals(markMember);
                    if (mark) {
                        markStart = len;
                    }
                    value(o.get(name), depth + 1);
                    if (mark) {
                        markEnd = len;
                    }
                } catch (Failure f) {
                    throw f.under(name);
                }
            }
            put((byte) '}');
        }

        private void array(JsonArray a, int depth) {
            put((byte) '[');
            int n = a.size();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                try {
                    value(a.get(i), depth + 1);
                } catch (Failure f) {
                    throw f.under(Integer.toString(i));
                }
            }
            put((byte) ']');
        }

        private void number(JsonNumber n) {
            long v;
            if (n.isIntegral()) {
                try {
                    v = n.longValueExact();
                } catch (ArithmeticException e) {
                    throw new Failure("integer " + abbreviate(n.toString()) + " is outside ±(2^53−1)");
                }
            } else {
                BigDecimal d = n.bigDecimalValue().stripTrailingZeros();
                if (d.scale() > 0) {
                    throw new Failure("number " + abbreviate(n.toString())
                            + " is not an integer (decimals travel as strings)");
                }
                if (d.abs().compareTo(MAX_SAFE) > 0) {
                    throw new Failure("integer " + abbreviate(n.toString()) + " is outside ±(2^53−1)");
                }
                v = d.longValueExact();
            }
            if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
                throw new Failure("integer " + v + " is outside ±(2^53−1)");
            }
            ascii(Long.toString(v));
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }

        private void string(String s) {
            int n = s.length();
            ensure(n + 2);
            put((byte) '"');
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80) {
                    if (c == '"' || c == '\\') {
                        ensure(2);
                        buf[len++] = '\\';
                        buf[len++] = (byte) c;
                    } else {
                        ensure(1);
                        buf[len++] = (byte) c;
                    }
                } else if (c < 0x20) {
                    switch (c) {
                        case '\b' -> twoChar('b');
                        case '\f' -> twoChar('f');
                        case '\n' -> twoChar('n');
                        case '\r' -> twoChar('r');
                        case '\t' -> twoChar('t');
                        default -> {
                            ensure(6);
                            buf[len++] = '\\';
                            buf[len++] = 'u';
                            buf[len++] = '0';
                            buf[len++] = '0';
                            buf[len++] = HEX[c >> 4];
                            buf[len++] = HEX[c & 0xf];
                        }
                    }
                } else if (c < 0x800) {
                    ensure(2);
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        ensure(4);
                        buf[len++] = (byte) (0xF0 | (cp >> 18));
                        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        buf[len++] = (byte) (0x80 | (cp & 0x3F));
                    } else {
                        throw new Failure(String.format("string contains a lone surrogate U+%04X at index %d",
                                (int) c, i));
                    }
                } else {
                    ensure(3);
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            put((byte) '"');
        }

        private void twoChar(char c) {
            ensure(2);
            buf[len++] = '\\';
            buf[len++] = (byte) c;
        }

        private void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        private void put(byte c) {
            ensure(1);
            buf[len++] = c;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }
}
