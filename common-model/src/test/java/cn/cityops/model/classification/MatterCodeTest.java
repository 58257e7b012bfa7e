package cn.cityops.model.classification;

import cn.cityops.model.division.DivisionCode;
import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MatterCodeTest {

    @Test
    void parsesParts() {
        MatterCode matter = MatterCode.of("14060206010"); // 暴露垃圾 in 朔州市朔城区
        assertEquals(DivisionCode.of("140602"), matter.division());
        assertEquals(ClassCode.of("06010"), matter.classCode());
        assertEquals(ClassificationKey.matter(ClassCode.of("06010")), matter.key());
        assertEquals(ClassificationKind.MATTER, matter.key().kind());
        assertEquals("14060206010", matter.toString());
        assertEquals(matter, MatterCode.of(DivisionCode.of("140602"), ClassCode.of("06010")));
        assertEquals(matter.hashCode(), MatterCode.of("14060206010").hashCode());
    }

    @Test
    void rejects() {
        assertRejected("matterCode", "1406020601", "matter code must be 11 digits, got '1406020601'",
                () -> MatterCode.of("1406020601"));
        assertRejected("matterCode", "14060206O10", "matter code must be 11 digits, got '14060206O10'",
                () -> MatterCode.of("14060206O10"));
        assertRejected("matterCode", "00000006010", "matter code 00000006010 has an invalid division part: "
                + "division code 000000 has province part 00, expected 11..82", () -> MatterCode.of("00000006010"));
        assertRejected("matterCode", "14060200010", "matter code 14060200010 has an invalid class part: "
                + "class code 00010 has major part 00", () -> MatterCode.of("14060200010"));
        assertRejected("matterCode", "14060206000", "matter code 14060206000 has an invalid class part: "
                + "class code 06000 has minor part 000", () -> MatterCode.of("14060206000"));
    }
}
