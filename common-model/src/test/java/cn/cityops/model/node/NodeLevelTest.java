package cn.cityops.model.node;

import org.junit.jupiter.api.Test;

import static cn.cityops.model.validation.InvalidValueAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeLevelTest {

    @Test
    void labels() {
        assertEquals("国家平台", NodeLevel.NATIONAL.label());
        assertEquals("省级平台", NodeLevel.PROVINCIAL.label());
        assertEquals("市级平台", NodeLevel.MUNICIPAL.label());
    }

    @Test
    void fromNameIsCaseInsensitive() {
        assertEquals(NodeLevel.NATIONAL, NodeLevel.fromName("NATIONAL"));
        assertEquals(NodeLevel.PROVINCIAL, NodeLevel.fromName("provincial"));
        assertEquals(NodeLevel.MUNICIPAL, NodeLevel.fromName("Municipal"));
    }

    @Test
    void fromNameRejectsUnknownNames() {
        String expected = ", expected one of NATIONAL, PROVINCIAL, MUNICIPAL";
        assertRejected("nodeLevel", "county", "unknown node level 'county'" + expected,
                () -> NodeLevel.fromName("county"));
        assertRejected("nodeLevel", " national", "unknown node level ' national'" + expected,
                () -> NodeLevel.fromName(" national"));
        assertRejected("nodeLevel", "natıonal", "unknown node level 'natıonal'" + expected, // dotless i
                () -> NodeLevel.fromName("natıonal"));
        assertRejected("nodeLevel", null, "unknown node level null" + expected, () -> NodeLevel.fromName(null));
    }
}
