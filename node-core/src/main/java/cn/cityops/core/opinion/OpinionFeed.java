package cn.cityops.core.opinion;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import cn.cityops.core.problem.Problem;
import cn.cityops.model.text.Csv;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * Public-opinion items as staff enter them or as a monitoring feed delivers them (CSV with a header row, or JSON: an
 * array of items or {@code {"items": [...]}}), checked field by field. Feed problems name the row:
 * {@code rows[3].sentiment} is the third data row (CSV: the third line after the header).
 */
public final class OpinionFeed {

    static final Set<String> SENTIMENTS = Set.of("POSITIVE", "NEUTRAL", "NEGATIVE");
    static final Set<String> SOURCE_KINDS = Set.of("NEWS", "SOCIAL_MEDIA", "FORUM", "VIDEO", "HOTLINE", "OTHER");
    static final List<String> COLUMNS = List.of("source", "sourceKind", "link", "title", "summary", "sentiment",
            "divisionCode", "publishedAt", "major", "handleDeadline");
    static final int MAX_ROWS = 1000;

    private OpinionFeed() {
    }

    /** One item as given (text fields; {@code major} as Boolean). */
    public record Item(String source, String sourceKind, String link, String title, String summary, String sentiment,
            String divisionCode, String publishedAt, Boolean major, String handleDeadline) {
    }

    /** A checked item: timestamps parsed. */
    public record Checked(Item item, Instant publishedAt, Instant handleDeadline) {
    }

    /** Items that passed, and the problems of those that did not. */
    public record Parsed(List<Checked> items, List<Problem.Issue> issues) {
    }

    /** Checks one item; problems are added to {@code issues} with {@code prefix} before the field name. */
    public static Checked check(Item i, String prefix, List<Problem.Issue> issues) {
        int before = issues.size();
        if (i == null) {
            issues.add(new Problem.Issue(prefix.isEmpty() ? "body" : prefix, null, "an opinion item is required"));
            return null;
        }
        text(issues, prefix + "source", i.source(), 100, true);
        text(issues, prefix + "title", i.title(), 200, false);
        text(issues, prefix + "summary", i.summary(), 5000, true);
        if (i.sourceKind() != null && !SOURCE_KINDS.contains(i.sourceKind())) {
            issues.add(new Problem.Issue(prefix + "sourceKind", i.sourceKind(), "one of " + SOURCE_KINDS));
        }
        if (i.link() != null && !i.link().matches("(?i)https?://[\\x21-\\x7e]{1,2040}")) {
            issues.add(new Problem.Issue(prefix + "link", i.link(), "an absolute http(s) URL in ASCII"));
        }
        if (i.sentiment() == null || !SENTIMENTS.contains(i.sentiment())) {
            issues.add(new Problem.Issue(prefix + "sentiment", i.sentiment(), "one of " + SENTIMENTS
                    + " (正面 / 中性 / 负面)"));
        }
        if (i.divisionCode() == null || !i.divisionCode().matches("[0-9]{6}([0-9]{3})?")) {
            issues.add(new Problem.Issue(prefix + "divisionCode", i.divisionCode(), "6 or 9 digits (GB/T 2260)"));
        }
        Instant published = instant(issues, prefix + "publishedAt", i.publishedAt(), true);
        Instant deadline = instant(issues, prefix + "handleDeadline", i.handleDeadline(), false);
        if (published != null && published.isAfter(Instant.now().plusSeconds(300))) {
            issues.add(new Problem.Issue(prefix + "publishedAt", i.publishedAt(), "must not be in the future"));
        }
        return issues.size() == before ? new Checked(i, published, deadline) : null;
    }

