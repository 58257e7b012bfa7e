package cn.cityops.model.worktime;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverrideCalendarTest {

    private final OverrideCalendar calendar = Calendar2026.calendar();

    @Test
    void springFestival2026() {
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 13)));  // Friday, no override
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 14)));  // make-up Saturday
        for (int d = 15; d <= 23; d++) {
            assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 2, d)), "2026-02-" + d);
        }
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 24)));  // Tuesday, back to work
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 2, 28)));  // make-up Saturday
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 3, 1)));  // ordinary Sunday
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 3, 2)));   // ordinary Monday
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 3, 7)));  // ordinary Saturday
    }

    @Test
    void newYear2026() {
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 1, 1)));  // holiday on a Thursday
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 1, 4)));   // make-up Sunday
    }

    @Test
    void weekdaysOnly() {
        OverrideCalendar plain = OverrideCalendar.weekdaysOnly();
        assertTrue(plain.isWorkingDay(LocalDate.of(2026, 2, 16)));
        assertFalse(plain.isWorkingDay(LocalDate.of(2026, 2, 14)));
        assertTrue(plain.overrides().isEmpty());
    }

    @Test
    void copiesItsInputAndComparesByValue() {
        Map<LocalDate, Boolean> input = new HashMap<>(Calendar2026.OVERRIDES);
        OverrideCalendar copy = new OverrideCalendar(input);
        input.put(LocalDate.of(2026, 3, 2), false);
        assertTrue(copy.isWorkingDay(LocalDate.of(2026, 3, 2)));
        assertEquals(calendar, copy);
        assertEquals(calendar.hashCode(), copy.hashCode());
        assertEquals(Optional.of(true), copy.overrideFor(LocalDate.of(2026, 2, 14)));
        assertEquals(Optional.empty(), copy.overrideFor(LocalDate.of(2026, 3, 2)));
        assertThrows(UnsupportedOperationException.class, () -> copy.overrides().put(LocalDate.now(), true));
    }
}
