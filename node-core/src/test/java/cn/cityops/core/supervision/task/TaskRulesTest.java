package cn.cityops.core.supervision.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.problem.Problem;
import org.junit.jupiter.api.Test;

class TaskRulesTest {

    @Test
    void aDeadlineIsEitherAnInstantOrAWorkingTimeLimit() {
        List<Problem.Issue> issues = new ArrayList<>();
        assertEquals("10工作日", TaskService.deadline(null, "10工作日", issues).limit());
        assertEquals(Instant.parse("2099-01-01T00:00:00Z"),
                TaskService.deadline("2099-01-01T00:00:00Z", null, issues).at());
        assertTrue(issues.isEmpty(), issues.toString());

        TaskService.deadline(null, null, issues);
        TaskService.deadline("2099-01-01T00:00:00Z", "1工作日", issues);
        TaskService.deadline("2000-01-01T00:00:00Z", null, issues);
        TaskService.deadline("tomorrow", null, issues);
        TaskService.deadline(null, "ten days", issues);
        assertEquals(List.of("deadline", "deadline", "deadline", "deadline", "timeLimit"),
                issues.stream().map(Problem.Issue::field).toList());
        assertTrue(issues.get(2).message().contains("future"));
    }

    @Test
    void referencesTravelInTheContentUnderAFixedHeading() {
        Task t = new Task(1, "100000", "T100000-1", "ISSUED", "PUBLISHED", "OTHER", "标题", "正文。", null, null, "NORMAL",
                null, null, null, null, null, "ONCE", "[\"《条例》 https://example.gov.cn/a\",\"第二\\n行\"]", "[]", null,
                null, null, null, null, null, null, null, null, null);
        assertEquals("正文。\n\n【参考资料】\n- 《条例》 https://example.gov.cn/a\n- 第二 行", TaskService.withReferences(t));
        Task none = new Task(1, "100000", "T100000-1", "ISSUED", "PUBLISHED", "OTHER", "标题", "正文。", null, null,
                "NORMAL", null, null, null, null, null, "ONCE", "[]", "[]", null, null, null, null, null, null, null,
                null, null, null);
        assertEquals("正文。", TaskService.withReferences(none));
    }

    @Test
    void totalsCountTargetsAndAverageTheirLatestPercent() {
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        List<TaskQueries.TargetView> views = List.of(
                view("140600", t, t, 100, t, false),
                view("140200", t, null, 40, null, true),
                view("140300", null, null, null, null, true));
        TaskQueries.Totals s = TaskQueries.totals(views);
        assertEquals(new TaskQueries.Totals(3, 2, 1, 1, 2, 46), s);
        assertEquals(new TaskQueries.Totals(0, 0, 0, 0, 0, 0), TaskQueries.totals(List.of()));
    }

    static TaskQueries.TargetView view(String node, Instant received, Instant ack, Integer percent, Instant completed,
            boolean overdue) {
        return new TaskQueries.TargetView(node, node, "140000", received, ack, percent, null, null, null, null, 0,
                completed, overdue, false, null, null, false, 0, 0, null, null);
    }

    @Test
    void blankTextIsNull() {
        assertNull(TaskService.blankToNull("  "));
    }
}
