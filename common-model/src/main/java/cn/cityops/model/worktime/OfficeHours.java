package cn.cityops.model.worktime;

import cn.cityops.model.validation.InvalidValueException;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The office hours of every working day: an ordered list of non-overlapping intervals of local time, written
 * {@code 08:30-12:00,14:00-17:30}. Times are whole minutes; an interval cannot cross midnight (the latest end is
 * 23:59). Adjacent intervals may touch ({@code 08:00-12:00,12:00-13:00}). Immutable.
 */
public final class OfficeHours {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "officeHours";

    private static final Pattern INTERVAL = Pattern.compile("([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * One office interval {@code [start, end)} of a day.
     *
     * @param start first instant of the interval, whole minutes
     * @param end end of the interval (exclusive), whole minutes, after {@code start}
     */
    public record Interval(LocalTime start, LocalTime end) {

        /** @throws InvalidValueException (field {@value OfficeHours#FIELD}) if not whole minutes or not start &lt; end */
        public Interval {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
                throw new InvalidValueException(FIELD, start + "-" + end,
                        "office hours interval " + start + "-" + end + " must use whole minutes");
            }
            if (!start.isBefore(end)) {
                String text = HH_MM.format(start) + "-" + HH_MM.format(end);
                throw new InvalidValueException(FIELD, text,
                        "office hours interval " + text + " must end after it starts");
            }
        }

        /** Length of the interval. */
        public Duration duration() {
            return Duration.between(start, end);
        }

        /** {@code HH:mm-HH:mm}. */
        @Override
        public String toString() {
            return HH_MM.format(start) + "-" + HH_MM.format(end);
        }
    }

    private final List<Interval> intervals;
    private final Duration dailyDuration;

    private OfficeHours(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
        this.dailyDuration = intervals.stream().map(Interval::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Office hours from intervals given in order.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if empty, unordered or overlapping
     */
    public static OfficeHours of(List<Interval> intervals) {
        if (intervals.isEmpty()) {
            throw new InvalidValueException(FIELD, "", "office hours must contain at least one interval");
        }
        for (int i = 1; i < intervals.size(); i++) {
            Interval previous = intervals.get(i - 1);
            Interval current = intervals.get(i);
            if (current.start().isBefore(previous.end())) {
                String text = intervals.stream().map(Interval::toString).collect(Collectors.joining(","));
                throw new InvalidValueException(FIELD, text, "office hours interval " + current
                        + " must start at or after the end of the previous interval " + previous
                        + " (intervals must be in order and must not overlap)");
            }
        }
        return new OfficeHours(intervals);
    }

    /**
     * Parses {@code HH:mm-HH:mm[,HH:mm-HH:mm...]}; nothing is trimmed and no spaces are allowed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if malformed, unordered or overlapping
     */
    public static OfficeHours parse(String text) {
        if (text == null || text.isEmpty()) {
            throw malformed(text);
        }
        List<Interval> intervals = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = INTERVAL.matcher(part);
            if (!m.matches()) {
                throw malformed(text);
            }
            LocalTime start = time(text, m.group(1), m.group(2));
            LocalTime end = time(text, m.group(3), m.group(4));
            try {
                intervals.add(new Interval(start, end));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(FIELD, text, e.getMessage(), e);
            }
        }
        try {
            return of(intervals);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, text, e.getMessage(), e);
        }
    }

    /** Same as {@link #parse(String)}. */
    public static OfficeHours of(String text) {
        return parse(text);
    }

    private static LocalTime time(String text, String hh, String mm) {
        int hour = Integer.parseInt(hh);
        int minute = Integer.parseInt(mm);
        if (hour > 23 || minute > 59) {
            throw new InvalidValueException(FIELD, text, "office hours " + InvalidValueException.quote(text)
                    + " contain the invalid time " + hh + ":" + mm + " (00:00..23:59)");
        }
        return LocalTime.of(hour, minute);
    }

    private static InvalidValueException malformed(String text) {
        return new InvalidValueException(FIELD, text, "office hours must be comma-separated intervals like "
                + "08:30-12:00,14:00-17:30, got " + InvalidValueException.quote(text));
    }

    /** The intervals in order, unmodifiable. */
    public List<Interval> intervals() {
        return intervals;
    }

    /** Total office time of one working day, for example 7 hours for {@code 08:30-12:00,14:00-17:30}. */
    public Duration dailyDuration() {
        return dailyDuration;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof OfficeHours h && intervals.equals(h.intervals));
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    /** Canonical form, for example {@code 08:30-12:00,14:00-17:30}. */
    @Override
    public String toString() {
        return intervals.stream().map(Interval::toString).collect(Collectors.joining(","));
    }
}
