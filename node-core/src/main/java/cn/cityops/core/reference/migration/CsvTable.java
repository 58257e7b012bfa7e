package cn.cityops.core.reference.migration;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read whole: a header row and data rows, parsed per RFC 4180 (comma separator, double-quote quoting
 * with {@code ""} as an escaped quote, quoted fields may hold commas and line breaks, CRLF or LF line ends).
 * A leading UTF-8 byte-order mark is ignored, as are completely empty lines. Every row must have as many fields
 * as the header.
 */
final class CsvTable {

    private final String name;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(String name, List<String> header, List<Row> rows) {
        this.name = name;
        this.header = header;
        this.rows = rows;
    }

    /** Reads all of {@code in}; {@code name} is used in error messages only. */
    static CsvTable read(String name, Reader in) throws IOException {
        List<List<String>> records = parse(name, in);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(name + ": no header row");
        }
        List<String> header = List.copyOf(records.get(0));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (index.put(header.get(i), i) != null) {
                throw new IllegalArgumentException(name + ": duplicate column " + header.get(i));
            }
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(name + ": data row " + r + " has " + fields.size()
                        + " fields, header has " + header.size());
            }
            rows.add(new Row(name, r, index, List.copyOf(fields)));
        }
        return new CsvTable(name, header, Collections.unmodifiableList(rows));
    }

    String name() {
        return name;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** One data row; fields are looked up by header name. */
    static final class Row {
        private final String table;
        private final int number;
        private final Map<String, Integer> index;
        private final List<String> fields;

        private Row(String table, int number, Map<String, Integer> index, List<String> fields) {
            this.table = table;
            this.number = number;
            this.index = index;
            this.fields = fields;
        }

        /** The field of {@code column}, exactly as in the file (may be empty). */
        String get(String column) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException(table + ": no column " + column);
            }
            return fields.get(i);
        }

        /** The field of {@code column}, or {@code null} when it is empty or blank. */
        String getOrNull(String column) {
            String v = get(column);
            return v.isBlank() ? null : v;
        }

        /** The field of {@code column}; fails when it is empty or blank. */
        String require(String column) {
            String v = get(column);
            if (v.isBlank()) {
                throw new IllegalStateException(where() + ": column " + column + " is empty");
            }
            return v;
        }

        /** Data row number, 1 = first row after the header. */
        int number() {
            return number;
        }

        /** "file row N", for messages. */
        String where() {
            return table + " data row " + number;
        }

        @Override
        public String toString() {
            return where() + " " + fields;
        }
    }

    private static List<List<String>> parse(String name, Reader in) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) != -1; ) {
            all.append(buf, 0, n);
        }
        String s = all.toString();
        int i = s.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inRecord = false; // the current record has at least a separator, a quote or a character
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '"' && field.length() == 0) {
                // quoted field: runs to the next quote that is not doubled
                int start = line;
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException(name + " line " + start + ": unterminated quoted field");
                    }
                    char q = s.charAt(i);
                    if (q == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                inRecord = true;
                if (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
                    throw new IllegalArgumentException(name + " line " + line + ": text after a closing quote");
                }
                continue;
            }
            if (ch == '"') {
                throw new IllegalArgumentException(name + " line " + line + ": quote inside an unquoted field");
            }
            if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                inRecord = true;
                i++;
                continue;
            }
            if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    } else {
                        throw new IllegalArgumentException(name + " line " + line + ": bare CR");
                    }
                }
                if (inRecord || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                inRecord = false;
                line++;
                i++;
                continue;
            }
            field.append(ch);
            inRecord = true;
            i++;
        }
        if (inRecord || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
