package cn.cityops.core.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import cn.cityops.core.problem.Problem;
import org.junit.jupiter.api.Test;

class OpinionFeedTest {

    static List<String> fields(OpinionFeed.Parsed p) {
        return p.issues().stream().map(Problem.Issue::field).toList();
    }

    @Test
    void csvRowsAreReadByHeaderNameAndBadRowsAreNamed() {
        String csv = "\uFEFFsource,summary,sentiment,divisionCode,publishedAt,major,link\r\n"
                + "微博,\"朔城区某路段井盖缺失, 多人围观\",NEGATIVE,140602,2026-11-20T09:00:00+08:00,是,https://weibo.com/1\r\n"
                + "人民网,表扬环卫工人,POSITIVE,140602,2026-11-20T10:00:00Z,false,\r\n"
                + "论坛,积水,ANGRY,1406,yesterday,maybe,ftp://x\r\n";
        OpinionFeed.Parsed p = OpinionFeed.parse("text/csv; charset=UTF-8", csv);
        assertEquals(2, p.items().size());
        OpinionFeed.Checked first = p.items().get(0);
        assertEquals("朔城区某路段井盖缺失, 多人围观", first.item().summary());
        assertTrue(first.item().major());
        assertEquals(Instant.parse("2026-11-20T01:00:00Z"), first.publishedAt());
        assertEquals(null, p.items().get(1).item().link());
        assertEquals(List.of("rows[3].major", "rows[3].link", "rows[3].sentiment", "rows[3].divisionCode",
                "rows[3].publishedAt"), fields(p));
    }

    @Test
    void csvHeaderProblemsRefuseTheFeed() {
        OpinionFeed.Parsed p = OpinionFeed.parse("text/csv", "source,summary,mood\n微博,x,NEGATIVE\n");
        assertTrue(p.items().isEmpty());
        assertEquals(List.of("header", "header", "header", "header"), fields(p));
        assertTrue(p.issues().get(0).message().contains("unknown column"));
        OpinionFeed.Parsed shortRow = OpinionFeed.parse("text/csv",
                "source,summary,sentiment,divisionCode,publishedAt\n微博,x\n");
        assertEquals(List.of("rows[1]"), fields(shortRow));
        assertEquals(List.of("body"), fields(OpinionFeed.parse("text/csv", "source,\"summary\n")));
    }

    @Test
    void jsonItemsWithWrongTypesAndUnknownMembersAreNamed() {
        String json = "{\"items\": [{\"source\":\"新华网\",\"summary\":\"道路塌陷\",\"sentiment\":\"NEGATIVE\","
                + "\"divisionCode\":\"140602001\",\"publishedAt\":\"2026-11-20T09:00:00+08:00\",\"major\":true,"
                + "\"sourceKind\":\"NEWS\",\"handleDeadline\":\"2026-11-22T09:00:00Z\"},"
                + "{\"source\":\"x\",\"summary\":\"y\",\"sentiment\":\"NEUTRAL\",\"divisionCode\":140602,"
                + "\"publishedAt\":\"2026-11-20T09:00:00Z\",\"major\":\"yes\",\"colour\":\"red\"}, 7]}";
        OpinionFeed.Parsed p = OpinionFeed.parse("application/json", json);
        assertEquals(1, p.items().size());
        assertEquals(Instant.parse("2026-11-22T09:00:00Z"), p.items().get(0).handleDeadline());
        assertEquals(List.of("rows[2].colour", "rows[2].major", "rows[2].divisionCode", "rows[2].divisionCode",
                "rows[3]"), fields(p));
    }

    @Test
    void aSingleItemIsCheckedWithoutPrefix() {
        List<Problem.Issue> issues = new java.util.ArrayList<>();
        OpinionFeed.Item future = new OpinionFeed.Item("微博", "TV", null, null, " ", "NEGATIVE", "140600",
                "2099-01-01T00:00:00Z", null, null);
        assertEquals(null, OpinionFeed.check(future, "", issues));
        assertEquals(List.of("summary", "sourceKind", "publishedAt"),
                issues.stream().map(Problem.Issue::field).toList());
    }

    @Test
    void unreadableFeeds() {
        assertEquals(List.of("body"), fields(OpinionFeed.parse("application/json", "{\"items\": [")));
        assertEquals(List.of("body"), fields(OpinionFeed.parse("application/json", "{\"rows\": []}")));
        assertEquals(List.of("Content-Type"), fields(OpinionFeed.parse("text/plain", "a")));
        assertFalse(OpinionFeed.parse("application/json", "[]").issues().size() > 0);
    }
}
