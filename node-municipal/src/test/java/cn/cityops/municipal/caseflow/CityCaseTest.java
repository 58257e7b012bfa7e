package cn.cityops.municipal.caseflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.worktime.OfficeHours;
import cn.cityops.model.worktime.OverrideCalendar;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import cn.cityops.municipal.caseflow.CityCase.Actor;
import cn.cityops.municipal.caseflow.CityCase.Change;
import cn.cityops.municipal.caseflow.CityCase.Inputs;
import cn.cityops.municipal.caseflow.CityCase.RuleViolation;
import cn.cityops.municipal.caseflow.StageClock.Light;
import cn.cityops.municipal.caseflow.Workflow.Transition;
import org.junit.jupiter.api.Test;

class CityCaseTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final WorkingTimeCalculator CALC = calculator();
    static final CityCase.Limits LIMITS = (stage, cls, matter) -> switch (stage) {
        case HANDLING -> cls == CaseClass.URGENT ? TimeLimit.of("2小时") : TimeLimit.of("1工作日");
        default -> cls == CaseClass.URGENT ? TimeLimit.of("30分钟") : TimeLimit.of("1工作时");
    };

    static final Actor INSPECTOR = new Actor("jdy01", "inspector", null);
    static final Actor INSPECTOR_2 = new Actor("jdy02", "inspector", null);
    static final Actor INTAKE = new Actor("sly01", "intake-operator", null);
    static final Actor LEAD = new Actor("zbz01", "shift-lead", null);
    static final Actor DISPATCHER = new Actor("pqy01", "dispatcher", null);
    static final Actor HW = new Actor("hw01", "department", "hw");
    static final Actor SZ = new Actor("sz01", "department", "sz");

    final List<Change> changes = new ArrayList<>();

    /** 9:00–12:00 and 14:00–18:00 (7 h a day); National Day 1–7 Oct 2026 off, Saturday 10 Oct a make-up day. */
    static WorkingTimeCalculator calculator() {
        Map<LocalDate, Boolean> overrides = new HashMap<>();
        for (int d = 1; d <= 7; d++) {
            overrides.put(LocalDate.of(2026, 10, d), false);
        }
        overrides.put(LocalDate.of(2026, 10, 10), true);
        return new WorkingTimeCalculator(new OverrideCalendar(overrides), OfficeHours.of("09:00-12:00,14:00-18:00"),
                ZONE);
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    static Inputs with(String field, Object value) {
        Inputs n = Inputs.none();
        return new Inputs(field.equals("reason") ? (String) value : null, field.equals("department") ? (String) value
                : null, field.equals("inspector") ? (String) value : null, field.equals("extension")
                        ? TimeLimit.of((String) value) : null, field.equals("result") ? (String) value : null,
                field.equals("text") ? (String) value : null, null, n.attachments());
    }

    Change act(CityCase c, String action, Actor a, Inputs in, String when) {
        var d = WorkflowTest.W.decide(c.state(), action, Set.of(a.role()));
        Change ch = c.perform(WorkflowTest.W, ((Workflow.Decision.Allowed) d).transition(), a, in, at(when), LIMITS,
                CALC);
        changes.add(ch);
        return ch;
    }

    CityCase reportedAndDispatched(String dispatchAt, CaseClass cls) {
        LocalDateTime d = LocalDateTime.parse(dispatchAt);
        CityCase c = new CityCase(1, "20261116000001", CaseSource.INSPECTOR, ClassCode.of("06010"), cls,
                at(d.minusMinutes(30).toString()), "jdy01");
        act(c, "report", INSPECTOR, Inputs.none(), d.minusMinutes(30).toString());
        act(c, "accept", INTAKE, Inputs.none(), d.minusMinutes(20).toString());
        act(c, "file", LEAD, Inputs.none(), d.minusMinutes(10).toString());
        act(c, "dispatch", DISPATCHER, with("department", "hw"), dispatchAt);
        return c;
    }

    @Test
    void theWholeLoopRecordsOneFactPerStageWithItsLimitAndOutcome() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        act(c, "feedback", HW, with("result", "已清运"), "2026-11-16T11:00");
        act(c, "send_check", INTAKE, with("inspector", "jdy01"), "2026-11-16T11:10");
        act(c, "pass", INSPECTOR, Inputs.none(), "2026-11-16T11:30");
        Change closed = act(c, "close", LEAD, Inputs.none(), "2026-11-16T11:40");
        assertEquals("CLOSED", c.state());
        assertNull(c.stage());
        assertEquals(at("2026-11-16T11:40"), c.closedAt());
        assertTrue(c.closedOnTime());
        List<CityCase.StageFact> ended = changes.stream().map(Change::ended).filter(f -> f != null).toList();
        assertEquals(List.of(Stage.ACCEPTANCE, Stage.FILING, Stage.DISPATCH, Stage.HANDLING, Stage.CHECK,
                Stage.CLOSING), ended.stream().map(CityCase.StageFact::stage).toList());
        assertEquals(List.of("accept", "file", "dispatch", "feedback", "pass", "close"),
                ended.stream().map(CityCase.StageFact::outcome).toList());
        CityCase.StageFact handling = ended.get(3);
        assertEquals("hw", handling.departmentId());
        assertEquals("hw01", handling.actor());
        assertEquals(TimeLimit.of("1工作日"), handling.limit());
        assertEquals(at("2026-11-16T18:00"), handling.deadline());
        assertTrue(handling.onTime());
        assertEquals("CLOSED", closed.event().toState());
        // reported at 08:30, before office hours: the 1 working hour of 受理 runs from 09:00
        assertEquals(at("2026-11-16T10:00"), ended.get(0).deadline());
    }

    @Test
    void aReopenedCaseIsOpenAgainWithAFreshDispatchStageAndOverallClock() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        act(c, "feedback", HW, with("result", "已清运"), "2026-11-16T11:00");
        act(c, "send_check", INTAKE, with("inspector", "jdy01"), "2026-11-16T11:10");
        act(c, "pass", INSPECTOR, Inputs.none(), "2026-11-16T11:30");
        act(c, "close", LEAD, Inputs.none(), "2026-11-16T11:40");
        Instant firstOverall = c.overallClock().start();
        Change reopened = act(c, "reopen", INTAKE, with("reason", "回访不满意：垃圾仍未清运"), "2026-11-17T09:00");
        assertEquals("PENDING_DISPATCH", c.state());
        assertNull(c.closedAt());
        assertNull(c.closedOnTime());
        assertNull(reopened.ended());
        assertEquals(Stage.DISPATCH, reopened.started().stage());
        assertEquals(at("2026-11-17T10:00"), c.stageClock().deadline());
        assertEquals(at("2026-11-17T09:00"), c.overallClock().start());
        assertTrue(c.overallClock().start().isAfter(firstOverall));
        assertEquals("回访不满意：垃圾仍未清运", reopened.event().note());
        act(c, "dispatch", DISPATCHER, with("department", "hw"), "2026-11-17T09:10");
        assertEquals("HANDLING", c.state());
    }

    @Test
    void reopeningNeedsAReasonAndOnlyAClosedCaseCanBeReopened() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        assertInstanceOf(Workflow.Decision.Illegal.class, WorkflowTest.W.decide(c.state(), "reopen",
                Set.of("intake-operator")));
        act(c, "void", LEAD, with("reason", "重复"), "2026-11-16T10:00");
        assertInstanceOf(Workflow.Decision.Illegal.class, WorkflowTest.W.decide("VOIDED", "reopen",
                Set.of("intake-operator")));
        Transition reopen = ((Workflow.Decision.Allowed) WorkflowTest.W.decide("CLOSED", "reopen",
                Set.of("intake-operator"))).transition();
        CityCase closed = CityCase.restore(2, "20261116000002", CaseSource.NATIONAL_12319, ClassCode.of("06010"),
                CaseClass.GENERAL, at("2026-11-16T08:00"), "12319", "CLOSED", "hw", null, null, null,
                at("2026-11-16T12:00"), true, null, null, null, null, 3);
        CityCase.RuleViolation v = assertThrows(CityCase.RuleViolation.class, () -> closed.perform(WorkflowTest.W,
                reopen, INTAKE, Inputs.none(), at("2026-11-17T09:00"), LIMITS, CALC));
        assertFalse(v.forbidden());
        assertEquals("CLOSED", closed.state());
    }

    @Test
    void theHandlingLimitSkipsTheNationalDayHolidays() {
        CityCase c = reportedAndDispatched("2026-09-30T17:00", CaseClass.GENERAL);
        // 1 h left on 30 Sep, 1–7 Oct off, 6 h on Thursday 8 Oct
        assertEquals(at("2026-10-08T17:00"), c.stageClock().deadline());
        assertEquals(Duration.ofHours(7), c.stageClock().remaining(at("2026-09-30T17:00"), CALC));
        assertEquals(Duration.ofHours(6), c.stageClock().remaining(at("2026-10-05T12:00"), CALC));
        assertEquals(Light.GREEN, c.stageClock().light(at("2026-10-05T12:00"), CALC));
    }

    @Test
    void trafficLightGoesGreenYellowRedByShareOfTheLimitUsed() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        StageClock k = c.stageClock();
        assertEquals(Light.GREEN, k.light(at("2026-11-16T16:00"), CALC)); // 5 of 7 h = 71 %
        assertEquals(Light.YELLOW, k.light(at("2026-11-16T17:00"), CALC)); // 6 of 7 h = 86 %
        assertEquals(Light.YELLOW, k.light(at("2026-11-16T18:00"), CALC)); // exactly at the deadline: still on time
        assertEquals(Light.RED, k.light(at("2026-11-16T18:01"), CALC));
        assertEquals(Duration.ofHours(-2), k.remaining(at("2026-11-17T11:00"), CALC));
        act(c, "feedback", HW, with("result", "迟了"), "2026-11-17T11:00");
        assertFalse(changes.get(changes.size() - 1).ended().onTime());
    }

    @Test
    void suspensionStopsTheClockAndResumptionMovesTheDeadlineByTheWorkingTimeSpentSuspended() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        Instant overallBefore = c.overallClock().deadline();
        act(c, "request_suspension", HW, with("reason", "需协调产权单位"), "2026-11-16T10:00");
        act(c, "approve_suspension", DISPATCHER, Inputs.none(), "2026-11-16T10:00");
        assertEquals("SUSPENDED", c.state());
        // paused: the reading stays at 10:00 whatever the time
        assertEquals(Duration.ofHours(6), c.stageClock().remaining(at("2026-11-17T15:00"), CALC));
        assertEquals(Light.GREEN, c.stageClock().light(at("2026-11-20T15:00"), CALC));
        act(c, "resume", DISPATCHER, Inputs.none(), "2026-11-18T10:00");
        // 14 working hours suspended (6 on the 16th, 7 on the 17th, 1 on the 18th): still 6 h left
        assertEquals(at("2026-11-18T18:00"), c.stageClock().deadline());
        assertEquals(Duration.ofHours(6), c.stageClock().remaining(at("2026-11-18T10:00"), CALC));
        assertEquals(CALC.addWorkingTime(overallBefore, Duration.ofHours(14)), c.overallClock().deadline());
        // the handling stage is one fact across the suspension
        assertNull(changes.get(changes.size() - 1).ended());
    }

    @Test
    void anApprovedExtensionLengthensTheLimitAndADeniedOneDoesNot() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        act(c, "request_extension", HW, new Inputs("设备待到货", null, null, TimeLimit.of("2工作日"), null, null, null,
                List.of()), "2026-11-16T10:00");
        act(c, "deny_extension", DISPATCHER, with("reason", "不符合延期条件"), "2026-11-16T10:05");
        assertEquals(at("2026-11-16T18:00"), c.stageClock().deadline());
        act(c, "request_extension", HW, new Inputs("设备待到货", null, null, TimeLimit.of("1工作日"), null, null, null,
                List.of()), "2026-11-16T10:10");
        assertEquals(TimeLimit.of("1工作日"), c.pendingExtension());
        act(c, "approve_extension", DISPATCHER, Inputs.none(), "2026-11-16T10:20");
        assertEquals(at("2026-11-17T18:00"), c.stageClock().deadline());
        assertNull(c.pendingExtension());
        assertEquals("1工作日", changes.get(changes.size() - 1).event().detail().get("extension"));
    }

    @Test
    void aFailedCheckSendsTheCaseBackToTheSameDepartmentAsRework() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        act(c, "feedback", HW, with("result", "已处理"), "2026-11-16T10:00");
        act(c, "send_check", INTAKE, with("inspector", "jdy02"), "2026-11-16T10:05");
        assertThrows(RuleViolation.class, () -> act(c, "fail", INSPECTOR, with("reason", "x"), "2026-11-16T10:10"),
                "only the inspector the check was sent to");
        Change rework = act(c, "fail", INSPECTOR_2, with("reason", "仍有垃圾"), "2026-11-16T10:30");
        assertEquals("HANDLING", c.state());
        assertEquals("hw", c.departmentId());
        assertEquals("fail", rework.ended().outcome());
        assertEquals(Stage.CHECK, rework.ended().stage());
        assertEquals(Stage.HANDLING, rework.started().stage());
        assertEquals("hw", rework.started().departmentId());
        assertNull(c.assignee());
    }

    @Test
    void onlyTheCasesDepartmentMayActOnItAndRequiredInputsAreNamed() {
        CityCase c = reportedAndDispatched("2026-11-16T09:00", CaseClass.GENERAL);
        RuleViolation wrongDept = assertThrows(RuleViolation.class, () -> act(c, "feedback", SZ, with("result", "x"),
                "2026-11-16T10:00"));
        assertTrue(wrongDept.forbidden());
        RuleViolation missing = assertThrows(RuleViolation.class, () -> act(c, "feedback", HW, Inputs.none(),
                "2026-11-16T10:00"));
        assertFalse(missing.forbidden());
        assertEquals("result", missing.issues().get(0)[0]);
        assertEquals("HANDLING", c.state(), "nothing changed");
        act(c, "redispatch", DISPATCHER, with("department", "sz"), "2026-11-16T10:00");
        act(c, "feedback", SZ, with("result", "已修复"), "2026-11-16T11:00");
        CityCase.StageFact first = changes.get(changes.size() - 2).ended();
        assertEquals("hw", first.departmentId(), "the first handling fact stays with the first department");
        assertEquals("redispatch", first.outcome());
    }

    @Test
    void urgentCasesRunOnWallClockLimitsAndVoidingEndsAnyOpenCase() {
        CityCase c = reportedAndDispatched("2026-11-21T22:00", CaseClass.URGENT); // a Saturday night
        assertEquals(at("2026-11-22T00:00"), c.stageClock().deadline());
        act(c, "urge", new Actor("ld01", "leader", null), with("text", "请立即处置"), "2026-11-21T22:30");
        assertEquals("HANDLING", c.state());
        act(c, "void", LEAD, with("reason", "重复上报"), "2026-11-21T22:40");
        assertEquals("VOIDED", c.state());
        assertNull(c.stageClock());
        assertEquals("void", changes.get(changes.size() - 1).ended().outcome());
    }
}
