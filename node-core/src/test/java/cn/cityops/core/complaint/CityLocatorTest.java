package cn.cityops.core.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import cn.cityops.model.node.NodeId;
import org.junit.jupiter.api.Test;

class CityLocatorTest {

    /** 朔城区 under 朔州; 济源 directly under 河南 (省直辖县); 太原 has no node. */
    static final Map<String, String> PARENTS = Map.of("140602", "140600", "140603", "140600", "419001", "410000",
            "140105", "140100");
    static final Function<String, Optional<String>> PARENT = c -> Optional.ofNullable(PARENTS.get(c));
    static final Set<NodeId> CITY_NODES = Set.of(NodeId.of("140600"), NodeId.of("130100"));

    static CityLocator.Route locate(String code) {
        return CityLocator.locate(code, PARENT, CITY_NODES::contains);
    }

    @Test
    void aCountyOrTownshipGoesToItsPrefectureWhenThatCityHasANode() {
        assertEquals(NodeId.of("140600"), locate("140602").city());
        assertEquals(NodeId.of("140600"), locate("140603001").city());
        assertEquals(NodeId.of("140600"), locate("140600").city());
    }

    @Test
    void aCountyMissingFromTheDivisionTableIsPlacedByTheCodeLayout() {
        assertEquals(NodeId.of("130100"), locate("130102").city());
    }

    @Test
    void noCityForAProvinceADirectCountyOrACityWithoutNode() {
        CityLocator.Route province = locate("140000");
        assertFalse(province.found());
        assertTrue(province.reason().contains("province"), province.reason());
        CityLocator.Route direct = locate("419001");
        assertFalse(direct.found());
        assertTrue(direct.reason().contains("省直辖县"), direct.reason());
        CityLocator.Route taiyuan = locate("140105");
        assertFalse(taiyuan.found());
        assertTrue(taiyuan.reason().contains("140100 has no node"), taiyuan.reason());
        assertFalse(locate("14060").found());
        assertFalse(locate(null).found());
    }
}
