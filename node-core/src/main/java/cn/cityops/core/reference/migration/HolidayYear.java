package cn.cityops.core.reference.migration;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One year file of NateScarlet/holiday-cn ({@code {"year": 2026, "papers": [url…], "days": [{"name", "date",
 * "isOffDay"}…]}}). {@code isOffDay true} is a statutory day off, {@code false} a 调休 make-up working day.
 * A file may list dates of the neighbouring year (e.g. 2007.json lists 2006-12-30).
 */
record HolidayYear(int year, List<String> papers, List<Day> days) {

    /** One listed date. */
    record Day(LocalDate date, String name, boolean offDay) {
    }

    HolidayYear {
        papers = List.copyOf(papers);
        days = List.copyOf(days);
    }

    /** Reads and parses a UTF-8 year file; {@code name} is used in error messages only. */
    static HolidayYear parse(String name, InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        try {
            Map<?, ?> root = as(Map.class, JsonText.parse(text), "top level");
            int year = as(BigDecimal.class, root.get("year"), "year").intValueExact();
            List<String> papers = new ArrayList<>();
            Object paperList = root.get("papers");
            if (paperList != null) {
                for (Object p : as(List.class, paperList, "papers")) {
                    papers.add(as(String.class, p, "papers[]"));
                }
            }
            List<Day> days = new ArrayList<>();
            for (Object d : as(List.class, root.get("days"), "days")) {
                Map<?, ?> day = as(Map.class, d, "days[]");
                days.add(new Day(LocalDate.parse(as(String.class, day.get("date"), "date")),
                        as(String.class, day.get("name"), "name"),
                        as(Boolean.class, day.get("isOffDay"), "isOffDay")));
            }
            return new HolidayYear(year, papers, days);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + ": not a holiday-cn year file: " + e.getMessage(), e);
        }
    }

    /** The first paper (State Council notice) URL, or {@code null} when none is listed. */
    String firstPaper() {
        return papers.isEmpty() ? null : papers.get(0);
    }

    private static <T> T as(Class<T> type, Object value, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + " is not a " + type.getSimpleName() + ": " + value);
        }
        return type.cast(value);
    }
}
