package cn.cityops.municipal.space;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;

/** RFC 4180 CSV, UTF-8 (a BOM is skipped): quoted fields may hold commas, quotes ("") and line breaks. */
final class Csv {

    private Csv() {
    }

    /**
     * Streams the records to {@code consumer} (1-based line number where the record starts, fields). Empty lines are
     * skipped.
     */
    static void read(InputStream in, BiConsumer<Integer, List<String>> consumer) {
        try (Reader r = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> fields = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            int line = 1;
            int recordLine = 1;
            int c = r.read();
            if (c == 0xFEFF) {
                c = r.read();
            }
            while (c != -1) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        int next = r.read();
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
                    if (ch == '\r') {
                        int next = r.read();
                        if (next != '\n') {
                            c = next;
                            emit(fields, cur, recordLine, consumer);
                            fieldStarted = false;
                            line++;
                            recordLine = line;
                            continue;
                        }
                    }
                    emit(fields, cur, recordLine, consumer);
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                } else {
                    cur.append(ch);
                    fieldStarted = true;
                }
                c = r.read();
            }
            if (quoted) {
                throw new ProblemException(ProblemType.MALFORMED, "CSV: a quoted field starting in line " + recordLine
                        + " is not closed");
            }
            emit(fields, cur, recordLine, consumer);
        } catch (IOException e) {
            throw BodyLimit.translate(e, new ProblemException(ProblemType.MALFORMED, "CSV could not be read"));
        }
    }

    private static void emit(List<String> fields, StringBuilder cur, int line,
            BiConsumer<Integer, List<String>> consumer) {
        fields.add(cur.toString());
        cur.setLength(0);
        boolean empty = fields.size() == 1 && fields.get(0).isEmpty();
        if (!empty) {
            consumer.accept(line, List.copyOf(fields));
        }
        fields.clear();
    }

    /** A field for output: quoted when it holds a comma, quote or line break. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
