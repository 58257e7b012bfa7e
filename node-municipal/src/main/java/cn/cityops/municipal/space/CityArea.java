package cn.cityops.municipal.space;

import java.util.Optional;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** This node's city (the node id is the city's division code) and whether a division lies in it. */
@ApplicationScoped
public class CityArea {

    @Inject
    NodeConfig node;

    @Inject
    Jdbc jdbc;

    public String cityCode() {
        return node.nodeId().value();
    }

    /** Null when {@code district} (6 digits) is in ref_division and is this city or one of its districts. */
    public String districtProblem(String district) {
        String city = cityCode();
        Optional<String> parent = jdbc.one("SELECT coalesce(parent_code, '') FROM ref_division WHERE code = ?",
                rs -> rs.getString(1), district);
        if (parent.isEmpty()) {
            return "district " + district + " is not a known division (ref_division)";
        }
        if (!district.equals(city) && !parent.get().equals(city)) {
            return "district " + district + " does not belong to this city (" + city + ")";
        }
        return null;
    }
}
