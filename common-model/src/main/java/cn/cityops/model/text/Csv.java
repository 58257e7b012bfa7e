package cn.cityops.model.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV per RFC 4180, the one implementation of the project: comma separator; fields in double quotes may hold commas,
 * line breaks and {@code ""} for a quote; CRLF, LF or CR line ends; a leading UTF-8 byte-order mark is skipped; empty
 * lines are skipped. Writing quotes a field only when it must, and {@link #safeField} also defuses spreadsheet
 * formulas in values that came from users.
 */
public final class Csv {

    private Csv() {
    }

    /** A quoted field is not closed; {@link #line()} is where its record started. */
    public static final class MalformedCsvException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Receives one record: the 1-based line where it starts and its fields. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(int line, List<String> fields);
    }

    /** Streams the records of {@code in} to {@code consumer}. */
    public static void read(Reader in, RecordConsumer consumer) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int c = in.read();
        if (c == 0xFEFF) {
            c = in.read();
        }
        while (c != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int next = in.read();
                    if (next == '"') {
                        cur.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
                fieldStarted = false;
            } else if (ch == '\r' || ch == '\n') {
                int next = ch == '\r' ? in.read() : -2;
                emit(fields, cur, recordLine, consumer);
                fieldStarted = false;
                line++;
                recordLine = line;
                if (next != -2 && next != '\n') {
                    c = next;
                    continue;
                }
            } else {
                cur.append(ch);
                fieldStarted = true;
            }
            c = in.read();
        }
        if (quoted) {
            throw new MalformedCsvException(recordLine, "CSV: a quoted field starting in line " + recordLine
                    + " is not closed");
        }
        emit(fields, cur, recordLine, consumer);
    }

    /** All records of {@code in}. */
    public static List<List<String>> parse(Reader in) throws IOException {
        List<List<String>> out = new ArrayList<>();
        read(in, (line, f) -> out.add(f));
        return out;
    }

    /** All records of a text held in memory. */
    public static List<List<String>> parse(String text) {
        try {
            return parse(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void emit(List<String> fields, StringBuilder cur, int line, RecordConsumer consumer) {
        fields.add(cur.toString());
        cur.setLength(0);
        boolean empty = fields.size() == 1 && fields.get(0).isEmpty();
        if (!empty) {
            consumer.accept(line, List.copyOf(fields));
        }
        fields.clear();
    }

    /** A field for output ({@code null} as empty): quoted when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /**
     * A user-supplied value for a file people open in a spreadsheet: a leading {@code = + - @} (a formula) is
     * prefixed with an apostrophe, then {@link #field} applies.
     */
    public static String safeField(String value) {
        if (value != null && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            return field("'" + value);
        }
        return field(value);
    }

    /** One record: the fields joined by commas (no line end). */
    public static String line(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(values.get(i)));
        }
        return b.toString();
    }
}
