package cn.cityops.model.grid;

import cn.cityops.model.division.DivisionCode;
import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class UnitGridCodeTest {

    @Test
    void parsesParts() {
        UnitGridCode grid = UnitGridCode.of("140602001001001"); // 朔城区, street 001, community 001, grid 001
        assertEquals(DivisionCode.of("140602"), grid.division());
        assertEquals("140602001", grid.streetCode());
        assertEquals("140602001001", grid.communityCode());
        assertEquals(1, grid.sequence());
        assertEquals("140602001001001", grid.toString());
        assertEquals(UnitGridCode.of("140602001001001"), grid);
        assertEquals(UnitGridCode.of("140602001001001").hashCode(), grid.hashCode());
        assertNotEquals(UnitGridCode.of("140602001001002"), grid);
        assertEquals(999, UnitGridCode.of("140602001001999").sequence());
    }

    @Test
    void acceptsPrefectureWithoutCounties() {
        // 东莞市 441900 has no county-level divisions; towns sit directly under the city
        assertEquals(DivisionCode.of("441900"), UnitGridCode.of("441900101002003").division());
    }

    @Test
    void rejectsMalformed() {
        assertRejected("unitGridCode", "14060200100100", "unit grid code must be 15 digits, got '14060200100100'",
                () -> UnitGridCode.of("14060200100100"));
        assertRejected("unitGridCode", "14060200100100A", "unit grid code must be 15 digits, got '14060200100100A'",
                () -> UnitGridCode.of("14060200100100A"));
        assertRejected("unitGridCode", null, "unit grid code must be 15 digits, got null",
                () -> UnitGridCode.of(null));
    }

    @Test
    void rejectsSequenceZero() {
        assertRejected("unitGridCode", "140602001001000",
                "unit grid code 140602001001000 has grid sequence 000, expected 001..999",
                () -> UnitGridCode.of("140602001001000"));
    }

    @Test
    void rejectsInvalidDivision() {
        assertRejected("unitGridCode", "140002001001001", "unit grid code 140002001001001 has an invalid "
                + "division part: division code 140002 has county part 02 but prefecture part 00",
                () -> UnitGridCode.of("140002001001001"));
        assertRejected("unitGridCode", "000000001001001", "unit grid code 000000001001001 has an invalid "
                + "division part: division code 000000 has province part 00, expected 11..82",
                () -> UnitGridCode.of("000000001001001"));
        assertRejected("unitGridCode", "140000001001001", "unit grid code 140000001001001 has division part "
                + "140000, which is province-level; expected a county or prefecture code",
                () -> UnitGridCode.of("140000001001001"));
    }
}
