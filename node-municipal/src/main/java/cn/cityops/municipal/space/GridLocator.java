package cn.cityops.municipal.space;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.model.grid.UnitGridCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Point → unit grid (point in polygon on the GiST index, only grids valid today), and grid code → location. */
@ApplicationScoped
public class GridLocator {

    private static final String SELECT = "SELECT g.code, g.name, g.community_code, g.community_name, g.street_code,"
            + " g.street_name, g.district_code, d.name AS district_name, g.responsible_department_id"
            + " FROM city_grid g LEFT JOIN ref_division d ON d.code = g.district_code";

    static final String VALID_TODAY = "(g.valid_from IS NULL OR g.valid_from <= current_date)"
            + " AND (g.valid_to IS NULL OR g.valid_to >= current_date)";

    @Inject
    Jdbc jdbc;

    public Optional<Location> locate(double lon, double lat) {
        return jdbc.one(SELECT + " WHERE ST_Intersects(g.geom, ST_SetSRID(ST_Point(?, ?), 4490)) AND " + VALID_TODAY
                + " ORDER BY g.code LIMIT 1", GridLocator::map, lon, lat);
    }

    public Optional<Location> ofGrid(UnitGridCode code) {
        return jdbc.one(SELECT + " WHERE g.code = ?", GridLocator::map, code.value());
    }

    private static Location map(ResultSet rs) throws SQLException {
        return new Location(UnitGridCode.of(rs.getString(1).trim()), rs.getString(2), rs.getString(3).trim(),
                rs.getString(4), rs.getString(5).trim(), rs.getString(6), rs.getString(7).trim(), rs.getString(8),
                rs.getString(9));
    }
}
