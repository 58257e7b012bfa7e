package cn.cityops.model.classification;

import cn.cityops.model.division.DivisionCode;
import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ComponentIdTest {

    @Test
    void parsesParts() {
        ComponentId id = ComponentId.of("14060201001000001"); // first 供水井盖 in 朔州市朔城区
        assertEquals(DivisionCode.of("140602"), id.division());
        assertEquals(ClassCode.of("01001"), id.classCode());
        assertEquals(1, id.sequence());
        assertEquals(ClassificationKey.component(ClassCode.of("01001")), id.key());
        assertNotEquals(MatterCode.of("14060201001").key(), id.key()); // same class code, other dictionary
        assertEquals("14060201001000001", id.toString());
        assertEquals(ComponentId.of("14060201001000001"), id);
        assertEquals(999999, ComponentId.of("14060201001999999").sequence());
    }

    @Test
    void rejects() {
        assertRejected("componentId", "1406020100100001", "component id must be 17 digits, got '1406020100100001'",
                () -> ComponentId.of("1406020100100001"));
        assertRejected("componentId", null, "component id must be 17 digits, got null", () -> ComponentId.of(null));
        assertRejected("componentId", "14060201001000000", "component id 14060201001000000 has sequence 000000, "
                + "expected 000001..999999", () -> ComponentId.of("14060201001000000"));
        assertRejected("componentId", "14000101001000001", "component id 14000101001000001 has an invalid "
                + "division part: division code 140001 has county part 01 but prefecture part 00",
                () -> ComponentId.of("14000101001000001"));
        assertRejected("componentId", "14060201000000001", "component id 14060201000000001 has an invalid class "
                + "part: class code 01000 has minor part 000", () -> ComponentId.of("14060201000000001"));
    }
}
