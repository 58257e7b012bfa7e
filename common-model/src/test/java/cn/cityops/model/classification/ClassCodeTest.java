package cn.cityops.model.classification;

import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassCodeTest {

    @Test
    void parsesMajorAndMinor() {
        ClassCode code = ClassCode.of("06010"); // 暴露垃圾 (GB/T 47678.5-2026 matter)
        assertEquals("06", code.majorCode());
        assertEquals("010", code.minorCode());
        assertEquals("06010", code.toString());
        assertEquals(ClassCode.of("06010"), code);
        assertEquals(ClassCode.of("06010").hashCode(), code.hashCode());
    }

    @Test
    void rejects() {
        assertRejected("classCode", "0601", "class code must be 5 digits, got '0601'", () -> ClassCode.of("0601"));
        assertRejected("classCode", "06-10", "class code must be 5 digits, got '06-10'", () -> ClassCode.of("06-10"));
        assertRejected("classCode", null, "class code must be 5 digits, got null", () -> ClassCode.of(null));
        assertRejected("classCode", "00001", "class code 00001 has major part 00", () -> ClassCode.of("00001"));
        assertRejected("classCode", "01000", "class code 01000 has minor part 000", () -> ClassCode.of("01000"));
    }

    @Test
    void kindLabelsAndNames() {
        assertEquals("管理部件", ClassificationKind.COMPONENT.label());
        assertEquals("管理事项", ClassificationKind.MATTER.label());
        assertEquals(ClassificationKind.MATTER, ClassificationKind.fromName("matter"));
        assertRejected("classificationKind", "event", "unknown classification kind 'event', expected COMPONENT "
                + "or MATTER", () -> ClassificationKind.fromName("event"));
    }
}
