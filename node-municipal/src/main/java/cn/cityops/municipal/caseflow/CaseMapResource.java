package cn.cityops.municipal.caseflow;

import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/case-map?bbox=…&limit=…}: open cases as GeoJSON points, for the console's grid map. */
@Path("case-map")
@Produces({"application/geo+json", MediaType.APPLICATION_JSON})
public class CaseMapResource {

    @Inject
    CaseMap map;

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public String openCases(@QueryParam("bbox") String bbox, @QueryParam("limit") @DefaultValue("1000") int limit) {
        return map.openCases(bbox, limit).toString();
    }
}
