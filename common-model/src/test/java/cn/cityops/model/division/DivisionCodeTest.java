package cn.cityops.model.division;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivisionCodeTest {

    private static final DivisionCode SHANXI = DivisionCode.of("140000");     // 山西省
    private static final DivisionCode SHUOZHOU = DivisionCode.of("140600");   // 朔州市
    private static final DivisionCode SHUOCHENG = DivisionCode.of("140602");  // 朔城区

    @Test
    void prefectureLevelCity() {
        assertEquals(DivisionLevel.PREFECTURE, SHUOZHOU.level());
        assertEquals(Optional.of(SHANXI), SHUOZHOU.parent());
        assertEquals(SHANXI, SHUOZHOU.province());
        assertEquals(Optional.of(SHUOZHOU), SHUOZHOU.prefecture());
        assertEquals("140600", SHUOZHOU.toString());
        assertEquals("140600", SHUOZHOU.value());
    }

    @Test
    void county() {
        assertEquals(DivisionLevel.COUNTY, SHUOCHENG.level());
        assertEquals(Optional.of(SHUOZHOU), SHUOCHENG.parent());
        assertEquals(SHANXI, SHUOCHENG.province());
        assertEquals(Optional.of(SHUOZHOU), SHUOCHENG.prefecture());
    }

    @Test
    void province() {
        assertEquals(DivisionLevel.PROVINCE, SHANXI.level());
        assertEquals(Optional.empty(), SHANXI.parent());
        assertEquals(SHANXI, SHANXI.province());
        assertEquals(Optional.empty(), SHANXI.prefecture());
    }

    @Test
    void municipalityAndProvinceAdministeredCountiesParentByZeroingDigits() {
        // 北京市朝阳区 → 北京市市辖区 grouping code 110100 → 北京市 110000
        assertEquals(Optional.of(DivisionCode.of("110100")), DivisionCode.of("110105").parent());
        assertEquals(Optional.of(DivisionCode.of("110000")), DivisionCode.of("110100").parent());
        // 重庆市万州区 500101 → 500100
        assertEquals(Optional.of(DivisionCode.of("500100")), DivisionCode.of("500101").parent());
        // 济源市 419001 → 河南省省直辖县级行政区划 419000 → 河南省 410000
        assertEquals(Optional.of(DivisionCode.of("419000")), DivisionCode.of("419001").parent());
        assertEquals(DivisionLevel.PREFECTURE, DivisionCode.of("419000").level());
        assertEquals(DivisionCode.of("410000"), DivisionCode.of("419001").province());
    }

    @Test
    void isWithin() {
        assertTrue(SHUOCHENG.isWithin(SHUOCHENG));
        assertTrue(SHUOCHENG.isWithin(SHUOZHOU));
        assertTrue(SHUOCHENG.isWithin(SHANXI));
        assertTrue(SHUOZHOU.isWithin(SHANXI));
        assertTrue(SHUOZHOU.isWithin(SHUOZHOU));
        assertTrue(SHANXI.isWithin(SHANXI));
        assertFalse(SHANXI.isWithin(SHUOZHOU));
        assertFalse(SHUOZHOU.isWithin(SHUOCHENG));
        assertFalse(SHUOCHENG.isWithin(DivisionCode.of("140100"))); // 太原市
        assertFalse(SHUOCHENG.isWithin(DivisionCode.of("140603")));
        assertFalse(SHUOCHENG.isWithin(DivisionCode.of("410000")));
    }

    @Test
    void equalityByValue() {
        assertEquals(DivisionCode.of("140600"), DivisionCode.of("140600"));
        assertEquals(DivisionCode.of("140600").hashCode(), DivisionCode.of("140600").hashCode());
        assertNotEquals(SHUOZHOU, SHUOCHENG);
        assertTrue(SHANXI.compareTo(SHUOZHOU) < 0);
    }

    @Test
    void rejectsWrongFormat() {
        assertRejected("divisionCode", "abc", "division code must be 6 digits, got 'abc'",
                () -> DivisionCode.of("abc"));
        assertRejected("divisionCode", null, "division code must be 6 digits, got null",
                () -> DivisionCode.of(null));
        assertRejected("divisionCode", " 140600", "division code must be 6 digits, got ' 140600'",
                () -> DivisionCode.of(" 140600"));
        assertRejected("divisionCode", "1406000", "division code must be 6 digits, got '1406000'",
                () -> DivisionCode.of("1406000"));
        assertRejected("divisionCode", "１４０６００", "division code must be 6 digits, got '１４０６００'",
                () -> DivisionCode.of("１４０６００"));
    }

    @Test
    void rejectsProvincePartOutsideRange() {
        assertRejected("divisionCode", "000000", "division code 000000 has province part 00, expected 11..82",
                () -> DivisionCode.of("000000"));
        assertRejected("divisionCode", "001234", "division code 001234 has province part 00, expected 11..82",
                () -> DivisionCode.of("001234"));
        assertRejected("divisionCode", "100000", "division code 100000 has province part 10, expected 11..82",
                () -> DivisionCode.of("100000"));
        assertRejected("divisionCode", "990000", "division code 990000 has province part 99, expected 11..82",
                () -> DivisionCode.of("990000"));
    }

    @Test
    void rejectsCountyWithoutPrefecture() {
        assertRejected("divisionCode", "140001", "division code 140001 has county part 01 but prefecture part 00",
                () -> DivisionCode.of("140001"));
    }
}
