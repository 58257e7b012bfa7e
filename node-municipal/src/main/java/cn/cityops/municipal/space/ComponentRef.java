package cn.cityops.municipal.space;

import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.classification.ComponentId;
import cn.cityops.model.grid.UnitGridCode;

/** A registered component (管理部件) as other features refer to it. */
public record ComponentRef(ComponentId id, String name, ClassCode classCode, double lon, double lat,
                           UnitGridCode grid, String status) {
}
