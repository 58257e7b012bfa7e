package cn.cityops.model.worktime;

import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeLimitTest {

    @Test
    void parsesChineseForms() {
        assertEquals(new TimeLimit(5, LimitUnit.WORKING_HOURS), TimeLimit.parse("5工作时"));
        assertEquals(new TimeLimit(1, LimitUnit.WORKING_DAYS), TimeLimit.parse("1工作日"));
        assertEquals(new TimeLimit(2, LimitUnit.HOURS), TimeLimit.parse("2小时"));
        assertEquals(new TimeLimit(30, LimitUnit.MINUTES), TimeLimit.parse("30分钟"));
        assertEquals(new TimeLimit(15, LimitUnit.WORKING_DAYS), TimeLimit.of("15工作日"));
    }

    @Test
    void parsesEnglishForms() {
        assertEquals(new TimeLimit(5, LimitUnit.WORKING_HOURS), TimeLimit.parse("5 working-hours"));
        assertEquals(new TimeLimit(1, LimitUnit.WORKING_DAYS), TimeLimit.parse("1 working-days"));
        assertEquals(new TimeLimit(1, LimitUnit.WORKING_DAYS), TimeLimit.parse("1 working-day"));
        assertEquals(new TimeLimit(2, LimitUnit.HOURS), TimeLimit.parse("2 hours"));
        assertEquals(new TimeLimit(1, LimitUnit.HOURS), TimeLimit.parse("1 hour"));
        assertEquals(new TimeLimit(30, LimitUnit.MINUTES), TimeLimit.parse("30 minutes"));
    }

    @Test
    void toStringIsChinese() {
        assertEquals("5工作时", TimeLimit.parse("5 working-hours").toString());
        assertEquals("1工作日", TimeLimit.parse("1 working-days").toString());
        assertEquals("2小时", TimeLimit.parse("2 hours").toString());
        assertEquals("30分钟", TimeLimit.parse("30 minutes").toString());
    }

    @Test
    void unitLabels() {
        assertEquals("工作时", LimitUnit.WORKING_HOURS.label());
        assertEquals("工作日", LimitUnit.WORKING_DAYS.label());
        assertEquals("小时", LimitUnit.HOURS.label());
        assertEquals("分钟", LimitUnit.MINUTES.label());
        assertTrue(LimitUnit.WORKING_DAYS.isWorkingTime());
        assertFalse(LimitUnit.MINUTES.isWorkingTime());
    }

    @Test
    void rejectsMalformed() {
        String hint = "time limit must look like 5工作时, 1工作日, 2小时, 30分钟 or 5 working-hours, 1 working-days, "
                + "2 hours, 30 minutes, got ";
        assertRejected("timeLimit", "5 工作时", hint + "'5 工作时'", () -> TimeLimit.parse("5 工作时"));
        assertRejected("timeLimit", "5天", hint + "'5天'", () -> TimeLimit.parse("5天"));
        assertRejected("timeLimit", "-1工作日", hint + "'-1工作日'", () -> TimeLimit.parse("-1工作日"));
        assertRejected("timeLimit", "5working-hours", hint + "'5working-hours'",
                () -> TimeLimit.parse("5working-hours"));
        assertRejected("timeLimit", "工作日", hint + "'工作日'", () -> TimeLimit.parse("工作日"));
        assertRejected("timeLimit", "5工作时 ", hint + "'5工作时 '", () -> TimeLimit.parse("5工作时 "));
        assertRejected("timeLimit", null, hint + "null", () -> TimeLimit.parse(null));
    }

    @Test
    void rejectsNonPositiveOrHugeAmounts() {
        assertRejected("timeLimit", "0工作日", "time limit amount must be between 1 and 100000, got 0",
                () -> TimeLimit.parse("0工作日"));
        assertRejected("timeLimit", "0 minutes", "time limit amount must be between 1 and 100000, got 0",
                () -> TimeLimit.parse("0 minutes"));
        assertRejected("timeLimit", "100001小时", "time limit amount must be between 1 and 100000, got 100001",
                () -> TimeLimit.parse("100001小时"));
        assertRejected("timeLimit", "-3工作时", "time limit amount must be between 1 and 100000, got -3",
                () -> new TimeLimit(-3, LimitUnit.WORKING_HOURS));
    }
}
