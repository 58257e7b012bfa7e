package cn.cityops.model.worktime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Working-time arithmetic over the real 2026 calendar (see {@link Calendar2026}: 春节 break 2026-02-15..02-23,
 * make-up Saturdays 2026-02-14 and 2026-02-28; 元旦 2026-01-01..03 off, make-up Sunday 2026-01-04), office hours
 * 08:30-12:00,14:00-17:30 (7 hours a day), zone Asia/Shanghai.
 */
class WorkingTimeCalculatorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final OfficeHours HOURS = OfficeHours.parse("08:30-12:00,14:00-17:30");

    private final WorkingTimeCalculator calc = new WorkingTimeCalculator(Calendar2026.calendar(), HOURS, SHANGHAI);

    /** Local Beijing time 2026-MM-DD hh:mm as an instant. */
    private static Instant t(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    private Instant deadline(Instant start, String limit) {
        return calc.deadline(start, TimeLimit.parse(limit));
    }

    // --- 工作日 around the Spring Festival break ---

    @Test
    void oneWorkingDayFromTheLastWorkingDayBeforeTheBreakEndsAfterTheBreak() {
        // Sat 2026-02-14 is the make-up working day just before the break 02-15..02-23
        assertEquals(t(2, 24, 10, 0), deadline(t(2, 14, 10, 0), "1工作日"));
    }

    @Test
    void oneWorkingDayFromFridayLandsOnTheMakeUpSaturday() {
        assertEquals(t(2, 14, 10, 0), deadline(t(2, 13, 10, 0), "1工作日"));
        // without the 2026 overrides the same report would be due on Monday 02-16 (which is really a holiday)
        WorkingTimeCalculator plain = new WorkingTimeCalculator(OverrideCalendar.weekdaysOnly(), HOURS, SHANGHAI);
        assertEquals(t(2, 16, 10, 0), plain.deadline(t(2, 13, 10, 0), TimeLimit.parse("1工作日")));
    }

    @Test
    void oneWorkingDayFromTheFirstOfficeMinuteEndsAtTheEndOfThatDay() {
        assertEquals(t(2, 14, 17, 30), deadline(t(2, 14, 8, 30), "1工作日"));
    }

    @Test
    void fifteenWorkingDaysAcrossTheBreak() {
        // working days after Mon 02-02: 3,4,5,6, 9,10,11,12,13, 14 (make-up), 24,25,26,27, 28 (make-up) = 15
        assertEquals(t(2, 28, 10, 0), deadline(t(2, 2, 10, 0), "15工作日"));
        assertEquals(Duration.ofHours(105), calc.elapsedWorkingTime(t(2, 2, 10, 0), t(2, 28, 10, 0)));
    }

    // --- 工作时 across make-up Saturdays ---

    @Test
    void workingHoursSpanningTheMakeUpSaturdayEndExactlyAtTheEndOfTheMorning() {
        // Fri 02-13 16:00-17:30 = 1.5 h, Sat 02-14 08:30-12:00 = 3.5 h: due at 12:00, not at 14:00
        assertEquals(t(2, 14, 12, 0), deadline(t(2, 13, 16, 0), "5工作时"));
        assertEquals(t(2, 14, 15, 0), deadline(t(2, 13, 16, 0), "6工作时"));
        // second make-up Saturday 02-28
        assertEquals(t(2, 28, 12, 0), deadline(t(2, 27, 16, 0), "5工作时"));
    }

    @Test
    void workingHoursFromTheMakeUpSaturdayJumpOverTheBreak() {
        // Sat 02-14 14:00-17:30 = 3.5 h, then Tue 02-24 08:30-12:00 = 3.5 h, then 1 h from 14:00
        assertEquals(t(2, 24, 15, 0), deadline(t(2, 14, 14, 0), "8工作时"));
    }

    @Test
    void workingHoursAcrossTheNewYearMakeUpSunday() {
        // Wed 2025-12-31 is not covered by the test calendar's overrides but is an ordinary Wednesday;
        // Thu 01-01 .. Sat 01-03 are off, Sun 01-04 is a make-up working day
        Instant start = LocalDateTime.of(2025, 12, 31, 17, 0).atZone(SHANGHAI).toInstant();
        assertEquals(t(1, 4, 9, 0), deadline(start, "1工作时"));
    }

    // --- start outside office hours ---

    @Test
    void startOutsideOfficeHoursStartsCountingAtTheNextInterval() {
        // Saturday evening inside the break: counting starts Tue 02-24 08:30, a full day ends at 17:30
        assertEquals(t(2, 24, 17, 30), deadline(t(2, 21, 19, 0), "1工作日"));
        assertEquals(t(2, 24, 9, 30), deadline(t(2, 24, 7, 0), "1工作时"));     // before opening
        assertEquals(t(2, 24, 16, 0), deadline(t(2, 24, 12, 30), "2工作时"));   // lunch break
        assertEquals(t(2, 14, 9, 30), deadline(t(2, 13, 18, 0), "1工作时"));    // after closing, Friday
    }

    // --- wall-clock units ---

    @Test
    void hoursAndMinutesIgnoreTheCalendar() {
        assertEquals(t(2, 15, 20, 0), deadline(t(2, 14, 20, 0), "24小时"));   // into the holiday
        assertEquals(t(2, 16, 12, 20), deadline(t(2, 16, 11, 50), "30分钟")); // on a holiday, over lunch
        assertEquals(t(2, 17, 2, 0), deadline(t(2, 16, 23, 0), "3 hours"));
    }

    // --- elapsed and remaining ---

    @Test
    void elapsedWorkingTimeAcrossTheHoliday() {
        // Fri 02-13 09:00-12:00 + 14:00-17:30 = 6.5 h; Sat 02-14 = 7 h; 02-15..02-23 = 0; Tue 02-24 08:30-10:00 = 1.5 h
        assertEquals(Duration.ofHours(15), calc.elapsedWorkingTime(t(2, 13, 9, 0), t(2, 24, 10, 0)));
        assertEquals(Duration.ZERO, calc.elapsedWorkingTime(t(2, 15, 0, 0), t(2, 24, 0, 0)));
        assertEquals(Duration.ofMinutes(90), calc.elapsedWorkingTime(t(2, 24, 11, 0), t(2, 24, 14, 30)));
    }

    @Test
    void elapsedWorkingTimeOverMonths() {
        // February 2026: 20 weekdays - 6 holidays (02-16..02-20, 02-23) + 2 make-up Saturdays = 16 days = 112 h
        assertEquals(Duration.ofHours(112), calc.elapsedWorkingTime(t(2, 1, 0, 0), t(3, 1, 0, 0)));
        // Q1 2026: January 22 weekdays - 2 (01-01, 01-02) + 1 (01-04) = 21; February 16; March 22 → 59 days
        assertEquals(Duration.ofHours(59 * 7), calc.elapsedWorkingTime(t(1, 1, 0, 0), t(4, 1, 0, 0)));
    }

    @Test
    void elapsedIsZeroForEmptyOrReversedRanges() {
        assertEquals(Duration.ZERO, calc.elapsedWorkingTime(t(2, 24, 10, 0), t(2, 24, 10, 0)));
        assertEquals(Duration.ZERO, calc.elapsedWorkingTime(t(2, 24, 10, 0), t(2, 13, 10, 0)));
    }

    @Test
    void remainingAndOverdue() {
        Instant due = deadline(t(2, 13, 10, 0), "10工作时"); // 2 + 3.5 | Sat 3.5 + 1 → Sat 02-14 15:00
        assertEquals(t(2, 14, 15, 0), due);
        Instant now = t(2, 13, 17, 0);
        assertEquals(Duration.ofMinutes(30 + 210 + 60), calc.remaining(now, due));
        assertFalse(calc.isOverdue(now, due));

        Instant longDue = t(2, 24, 10, 0);
        assertEquals(Duration.ofHours(9), calc.remaining(now, longDue)); // 0.5 + 7 + 0 + 1.5
        assertFalse(calc.isOverdue(longDue, longDue));
        assertEquals(Duration.ZERO, calc.remaining(longDue, longDue));
        assertTrue(calc.isOverdue(t(2, 24, 10, 1), longDue));
        assertEquals(Duration.ZERO, calc.remaining(t(2, 24, 10, 1), longDue));
    }

    @Test
    void remainingInWallClockUnits() {
        Instant start = t(2, 14, 20, 0);
        Instant due = deadline(start, "24小时");
        assertEquals(Duration.ofHours(24), calc.remaining(start, due, LimitUnit.HOURS));
        assertEquals(Duration.ZERO, calc.remaining(start, due, LimitUnit.WORKING_HOURS)); // all in the holiday
        assertEquals(Duration.ZERO, calc.remaining(due.plusSeconds(1), due, LimitUnit.MINUTES));
    }

    @Test
    void deadlineAndElapsedAgreeForEveryStartInFebruary() {
        for (String text : new String[] {"1工作时", "5工作时", "1工作日", "3工作日"}) {
            TimeLimit limit = TimeLimit.parse(text);
            Duration expected = limit.unit() == LimitUnit.WORKING_HOURS
                    ? Duration.ofHours(limit.amount()) : HOURS.dailyDuration().multipliedBy(limit.amount());
            for (Instant start = t(2, 1, 0, 0); start.isBefore(t(3, 8, 0, 0)); start = start.plusSeconds(1800)) {
                Instant due = calc.deadline(start, limit);
                assertEquals(expected, calc.elapsedWorkingTime(start, due), text + " from " + start);
                assertTrue(calc.isWithinOfficeHours(due.minusSeconds(1)), text + " from " + start);
            }
        }
    }

    // --- zone ---

    @Test
    void datesAndOfficeHoursAreReadInAsiaShanghai() {
        Instant due = deadline(t(2, 14, 10, 0), "1工作日");
        assertEquals(Instant.parse("2026-02-24T02:00:00Z"), due); // 10:00 Beijing time = 02:00 UTC

        // 2026-02-13T16:30Z is Friday in UTC but already Saturday 02-14 00:30 in Shanghai (a make-up working day)
        Instant lateFridayUtc = Instant.parse("2026-02-13T16:30:00Z");
        assertEquals(Instant.parse("2026-02-14T01:30:00Z"), deadline(lateFridayUtc, "1工作时"));
        WorkingTimeCalculator utc = new WorkingTimeCalculator(Calendar2026.calendar(), HOURS, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-02-13T17:30:00Z"), utc.deadline(lateFridayUtc, TimeLimit.parse("1工作时")));
    }

    @Test
    void isWithinOfficeHours() {
        assertTrue(calc.isWithinOfficeHours(t(2, 14, 8, 30)));
        assertFalse(calc.isWithinOfficeHours(t(2, 14, 12, 0)));
        assertFalse(calc.isWithinOfficeHours(t(2, 16, 10, 0))); // holiday Monday
    }

    @Test
    void addWorkingTimeEdgeCases() {
        assertEquals(t(2, 21, 19, 0), calc.addWorkingTime(t(2, 21, 19, 0), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> calc.addWorkingTime(t(2, 21, 19, 0), Duration.ofHours(-1)));
        WorkingTimeCalculator never = new WorkingTimeCalculator(day -> false, HOURS, SHANGHAI);
        assertThrows(IllegalStateException.class, () -> never.deadline(t(2, 21, 19, 0), TimeLimit.parse("1工作日")));
    }

    @Test
    void largeLimitsStayCheap() {
        // 100000 工作时 ≈ 14286 working days ≈ 55 years; must finish quickly (no minute-by-minute walking)
        Instant due = deadline(t(2, 24, 8, 30), "100000工作时");
        assertEquals(Duration.ofHours(100_000), calc.elapsedWorkingTime(t(2, 24, 8, 30), due));
    }
}
