package cn.cityops.model.node;

import cn.cityops.model.division.DivisionCode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdTest {

    private static final NodeId SHANXI = NodeId.of("140000");
    private static final NodeId SHUOZHOU = NodeId.of("140600");
    private static final NodeId TAIYUAN = NodeId.of("140100");
    private static final NodeId HENAN = NodeId.of("410000");

    @Test
    void national() {
        NodeId national = NodeId.of("100000");
        assertSame(NodeId.NATIONAL, national);
        assertEquals(NodeLevel.NATIONAL, national.level());
        assertEquals(Optional.empty(), national.division());
        assertEquals(Optional.empty(), national.parent());
        assertEquals("100000", national.toString());
    }

    @Test
    void provincialAndMunicipal() {
        assertEquals(NodeLevel.PROVINCIAL, SHANXI.level());
        assertEquals(Optional.of(DivisionCode.of("140000")), SHANXI.division());
        assertEquals(Optional.of(NodeId.NATIONAL), SHANXI.parent());
        assertEquals(NodeLevel.MUNICIPAL, SHUOZHOU.level());
        assertEquals(Optional.of(DivisionCode.of("140600")), SHUOZHOU.division());
        assertEquals(Optional.of(SHANXI), SHUOZHOU.parent());
        assertEquals("140600", SHUOZHOU.toString());
        assertEquals(NodeId.of("140600"), SHUOZHOU);
        assertEquals(NodeId.of("140600").hashCode(), SHUOZHOU.hashCode());
    }

    @Test
    void forDivision() {
        assertEquals(SHANXI, NodeId.forDivision(DivisionCode.of("140000")));
        assertEquals(SHUOZHOU, NodeId.forDivision(DivisionCode.of("140600")));
        assertRejected("divisionCode", "140602", "division 140602 is county-level; only 100000 (national), "
                + "provinces (xx0000) and prefectures (xxxx00) run nodes",
                () -> NodeId.forDivision(DivisionCode.of("140602")));
    }

    @Test
    void isParentOf() {
        assertTrue(NodeId.NATIONAL.isParentOf(SHANXI));
        assertTrue(NodeId.NATIONAL.isParentOf(HENAN));
        assertFalse(NodeId.NATIONAL.isParentOf(SHUOZHOU));
        assertFalse(NodeId.NATIONAL.isParentOf(NodeId.NATIONAL));
        assertTrue(SHANXI.isParentOf(SHUOZHOU));
        assertTrue(SHANXI.isParentOf(TAIYUAN));
        assertFalse(HENAN.isParentOf(SHUOZHOU));
        assertFalse(SHANXI.isParentOf(SHANXI));
        assertFalse(SHUOZHOU.isParentOf(SHANXI));
        assertFalse(SHUOZHOU.isParentOf(TAIYUAN));
        assertTrue(HENAN.isParentOf(NodeId.of("419000"))); // 省直辖县级行政区划 grouping code, in code terms
    }

    @Test
    void requireLevel() {
        assertSame(SHUOZHOU, SHUOZHOU.requireLevel(NodeLevel.MUNICIPAL));
        assertSame(NodeId.NATIONAL, NodeId.NATIONAL.requireLevel(NodeLevel.NATIONAL));
        assertRejected("nodeId", "140600", "node id 140600 is a municipal id but this node is provincial",
                () -> SHUOZHOU.requireLevel(NodeLevel.PROVINCIAL));
        assertRejected("nodeId", "100000", "node id 100000 is a national id but this node is municipal",
                () -> NodeId.NATIONAL.requireLevel(NodeLevel.MUNICIPAL));
    }

    @Test
    void rejectsMalformedIds() {
        assertRejected("nodeId", "14060", "node id must be 6 digits, got '14060'", () -> NodeId.of("14060"));
        assertRejected("nodeId", null, "node id must be 6 digits, got null", () -> NodeId.of(null));
        assertRejected("nodeId", "140602", "division 140602 is county-level; only 100000 (national), "
                + "provinces (xx0000) and prefectures (xxxx00) run nodes", () -> NodeId.of("140602"));
        // a district of a 直辖市 is not a node either
        assertRejected("nodeId", "110105", "division 110105 is county-level; only 100000 (national), "
                + "provinces (xx0000) and prefectures (xxxx00) run nodes", () -> NodeId.of("110105"));
        assertRejected("nodeId", "000000", "node id 000000 is neither 100000 nor a valid division code: "
                + "division code 000000 has province part 00, expected 11..82", () -> NodeId.of("000000"));
        assertRejected("nodeId", "140001", "node id 140001 is neither 100000 nor a valid division code: "
                + "division code 140001 has county part 01 but prefecture part 00", () -> NodeId.of("140001"));
    }
}
