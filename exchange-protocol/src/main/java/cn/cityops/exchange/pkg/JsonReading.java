package cn.cityops.exchange.pkg;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Strict JSON reader for wire documents and schema files (RFC 8259 plus the canonical profile of SPEC.md §4).
 *
 * <p>Refuses, with a message naming the byte offset (0-based) and the JSON Pointer of the place: invalid UTF-8
 * (including overlong forms and encoded surrogates), a byte order mark, a top level that is not an object, trailing
 * data, duplicate member names, unescaped control characters, lone surrogate escapes, numbers with a fraction or an
 * exponent, integers beyond &plusmn;(2<sup>53</sup>&minus;1), and nesting deeper than the given limit (the top-level
 * object is depth 1). Values are built with the JSON-P provider on the class path.
 */
public final class JsonReading {

    /** Default nesting limit for wire documents. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonReading() {
    }

    /**
     * Parses one JSON object from UTF-8 bytes.
     *
     * @param utf8     the document
     * @param maxDepth nesting limit, at least 1
     * @throws MalformedPackageException ({@link RejectionCode#PKG_MALFORMED}) with a message such as
     *                                   {@code malformed JSON at byte 57 (/package/id): duplicate member name "id"}
     */
    public static JsonObject parseObject(byte[] utf8, int maxDepth) throws MalformedPackageException {
        Objects.requireNonNull(utf8, "utf8");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        return new Parser(utf8, maxDepth).document();
    }

    /** JSON-P provider shared by this package (looked up once). */
    static JsonProvider provider() {
        return JSON;
    }

    private static final class Parser {
        private final byte[] b;
        private final int len;
        private final int maxDepth;
        private final String[] keys;
        private final int[] indexes;
        private int pos;
        private int depth;

        Parser(byte[] b, int maxDepth) {
            this.b = b;
            this.len = b.length;
            this.maxDepth = maxDepth;
            this.keys = new String[maxDepth + 2];
            this.indexes = new int[maxDepth + 2];
        }

        JsonObject document() throws MalformedPackageException {
            if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
                throw fail("a byte order mark is not allowed");
            }
            skipWs();
            if (pos >= len) {
                throw fail("empty document, expected an object");
            }
            if (b[pos] != '{') {
                throw fail("the top-level value must be an object");
            }
            JsonObject result = object();
            skipWs();
            if (pos != len) {
                throw fail("trailing data after the top-level object");
            }
            return result;
        }

