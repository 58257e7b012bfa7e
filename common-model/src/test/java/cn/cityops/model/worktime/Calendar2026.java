package cn.cityops.model.worktime;

import java.time.LocalDate;
import java.util.Map;

import static java.util.Map.entry;

/**
 * The 2026 overrides the tests need, written out by hand from shared/reference/holiday-cn/2026.json (NateScarlet/holiday-cn)
 * (NateScarlet/holiday-cn, built from 国务院办公厅 notice https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm).
 * Only 元旦 and 春节 are included; the tests never look at dates covered by the other 2026 holidays.
 */
final class Calendar2026 {

    private Calendar2026() {
    }

    static final Map<LocalDate, Boolean> OVERRIDES = Map.ofEntries(
            entry(LocalDate.of(2026, 1, 1), false),   // 2026.json: 元旦 2026-01-01 isOffDay=true (Thursday)
            entry(LocalDate.of(2026, 1, 2), false),   // 2026.json: 元旦 2026-01-02 isOffDay=true (Friday)
            entry(LocalDate.of(2026, 1, 3), false),   // 2026.json: 元旦 2026-01-03 isOffDay=true (Saturday anyway)
            entry(LocalDate.of(2026, 1, 4), true),    // 2026.json: 元旦 2026-01-04 isOffDay=false (make-up Sunday)
            entry(LocalDate.of(2026, 2, 14), true),   // 2026.json: 春节 2026-02-14 isOffDay=false (make-up Saturday)
            entry(LocalDate.of(2026, 2, 15), false),  // 2026.json: 春节 2026-02-15 isOffDay=true (Sunday)
            entry(LocalDate.of(2026, 2, 16), false),  // 2026.json: 春节 2026-02-16 isOffDay=true (Monday)
            entry(LocalDate.of(2026, 2, 17), false),  // 2026.json: 春节 2026-02-17 isOffDay=true (Tuesday)
            entry(LocalDate.of(2026, 2, 18), false),  // 2026.json: 春节 2026-02-18 isOffDay=true (Wednesday)
            entry(LocalDate.of(2026, 2, 19), false),  // 2026.json: 春节 2026-02-19 isOffDay=true (Thursday)
            entry(LocalDate.of(2026, 2, 20), false),  // 2026.json: 春节 2026-02-20 isOffDay=true (Friday)
            entry(LocalDate.of(2026, 2, 21), false),  // 2026.json: 春节 2026-02-21 isOffDay=true (Saturday)
            entry(LocalDate.of(2026, 2, 22), false),  // 2026.json: 春节 2026-02-22 isOffDay=true (Sunday)
            entry(LocalDate.of(2026, 2, 23), false),  // 2026.json: 春节 2026-02-23 isOffDay=true (Monday)
            entry(LocalDate.of(2026, 2, 28), true));  // 2026.json: 春节 2026-02-28 isOffDay=false (make-up Saturday)

    static OverrideCalendar calendar() {
        return new OverrideCalendar(OVERRIDES);
    }
}
