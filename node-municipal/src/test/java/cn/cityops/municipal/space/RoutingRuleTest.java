package cn.cityops.municipal.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoutingRuleTest {

    static final String GRID = "140602001002003";

    @Test
    void longestAreaPrefixWinsThenNamedMatterThenLowerId() {
        RoutingRule city = new RoutingRule(1, null, null, "city", null);
        RoutingRule cityMatter = new RoutingRule(2, "06010", null, "sanitation", null);
        RoutingRule district = new RoutingRule(3, null, "140602", "district", null);
        RoutingRule streetAny = new RoutingRule(4, null, "140602001", "street", null);
        RoutingRule streetMatter = new RoutingRule(5, "06010", "140602001", "street-sanitation", null);
        RoutingRule otherStreet = new RoutingRule(6, "06010", "140602002", "elsewhere", null);
        List<RoutingRule> all = List.of(city, cityMatter, district, streetAny, streetMatter, otherStreet);

        assertEquals(5, RoutingRule.choose(all, "06010", GRID).orElseThrow().id());
        assertEquals(4, RoutingRule.choose(all, "09005", GRID).orElseThrow().id());
        assertEquals(2, RoutingRule.choose(List.of(city, cityMatter), "06010", GRID).orElseThrow().id());
        assertEquals(3, RoutingRule.choose(List.of(city, cityMatter, district), "06010", GRID).orElseThrow().id(),
                "a district rule for any matter beats a whole-city rule for the matter");
        assertTrue(RoutingRule.choose(List.of(otherStreet), "06010", GRID).isEmpty());
        RoutingRule twin = new RoutingRule(7, "06010", "140602001", "twin", null);
        assertEquals(5, RoutingRule.choose(List.of(twin, streetMatter), "06010", GRID).orElseThrow().id());
    }
}
