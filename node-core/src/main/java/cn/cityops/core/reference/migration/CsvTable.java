package cn.cityops.core.reference.migration;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.cityops.model.text.Csv;

/**
 * A CSV file read whole ({@link Csv}, RFC 4180): a header row and data rows. Every row must have as many fields as
 * the header.
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
        try {
            return Csv.parse(in);
        } catch (Csv.MalformedCsvException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
