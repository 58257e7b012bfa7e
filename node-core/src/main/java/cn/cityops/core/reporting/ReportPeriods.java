package cn.cityops.core.reporting;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import cn.cityops.model.validation.InvalidValueException;

/**
 * Reporting periods of whole calendar days (in the node's time zone) and the rule that flags a missing report: the
 * report of a period is due {@code grace} after the period ends; a city whose latest statistics report does not
 * reach the end of the latest due period has missed it.
 */
public final class ReportPeriods {

    private ReportPeriods() {
    }

    /** How often cities report on schedule. */
    public enum Cadence {
        DAY, WEEK, MONTH;

        /** The period of this cadence that contains {@code day} (weeks start on Monday). */
        public Period containing(LocalDate day) {
            return switch (this) {
                case DAY -> new Period(name(), day, day);
                case WEEK -> {
                    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    yield new Period(name(), monday, monday.plusDays(6));
                }
                case MONTH -> new Period(name(), day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            };
        }

        /** The latest period that ended before {@code today}. */
        public Period lastCompleted(LocalDate today) {
            return containing(containing(today).from().minusDays(1));
        }

        public static Cadence parse(String text) {
            for (Cadence c : values()) {
                if (c.name().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            throw new InvalidValueException("cadence", text, "must be DAY, WEEK or MONTH");
        }
    }

    /** A period {@code [from, to]} of whole days; {@code kind} is a statistics.report period kind. */
    public record Period(String kind, LocalDate from, LocalDate to) {
        public Period {
            if (from == null || to == null || to.isBefore(from)) {
                throw new InvalidValueException("to", String.valueOf(to), "a period needs from <= to");
            }
        }

        /** First instant of the period in {@code zone}. */
        public Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        /** First instant after the period in {@code zone}. */
        public Instant end(ZoneId zone) {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    /** The latest period whose report is due at {@code now}: it ended at least {@code grace} ago. */
    public static Period due(Cadence cadence, Instant now, ZoneId zone, Duration grace) {
        return cadence.lastCompleted(now.minus(grace).atZone(zone).toLocalDate());
    }

    /**
     * Whether a city has missed its report: its latest statistics report covers days up to {@code lastReportedTo}
     * (null: never reported), and the due period ends later than that.
     */
    public static boolean missing(LocalDate lastReportedTo, Cadence cadence, Instant now, ZoneId zone,
            Duration grace) {
        return lastReportedTo == null || lastReportedTo.isBefore(due(cadence, now, zone, grace).to());
    }
}