    /** Parses a feed by its media type: {@code text/csv} or {@code application/json}. */
    public static Parsed parse(String mediaType, String body) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (body == null || body.isBlank()) {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", null, "the feed is empty")));
        }
        if (type.startsWith("text/csv")) {
            return csv(body);
        }
        if (type.startsWith("application/json")) {
            return json(body);
        }
        return new Parsed(List.of(), List.of(new Problem.Issue("Content-Type", mediaType,
                "text/csv or application/json")));
    }

    static Parsed csv(String body) {
        List<Problem.Issue> issues = new ArrayList<>();
        List<Checked> items = new ArrayList<>();
        List<List<String>> rows;
        try {
            rows = new ArrayList<>();
            List<List<String>> out = rows;
            Csv.read(new StringReader(body), (line, fields) -> out.add(fields));
        } catch (Csv.MalformedCsvException e) {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", null, e.getMessage())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (rows.isEmpty()) {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", null, "the feed is empty")));
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(0);
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim();
            if (!COLUMNS.contains(name)) {
                issues.add(new Problem.Issue("header", name, "unknown column; columns are " + COLUMNS));
            } else if (col.putIfAbsent(name, c) != null) {
                issues.add(new Problem.Issue("header", name, "column given twice"));
            }
        }
        for (String required : List.of("source", "summary", "sentiment", "divisionCode", "publishedAt")) {
            if (!col.containsKey(required)) {
                issues.add(new Problem.Issue("header", null, "column " + required + " is required"));
            }
        }
        if (!issues.isEmpty()) {
            return new Parsed(List.of(), issues);
        }
        if (rows.size() - 1 > MAX_ROWS) {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", String.valueOf(rows.size() - 1),
                    "at most " + MAX_ROWS + " rows per feed")));
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> f = rows.get(r);
            String prefix = "rows[" + r + "].";
            if (f.size() != header.size()) {
                issues.add(new Problem.Issue("rows[" + r + "]", null, f.size() + " fields, the header has "
                        + header.size()));
                continue;
            }
            String major = cell(f, col, "major");
            Boolean isMajor = null;
            if (major != null) {
                isMajor = switch (major.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes", "是" -> true;
                    case "false", "0", "no", "否" -> false;
                    default -> {
                        issues.add(new Problem.Issue(prefix + "major", major, "true or false"));
                        yield null;
                    }
                };
            }
            Item item = new Item(cell(f, col, "source"), cell(f, col, "sourceKind"), cell(f, col, "link"),
                    cell(f, col, "title"), cell(f, col, "summary"), cell(f, col, "sentiment"),
                    cell(f, col, "divisionCode"), cell(f, col, "publishedAt"), isMajor, cell(f, col, "handleDeadline"));
            Checked c = check(item, prefix, issues);
            if (c != null) {
                items.add(c);
            }
        }
        return new Parsed(items, issues);
    }

    private static String cell(List<String> fields, Map<String, Integer> col, String name) {
        Integer c = col.get(name);
        if (c == null) {
            return null;
        }
        String v = fields.get(c).trim();
        return v.isEmpty() ? null : v;
    }

    static Parsed json(String body) {
        JsonStructure doc;
        try (var r = Json.createReader(new StringReader(body))) {
            doc = r.read();
        } catch (JsonException e) {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", null, "not JSON: " + e.getMessage())));
        }
        JsonArray array;
        if (doc instanceof JsonArray a) {
            array = a;
        } else if (doc instanceof JsonObject o && o.get("items") instanceof JsonArray a) {
            array = a;
        } else {
            return new Parsed(List.of(), List.of(new Problem.Issue("body", null,
                    "an array of items or {\"items\": [...]}")));
        }
        if (array.size() > MAX_ROWS) {
            return new Parsed(List.of(), List.of(new Problem.Issue("items", String.valueOf(array.size()),
                    "at most " + MAX_ROWS + " items per feed")));
        }
        List<Problem.Issue> issues = new ArrayList<>();
        List<Checked> items = new ArrayList<>();
        for (int n = 0; n < array.size(); n++) {
            String prefix = "rows[" + (n + 1) + "].";
            if (!(array.get(n) instanceof JsonObject o)) {
                issues.add(new Problem.Issue("rows[" + (n + 1) + "]", null, "an object is required"));
                continue;
            }
            for (String key : o.keySet()) {
                if (!COLUMNS.contains(key)) {
                    issues.add(new Problem.Issue(prefix + key, null, "unknown member; members are " + COLUMNS));
                }
            }
            Boolean major = null;
            JsonValue m = o.get("major");
            if (m == JsonValue.TRUE || m == JsonValue.FALSE) {
                major = m == JsonValue.TRUE;
            } else if (m != null && m != JsonValue.NULL) {
                issues.add(new Problem.Issue(prefix + "major", m.toString(), "true or false"));
            }
            Item item = new Item(str(o, "source", prefix, issues), str(o, "sourceKind", prefix, issues),
                    str(o, "link", prefix, issues), str(o, "title", prefix, issues), str(o, "summary", prefix, issues),
                    str(o, "sentiment", prefix, issues), str(o, "divisionCode", prefix, issues),
                    str(o, "publishedAt", prefix, issues), major, str(o, "handleDeadline", prefix, issues));
            Checked c = check(item, prefix, issues);
            if (c != null) {
                items.add(c);
            }
        }
        return new Parsed(items, issues);
    }

    private static String str(JsonObject o, String key, String prefix, List<Problem.Issue> issues) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? null : s.getString().trim();
        }
        issues.add(new Problem.Issue(prefix + key, v.toString(), "must be a string"));
        return null;
    }

    private static Instant instant(List<Problem.Issue> issues, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                issues.add(new Problem.Issue(field, null, "is required (RFC 3339, e.g. 2026-11-21T08:30:00Z)"));
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (RuntimeException e) {
            issues.add(new Problem.Issue(field, value, "an RFC 3339 timestamp with offset, e.g."
                    + " 2026-11-21T08:30:00+08:00"));
            return null;
        }
    }

    private static void text(List<Problem.Issue> issues, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                issues.add(new Problem.Issue(field, value, "is required"));
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            issues.add(new Problem.Issue(field, null, "at most " + max + " characters"));
        }
    }
}
