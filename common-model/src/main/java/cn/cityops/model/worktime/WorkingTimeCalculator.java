package cn.cityops.model.worktime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Deadline and elapsed-time arithmetic over a {@link WorkingCalendar}, {@link OfficeHours} and a time zone.
 *
 * <ul>
 *   <li>Working time is time inside the office intervals of working days, in the given zone.</li>
 *   <li>{@link LimitUnit#HOURS} and {@link LimitUnit#MINUTES} are wall-clock durations; the calendar is ignored.</li>
 *   <li>{@link LimitUnit#WORKING_HOURS}: N hours of working time. A start outside office hours starts counting at
 *       the next office interval.</li>
 *   <li>{@link LimitUnit#WORKING_DAYS}: N × {@link OfficeHours#dailyDuration()} of working time, so 1工作日 from
 *       10:00 on a working day is due at 10:00 on the next working day, and 1工作日 from a Saturday evening is due at
 *       the end of office hours of the next working day.</li>
 *   <li>A deadline that falls exactly on the end of an office interval is that end, not the start of the next
 *       interval.</li>
 * </ul>
 * The arithmetic walks day by day (a few intervals per day), never minute by minute. Local times that do not exist
 * or are ambiguous because of a daylight-saving change are resolved as {@link ZonedDateTime#of} does (irrelevant for
 * Asia/Shanghai, which has no DST since 1991). Immutable and thread-safe if the calendar is.
 */
public final class WorkingTimeCalculator {

    /** A calendar with no working day for this many consecutive days is treated as broken. */
    private static final int MAX_CONSECUTIVE_DAYS_OFF = 3660;

    private final WorkingCalendar calendar;
    private final OfficeHours hours;
    private final ZoneId zone;

    /**
     * @param calendar which dates are working days
     * @param hours office hours of a working day
     * @param zone zone in which dates and office hours are read, normally {@code Asia/Shanghai}
     */
    public WorkingTimeCalculator(WorkingCalendar calendar, OfficeHours hours, ZoneId zone) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The working calendar. */
    public WorkingCalendar calendar() {
        return calendar;
    }

    /** The office hours. */
    public OfficeHours officeHours() {
        return hours;
    }

    /** The zone. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The instant by which a matter started at {@code start} must be done under {@code limit}.
     *
     * @throws IllegalStateException if the calendar has no working day for about ten years after {@code start}
     */
    public Instant deadline(Instant start, TimeLimit limit) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(limit, "limit");
        return switch (limit.unit()) {
            case HOURS -> start.plus(Duration.ofHours(limit.amount()));
            case MINUTES -> start.plus(Duration.ofMinutes(limit.amount()));
            case WORKING_HOURS -> addWorkingTime(start, Duration.ofHours(limit.amount()));
            case WORKING_DAYS -> addWorkingTime(start, hours.dailyDuration().multipliedBy(limit.amount()));
        };
    }

    /**
     * The instant at which {@code amount} of working time has passed since {@code start}. A zero amount returns
     * {@code start} unchanged.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws IllegalStateException if the calendar has no working day for about ten years after {@code start}
     */
    public Instant addWorkingTime(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time to add must not be negative, got " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        int daysOff = 0;
        while (true) {
            if (calendar.isWorkingDay(day)) {
                daysOff = 0;
                for (OfficeHours.Interval interval : hours.intervals()) {
                    Instant end = at(day, interval.end());
                    if (!end.isAfter(start)) {
                        continue;
                    }
                    Instant begin = at(day, interval.start());
                    Instant from = begin.isAfter(start) ? begin : start;
                    Duration available = Duration.between(from, end);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            } else if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
                throw new IllegalStateException("working calendar has no working day in the "
                        + MAX_CONSECUTIVE_DAYS_OFF + " days before " + day);
            }
            day = day.plusDays(1);
        }
    }

    /** Working time between {@code from} and {@code to}; zero if {@code to} is not after {@code from}. */
    public Duration elapsedWorkingTime(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (OfficeHours.Interval interval : hours.intervals()) {
                Instant begin = at(day, interval.start());
                Instant end = at(day, interval.end());
                Instant a = begin.isAfter(from) ? begin : from;
                Instant b = end.isBefore(to) ? end : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /**
     * Working time left from {@code now} until {@code deadline}; {@link Duration#ZERO} once the deadline has passed
     * (see {@link #isOverdue(Instant, Instant)}). Use {@link #remaining(Instant, Instant, LimitUnit)} for limits in
     * wall-clock units.
     */
    public Duration remaining(Instant now, Instant deadline) {
        return isOverdue(now, deadline) ? Duration.ZERO : elapsedWorkingTime(now, deadline);
    }

    /**
     * Time left until {@code deadline} measured in the way {@code unit} counts: working time for 工作时/工作日,
     * wall-clock time for 小时/分钟; {@link Duration#ZERO} once the deadline has passed.
     */
    public Duration remaining(Instant now, Instant deadline, LimitUnit unit) {
        if (unit.isWorkingTime()) {
            return remaining(now, deadline);
        }
        return isOverdue(now, deadline) ? Duration.ZERO : Duration.between(now, deadline);
    }

    /** True if {@code now} is after {@code deadline} (a matter done exactly at the deadline is on time). */
    public boolean isOverdue(Instant now, Instant deadline) {
        return now.isAfter(deadline);
    }

    /** True if {@code instant} lies inside an office interval of a working day. */
    public boolean isWithinOfficeHours(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        if (!calendar.isWorkingDay(day)) {
            return false;
        }
        for (OfficeHours.Interval interval : hours.intervals()) {
            if (!instant.isBefore(at(day, interval.start())) && instant.isBefore(at(day, interval.end()))) {
                return true;
            }
        }
        return false;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
