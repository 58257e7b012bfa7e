package cn.cityops.model.classification;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationKeyTest {

    @Test
    void componentAndMatterWithTheSameCodeAreDifferentKeys() {
        ClassCode code = ClassCode.of("01001");
        ClassificationKey component = ClassificationKey.component(code); // 供水井盖
        ClassificationKey matter = ClassificationKey.matter(code);       // 供水井盖异常
        assertNotEquals(component, matter);
        Map<ClassificationKey, String> names = new HashMap<>();
        names.put(component, "供水井盖");
        names.put(matter, "供水井盖异常");
        assertEquals("供水井盖", names.get(new ClassificationKey(ClassificationKind.COMPONENT, ClassCode.of("01001"))));
        assertEquals("供水井盖异常", names.get(new ClassificationKey(ClassificationKind.MATTER, ClassCode.of("01001"))));
    }

    @Test
    void canonicalForm() {
        ClassificationKey key = ClassificationKey.of("COMPONENT:01001");
        assertEquals(ClassificationKey.component(ClassCode.of("01001")), key);
        assertEquals("COMPONENT:01001", key.toString());
        assertEquals("MATTER:06010", ClassificationKey.of("matter:06010").toString());
    }

    @Test
    void rejects() {
        assertRejected("classificationKey", "01001", "classification key must look like COMPONENT:01001 or "
                + "MATTER:06010, got '01001'", () -> ClassificationKey.of("01001"));
        assertRejected("classificationKey", "EVENT:06010", "classification key 'EVENT:06010' is invalid: unknown "
                + "classification kind 'EVENT', expected COMPONENT or MATTER", () -> ClassificationKey.of("EVENT:06010"));
        assertRejected("classificationKey", "MATTER:06000", "classification key 'MATTER:06000' is invalid: class "
                + "code 06000 has minor part 000", () -> ClassificationKey.of("MATTER:06000"));
        assertThrows(NullPointerException.class, () -> new ClassificationKey(null, ClassCode.of("01001")));
    }
}
