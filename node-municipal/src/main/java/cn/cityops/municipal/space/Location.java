package cn.cityops.municipal.space;

import cn.cityops.model.grid.UnitGridCode;

/** Where a point lies: its unit grid with community, street and district, and the grid's responsible department. */
public record Location(UnitGridCode grid, String gridName, String communityCode, String communityName,
                       String streetCode, String streetName, String districtCode, String districtName,
                       String responsibleDepartmentId) {
}
