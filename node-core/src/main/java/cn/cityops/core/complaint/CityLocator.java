package cn.cityops.core.complaint;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import cn.cityops.model.node.NodeId;

/**
 * Finds the city node that owns a location from its division code (GB/T 2260, or a 9-digit township code whose first
 * six digits are its county): a prefecture-level code is the city itself, a county belongs to its parent prefecture
 * (from the division table; for a county not loaded there, by the code layout {@code PPCC..} → {@code PPCC00}). City
 * node ids are prefecture codes, so the city is found when the node directory knows that id. A province-level code, a
 * county directly under its province (省直辖县) or a city without a node has no city: the item stays at national.
 */
public final class CityLocator {

    private CityLocator() {
    }

    /** The city node, or why there is none. */
    public record Route(NodeId city, String reason) {

        public boolean found() {
            return city != null;
        }
    }

    /**
     * @param divisionCode 6 or 9 digits
     * @param parentOf     the parent division of a 6-digit code, empty when the code is not in the division table
     * @param cityNode     whether a node id is a municipal node of the directory
     */
    public static Route locate(String divisionCode, Function<String, Optional<String>> parentOf,
            Predicate<NodeId> cityNode) {
        if (divisionCode == null || !divisionCode.matches("[0-9]{6}([0-9]{3})?")) {
            return new Route(null, "not a division code (6 or 9 digits): " + divisionCode);
        }
        String code = divisionCode.substring(0, 6);
        if (code.endsWith("0000")) {
            return new Route(null, "division " + code + " is a province; a complaint is located to a city or county");
        }
        String prefecture;
        if (code.endsWith("00")) {
            prefecture = code;
        } else {
            Optional<String> parent = parentOf.apply(code);
            if (parent.isPresent() && parent.get().endsWith("0000")) {
                return new Route(null, "county " + code + " is directly under province " + parent.get()
                        + " (省直辖县); no city node owns it");
            }
            prefecture = parent.orElse(code.substring(0, 4) + "00");
        }
        NodeId city = NodeId.of(prefecture);
        if (!cityNode.test(city)) {
            return new Route(null, "city " + prefecture + " has no node in the node directory");
        }
        return new Route(city, "division " + divisionCode + " belongs to city " + prefecture);
    }
}
