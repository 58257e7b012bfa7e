package cn.cityops.model.worktime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link WorkingCalendar} of Monday–Friday working weeks plus explicit overrides: {@code true} marks a working day
 * (a 调休 make-up Saturday or Sunday), {@code false} a day off (a statutory holiday on a weekday). Any date without an
 * override is a working day exactly when it falls on Monday to Friday. Immutable.
 */
public final class OverrideCalendar implements WorkingCalendar {

    private static final OverrideCalendar WEEKDAYS = new OverrideCalendar(Map.of());

    private final Map<LocalDate, Boolean> overrides;

    /**
     * @param overrides date → working day? (copied; null keys or values are rejected)
     * @throws NullPointerException if the map, a key or a value is null
     */
    public OverrideCalendar(Map<LocalDate, Boolean> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** A calendar without overrides: Monday–Friday working, Saturday and Sunday off. */
    public static OverrideCalendar weekdaysOnly() {
        return WEEKDAYS;
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        Boolean override = overrides.get(day);
        if (override != null) {
            return override;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The explicit override for {@code day}, if any. */
    public Optional<Boolean> overrideFor(LocalDate day) {
        return Optional.ofNullable(overrides.get(day));
    }

    /** All overrides, unmodifiable. */
    public Map<LocalDate, Boolean> overrides() {
        return overrides;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof OverrideCalendar c && overrides.equals(c.overrides));
    }

    @Override
    public int hashCode() {
        return overrides.hashCode();
    }

    @Override
    public String toString() {
        return "OverrideCalendar" + new java.util.TreeMap<>(overrides);
    }
}
