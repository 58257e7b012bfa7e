package cn.cityops.core.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import cn.cityops.core.reporting.ReportPeriods.Cadence;
import cn.cityops.core.reporting.ReportPeriods.Period;
import cn.cityops.model.validation.InvalidValueException;
import org.junit.jupiter.api.Test;

class ReportPeriodsTest {

    static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Test
    void lastCompletedPeriodOfEachCadence() {
        LocalDate wed = LocalDate.parse("2026-11-18");
        assertEquals(new Period("DAY", LocalDate.parse("2026-11-17"), LocalDate.parse("2026-11-17")),
                Cadence.DAY.lastCompleted(wed));
        assertEquals(new Period("WEEK", LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-15")),
                Cadence.WEEK.lastCompleted(wed));
        assertEquals(new Period("MONTH", LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")),
                Cadence.MONTH.lastCompleted(wed));
        // across a year and a leap February
        assertEquals(new Period("MONTH", LocalDate.parse("2027-12-01"), LocalDate.parse("2027-12-31")),
                Cadence.MONTH.lastCompleted(LocalDate.parse("2028-01-01")));
        assertEquals(LocalDate.parse("2028-02-29"), Cadence.MONTH.lastCompleted(LocalDate.parse("2028-03-31")).to());
        // a Monday: the week before is complete
        assertEquals(LocalDate.parse("2026-11-15"), Cadence.WEEK.lastCompleted(LocalDate.parse("2026-11-16")).to());
    }

    @Test
    void periodBoundsAreWholeDaysInTheNodeZone() {
        Period p = Cadence.DAY.containing(LocalDate.parse("2026-11-20"));
        assertEquals(Instant.parse("2026-11-19T16:00:00Z"), p.start(CST));
        assertEquals(Instant.parse("2026-11-20T16:00:00Z"), p.end(CST));
        assertThrows(InvalidValueException.class,
                () -> new Period("CUSTOM", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-19")));
    }

    @Test
    void theDuePeriodWaitsForTheGraceTime() {
        Duration grace = Duration.ofHours(6);
        // 05:59 CST on 21 Nov: the report of 20 Nov is not due yet, 19 Nov is
        assertEquals(LocalDate.parse("2026-11-19"),
                ReportPeriods.due(Cadence.DAY, Instant.parse("2026-11-20T21:59:00Z"), CST, grace).to());
        // 06:00 CST: now 20 Nov is due
        assertEquals(LocalDate.parse("2026-11-20"),
                ReportPeriods.due(Cadence.DAY, Instant.parse("2026-11-20T22:00:00Z"), CST, grace).to());
    }

    @Test
    void aCityIsMissingWhenItsLatestReportDoesNotReachTheDuePeriod() {
        Duration grace = Duration.ofHours(6);
        Instant now = Instant.parse("2026-11-21T02:00:00Z"); // 10:00 CST 21 Nov → 20 Nov is due
        assertTrue(ReportPeriods.missing(null, Cadence.DAY, now, CST, grace), "never reported");
        assertTrue(ReportPeriods.missing(LocalDate.parse("2026-11-19"), Cadence.DAY, now, CST, grace));
        assertFalse(ReportPeriods.missing(LocalDate.parse("2026-11-20"), Cadence.DAY, now, CST, grace));
        // an on-demand report that runs to today also covers the due day
        assertFalse(ReportPeriods.missing(LocalDate.parse("2026-11-21"), Cadence.DAY, now, CST, grace));
        // weekly: the week to Sunday 15 Nov is due on Wednesday
        assertFalse(ReportPeriods.missing(LocalDate.parse("2026-11-15"), Cadence.WEEK,
                Instant.parse("2026-11-18T02:00:00Z"), CST, grace));
        assertTrue(ReportPeriods.missing(LocalDate.parse("2026-11-08"), Cadence.WEEK,
                Instant.parse("2026-11-18T02:00:00Z"), CST, grace));
    }

    @Test
    void cadenceNames() {
        assertEquals(Cadence.WEEK, Cadence.parse("week"));
        assertThrows(InvalidValueException.class, () -> Cadence.parse("HOURLY"));
    }
}
