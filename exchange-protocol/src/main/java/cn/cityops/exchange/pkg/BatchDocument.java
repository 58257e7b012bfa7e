package cn.cityops.exchange.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The batch document of the HTTP batch binding (SPEC.md §13.3): {@code {"packages":[<wire document>, …]}}, media type
 * {@value #MEDIA_TYPE}. Each element is exactly a single-package wire document (§2), verified on its own; this class
 * only finds the elements' bytes (without parsing them — each is parsed strictly by the package verifier) and writes
 * batch documents.
 */
public final class BatchDocument {

    /** Media type of a batch document. */
    public static final String MEDIA_TYPE = "application/vnd.cityops.batch+json";
    /** Packages per batch every receiver accepts at least (§13.3). */
    public static final int MIN_ACCEPTED_PACKAGES = 200;
    /** Bytes per batch document every receiver accepts at least (§13.3): 16 MiB. */
    public static final int MIN_ACCEPTED_BYTES = 16 * 1024 * 1024;

    private static final byte[] HEAD = "{\"packages\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEMBER = "\"packages\"".getBytes(StandardCharsets.US_ASCII);

    private BatchDocument() {
    }

    /** A batch with more elements than the receiver accepts (answered like an oversized document, 413). */
    public static final class TooManyPackagesException extends PackageTooLargeException {
        private static final long serialVersionUID = 1L;

        TooManyPackagesException(long count, long limit) {
            super(count, limit);
        }

        @Override
        public String getMessage() {
            return "the batch holds more than " + limit() + " packages";
        }
    }

    /** Writes {@code {"packages":[w1,w2,…]}} from wire documents (each written as given). */
    public static byte[] write(List<byte[]> wires) {
        int size = HEAD.length + 2 + wires.size();
        for (byte[] w : wires) {
            size += w.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(HEAD);
        for (int i = 0; i < wires.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(wires.get(i));
        }
        out.write(']');
        out.write('}');
        return out.toByteArray();
    }

    /**
     * Splits a batch document into the bytes of its elements, in order. The top level must be an object whose only
     * member is {@code "packages"}, an array of 1 … {@code maxPackages} JSON values; whitespace (RFC 8259) is free.
     * Elements are delimited by their JSON structure (strings with escapes, nested objects and arrays) and are not
     * checked further here.
     *
     * @throws PackageTooLargeException  when {@code body.length > maxBytes} (nothing is read), or
     *                                   {@link TooManyPackagesException} when there are more elements than allowed
     * @throws MalformedPackageException ({@link RejectionCode#PKG_MALFORMED}) when the document is not of that shape,
     *                                   with the byte offset
     */
    public static List<byte[]> split(byte[] body, int maxPackages, int maxBytes) throws MalformedPackageException {
        Objects.requireNonNull(body, "body");
        if (body.length > maxBytes) {
            throw new PackageTooLargeException(body.length, maxBytes);
        }
        int[] pos = {ws(body, 0)};
        expect(body, pos, '{');
        pos[0] = ws(body, pos[0]);
        if (pos[0] + MEMBER.length > body.length
                || !Arrays.equals(body, pos[0], pos[0] + MEMBER.length, MEMBER, 0, MEMBER.length)) {
            throw malformed(pos[0], "the batch must be an object with the one member \"packages\"");
        }
        pos[0] = ws(body, pos[0] + MEMBER.length);
        expect(body, pos, ':');
        pos[0] = ws(body, pos[0]);
        expect(body, pos, '[');
        List<byte[]> out = new ArrayList<>();
        pos[0] = ws(body, pos[0]);
        if (pos[0] < body.length && body[pos[0]] == ']') {
            throw malformed(pos[0], "packages: must hold at least one package");
        }
        while (true) {
            int start = pos[0];
            int end = skipValue(body, start);
            if (out.size() == maxPackages) {
                throw new TooManyPackagesException(maxPackages + 1L, maxPackages);
            }
            out.add(Arrays.copyOfRange(body, start, end));
            pos[0] = ws(body, end);
            if (pos[0] >= body.length) {
                throw malformed(pos[0], "packages: unterminated array");
            }
            byte c = body[pos[0]++];
            if (c == ']') {
                break;
            }
            if (c != ',') {
                throw malformed(pos[0] - 1, "packages: expected ',' or ']' after element " + (out.size() - 1));
            }
            pos[0] = ws(body, pos[0]);
        }
        pos[0] = ws(body, pos[0]);
        expect(body, pos, '}');
        if (ws(body, pos[0]) != body.length) {
            throw malformed(pos[0], "nothing may follow the batch object");
        }
        return out;
    }

    /** End (exclusive) of the JSON value starting at {@code i}. */
    private static int skipValue(byte[] b, int i) throws MalformedPackageException {
        if (i >= b.length) {
            throw malformed(i, "packages: a value is missing");
        }
        byte c = b[i];
        if (c == '"') {
            return skipString(b, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int j = i;
            while (j < b.length) {
                byte d = b[j];
                if (d == '"') {
                    j = skipString(b, j);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
                j++;
            }
            throw malformed(i, "packages: element starting here is not terminated");
        }
        int j = i;
        while (j < b.length && b[j] != ',' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n'
                && b[j] != '\r' && b[j] != '{' && b[j] != '[' && b[j] != '"' && b[j] != '}') {
            j++;
        }
        if (j == i) {
            throw malformed(i, "packages: a value is missing");
        }
        return j;
    }

    private static int skipString(byte[] b, int i) throws MalformedPackageException {
        int j = i + 1;
        while (j < b.length) {
            byte d = b[j];
            if (d == '\\') {
                j += 2;
                continue;
            }
            if (d == '"') {
                return j + 1;
            }
            j++;
        }
        throw malformed(i, "unterminated string");
    }

    private static int ws(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static void expect(byte[] b, int[] pos, char c) throws MalformedPackageException {
        if (pos[0] >= b.length || b[pos[0]] != c) {
            throw malformed(pos[0], "expected '" + c + "'");
        }
        pos[0]++;
    }

    private static MalformedPackageException malformed(int offset, String problem) {
        return new MalformedPackageException("batch document at byte " + offset + ": " + problem);
    }
}
