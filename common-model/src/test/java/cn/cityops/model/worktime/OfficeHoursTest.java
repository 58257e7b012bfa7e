package cn.cityops.model.worktime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OfficeHoursTest {

    @Test
    void parsesTwoIntervals() {
        OfficeHours hours = OfficeHours.parse("08:30-12:00,14:00-17:30");
        assertEquals(List.of(new OfficeHours.Interval(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                new OfficeHours.Interval(LocalTime.of(14, 0), LocalTime.of(17, 30))), hours.intervals());
        assertEquals(Duration.ofHours(7), hours.dailyDuration());
        assertEquals("08:30-12:00,14:00-17:30", hours.toString());
        assertEquals(OfficeHours.parse("08:30-12:00,14:00-17:30"), hours);
        assertEquals(hours, OfficeHours.of("08:30-12:00,14:00-17:30"));
    }

    @Test
    void singleAndTouchingIntervals() {
        assertEquals(Duration.ofMinutes(23 * 60 + 59), OfficeHours.parse("00:00-23:59").dailyDuration());
        assertEquals(Duration.ofHours(5), OfficeHours.parse("08:00-12:00,12:00-13:00").dailyDuration());
    }

    @Test
    void rejectsMalformed() {
        String hint = "office hours must be comma-separated intervals like 08:30-12:00,14:00-17:30, got ";
        assertRejected("officeHours", "8:30-12:00", hint + "'8:30-12:00'", () -> OfficeHours.parse("8:30-12:00"));
        assertRejected("officeHours", "08:30-12:00, 14:00-17:30", hint + "'08:30-12:00, 14:00-17:30'",
                () -> OfficeHours.parse("08:30-12:00, 14:00-17:30"));
        assertRejected("officeHours", "08:30-12:00,", hint + "'08:30-12:00,'",
                () -> OfficeHours.parse("08:30-12:00,"));
        assertRejected("officeHours", "", hint + "''", () -> OfficeHours.parse(""));
        assertRejected("officeHours", null, hint + "null", () -> OfficeHours.parse(null));
        assertRejected("officeHours", "08:30-24:00", "office hours '08:30-24:00' contain the invalid time 24:00 "
                + "(00:00..23:59)", () -> OfficeHours.parse("08:30-24:00"));
    }

    @Test
    void rejectsBackwardsInterval() {
        assertRejected("officeHours", "12:00-08:30", "office hours interval 12:00-08:30 must end after it starts",
                () -> OfficeHours.parse("12:00-08:30"));
        assertRejected("officeHours", "08:30-08:30", "office hours interval 08:30-08:30 must end after it starts",
                () -> OfficeHours.parse("08:30-08:30"));
    }

    @Test
    void rejectsOverlappingOrUnordered() {
        assertRejected("officeHours", "08:30-12:00,11:00-17:30", "office hours interval 11:00-17:30 must start at "
                + "or after the end of the previous interval 08:30-12:00 (intervals must be in order and must not "
                + "overlap)", () -> OfficeHours.parse("08:30-12:00,11:00-17:30"));
        assertRejected("officeHours", "14:00-17:30,08:30-12:00", "office hours interval 08:30-12:00 must start at "
                + "or after the end of the previous interval 14:00-17:30 (intervals must be in order and must not "
                + "overlap)", () -> OfficeHours.parse("14:00-17:30,08:30-12:00"));
    }

    @Test
    void rejectsEmptyListAndSeconds() {
        assertRejected("officeHours", "", "office hours must contain at least one interval",
                () -> OfficeHours.of(List.of()));
        assertRejected("officeHours", "08:30:15-12:00", "office hours interval 08:30:15-12:00 must use whole minutes",
                () -> new OfficeHours.Interval(LocalTime.of(8, 30, 15), LocalTime.of(12, 0)));
    }
}
