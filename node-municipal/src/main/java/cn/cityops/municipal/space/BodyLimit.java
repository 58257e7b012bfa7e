package cn.cityops.municipal.space;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;

/** Caps an upload: reading past {@code max} bytes fails with {@link TooLarge}, which becomes a 413 problem. */
final class BodyLimit extends FilterInputStream {

    /** Default cap of import bodies: 64 MiB. */
    static final long DEFAULT_MAX = 64L * 1024 * 1024;

    private final long max;
    private long count;

    BodyLimit(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Refuses early when the client announced a larger body, then wraps the stream. */
    static InputStream of(InputStream in, String contentLength, long max) {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > max) {
                    throw tooLarge(max);
                }
            } catch (NumberFormatException e) {
                // not a number: rely on counting
            }
        }
        return new BodyLimit(in, max);
    }

    static ProblemException tooLarge(long max) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "import bodies are limited to " + (max >> 20)
                + " MiB; split the file");
    }

    /** If {@code t} was caused by the cap, the 413 problem to throw instead. */
    static RuntimeException translate(Throwable t, RuntimeException otherwise) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TooLarge tl) {
                return tooLarge(tl.max);
            }
        }
        return otherwise;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) throws TooLarge {
        count += n;
        if (count > max) {
            throw new TooLarge(max);
        }
    }

    /** Thrown while reading past the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long max;

        TooLarge(long max) {
            super("body larger than " + max + " bytes");
            this.max = max;
        }
    }
}