        private JsonValue value() throws MalformedPackageException {
            if (pos >= len) {
                throw fail("unexpected end of document, expected a value");
            }
            switch (b[pos]) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return JSON.createValue(string());
                case 't':
                    literal("true");
                    return JsonValue.TRUE;
                case 'f':
                    literal("false");
                    return JsonValue.FALSE;
                case 'n':
                    literal("null");
                    return JsonValue.NULL;
                default:
                    if (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) {
                        return number();
                    }
                    throw fail("unexpected " + describe(b[pos]) + ", expected a value");
            }
        }

        private JsonObject object() throws MalformedPackageException {
            enter();
            pos++;
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            skipWs();
            if (pos < len && b[pos] == '}') {
                pos++;
                depth--;
                return builder.build();
            }
            Set<String> names = new HashSet<>();
            while (true) {
                skipWs();
                if (pos >= len || b[pos] != '"') {
                    throw fail(pos >= len ? "unexpected end of document, expected a member name"
                            : "unexpected " + describe(b[pos]) + ", expected a member name");
                }
                int nameStart = pos;
                String name = string();
                keys[depth] = name;
                if (!names.add(name)) {
                    pos = nameStart;
                    throw fail("duplicate member name \"" + printable(name) + "\"");
                }
                skipWs();
                expect(':', "':' after a member name");
                skipWs();
                builder.add(name, value());
                skipWs();
                if (pos < len && b[pos] == ',') {
                    pos++;
                    continue;
                }
                if (pos < len && b[pos] == '}') {
                    pos++;
                    break;
                }
                throw fail(pos >= len ? "unexpected end of document, expected ',' or '}'"
                        : "unexpected " + describe(b[pos]) + ", expected ',' or '}'");
            }
            keys[depth] = null;
            depth--;
            return builder.build();
        }

        private JsonValue array() throws MalformedPackageException {
            enter();
            pos++;
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            skipWs();
            if (pos < len && b[pos] == ']') {
                pos++;
                depth--;
                return builder.build();
            }
            int index = 0;
            while (true) {
                indexes[depth] = index;
                skipWs();
                builder.add(value());
                skipWs();
                if (pos < len && b[pos] == ',') {
                    pos++;
                    index++;
                    continue;
                }
                if (pos < len && b[pos] == ']') {
                    pos++;
                    break;
                }
                throw fail(pos >= len ? "unexpected end of document, expected ',' or ']'"
                        : "unexpected " + describe(b[pos]) + ", expected ',' or ']'");
            }
            depth--;
            return builder.build();
        }

        private void enter() throws MalformedPackageException {
            if (depth >= maxDepth) {
                throw fail("nesting deeper than " + maxDepth + " levels");
            }
            depth++;
            keys[depth] = null;
            indexes[depth] = -1;
        }

        private JsonValue number() throws MalformedPackageException {
            int start = pos;
            boolean negative = false;
            if (b[pos] == '-') {
                negative = true;
                pos++;
            }
            if (pos >= len || b[pos] < '0' || b[pos] > '9') {
                pos = start;
                throw fail("invalid number");
            }
            int digitsStart = pos;
            if (b[pos] == '0') {
                pos++;
                if (pos < len && b[pos] >= '0' && b[pos] <= '9') {
                    pos = start;
                    throw fail("leading zeros are not allowed in numbers");
                }
            } else {
                while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
                    pos++;
                }
            }
            if (pos < len && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
                pos = start;
                throw fail("numbers must be integers without fraction or exponent (decimals travel as strings)");
            }
            int digits = pos - digitsStart;
            long value = 0;
            if (digits <= 16) {
                for (int i = digitsStart; i < pos; i++) {
                    value = value * 10 + (b[i] - '0');
                }
            }
            if (digits > 16 || value > CanonicalJson.MAX_SAFE_INTEGER) {
                int end = pos;
                pos = start;
                throw fail("integer " + new String(b, start, Math.min(end - start, 40), StandardCharsets.US_ASCII)
                        + " is outside ±(2^53−1) (large numbers travel as strings)");
            }
            return JSON.createValue(negative ? -value : value);
        }

        private String string() throws MalformedPackageException {
            int quote = pos;
            pos++;
            int start = pos;
            while (pos < len) {
                byte c = b[pos];
                if (c == '"') {
                    String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
                    pos++;
                    return s;
                }
                if (c == '\\' || c < 0x20) { // negative bytes are non-ASCII
                    break;
                }
                pos++;
            }
            StringBuilder sb = new StringBuilder(pos - start + 16);
            sb.append(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
            while (true) {
                if (pos >= len) {
                    pos = quote;
                    throw fail("unterminated string");
                }
                int c = b[pos] & 0xff;
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c == '\\') {
                    escape(sb);
                } else if (c < 0x20) {
                    throw fail(String.format("control character U+%04X must be escaped", c));
                } else if (c < 0x80) {
                    sb.append((char) c);
                    pos++;
                } else {
                    sb.appendCodePoint(utf8(c));
                }
            }
        }

        private void escape(StringBuilder sb) throws MalformedPackageException {
            int at = pos;
            if (pos + 1 >= len) {
                throw fail("unterminated escape sequence");
            }
            byte e = b[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char ch = hex4(at);
                    if (Character.isHighSurrogate(ch)) {
                        if (pos + 1 < len && b[pos] == '\\' && b[pos + 1] == 'u') {
                            int low = pos;
                            pos += 2;
                            char lo = hex4(low);
                            if (!Character.isLowSurrogate(lo)) {
                                pos = at;
                                throw fail("lone surrogate escape \\u" + hex(ch));
                            }
                            sb.append(ch).append(lo);
                        } else {
                            pos = at;
                            throw fail("lone surrogate escape \\u" + hex(ch));
                        }
                    } else if (Character.isLowSurrogate(ch)) {
                        pos = at;
                        throw fail("lone surrogate escape \\u" + hex(ch));
                    } else {
                        sb.append(ch);
                    }
                }
                default -> {
                    pos = at;
                    throw fail("invalid escape sequence \\" + (e >= 0x20 && e < 0x7f ? (char) e : '?'));
                }
            }
        }

        private char hex4(int escapeStart) throws MalformedPackageException {
            if (pos + 4 > len) {
                pos = escapeStart;
                throw fail("incomplete \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(b[pos + i], 16);
                if (d < 0) {
                    pos = escapeStart;
                    throw fail("invalid \\u escape");
                }
                v = (v << 4) | d;
            }
            pos += 4;
            return (char) v;
        }

        /** Decodes one multi-byte UTF-8 sequence starting at pos (lead byte c &gt;= 0x80), strictly. */
        private int utf8(int c) throws MalformedPackageException {
            int need;
            int min;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                cp = c & 0x0F;
                min = 0x800;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F; // no encoded surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                throw fail(String.format("invalid UTF-8 byte 0x%02X", c));
            }
            for (int i = 1; i <= need; i++) {
                if (pos + i >= len) {
                    throw fail("truncated UTF-8 sequence");
                }
                int cc = b[pos + i] & 0xff;
                int l = i == 1 ? lo : 0x80;
                int h = i == 1 ? hi : 0xBF;
                if (cc < l || cc > h) {
                    throw fail(String.format("invalid UTF-8 sequence starting with 0x%02X", c));
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min) {
                throw fail("overlong UTF-8 sequence");
            }
            pos += need + 1;
            return cp;
        }

        private void literal(String word) throws MalformedPackageException {
            int n = word.length();
            if (pos + n > len) {
                throw fail("invalid literal, expected " + word);
            }
            for (int i = 0; i < n; i++) {
                if (b[pos + i] != word.charAt(i)) {
                    throw fail("invalid literal, expected " + word);
                }
            }
            pos += n;
        }

        private void expect(char c, String what) throws MalformedPackageException {
            if (pos >= len) {
                throw fail("unexpected end of document, expected " + what);
            }
            if (b[pos] != c) {
                throw fail("unexpected " + describe(b[pos]) + ", expected " + what);
            }
            pos++;
        }

        private void skipWs() {
            while (pos < len) {
                byte c = b[pos];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private MalformedPackageException fail(String problem) {
            String pointer = pointer();
            return new MalformedPackageException(RejectionCode.PKG_MALFORMED, "malformed JSON at byte " + pos
                    + " (" + (pointer.isEmpty() ? "document root" : pointer) + "): " + problem);
        }

        private String pointer() {
            StringBuilder sb = new StringBuilder();
            for (int d = 1; d <= depth; d++) {
                if (keys[d] != null) {
                    sb.append('/').append(CanonicalJson.escapePointer(printable(keys[d])));
                } else if (indexes[d] >= 0) {
                    sb.append('/').append(indexes[d]);
                }
            }
            return sb.toString();
        }

        private static String describe(byte c) {
            int v = c & 0xff;
            if (v >= 0x21 && v < 0x7f) {
                return "character '" + (char) v + "'";
            }
            return String.format("byte 0x%02X", v);
        }

        private static String hex(char c) {
            return String.format("%04x", (int) c);
        }

        private static String printable(String s) {
            String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
            StringBuilder sb = new StringBuilder(cut.length());
            cut.codePoints().forEach(cp -> {
                if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            });
            return sb.toString();
        }
    }
}
