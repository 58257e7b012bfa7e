package cn.cityops.municipal.space;

import java.net.URI;
import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The case routing table (系统管理员 and 派遣员 edit it) and routing a matter at a place. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    @Inject
    CaseRouting routing;

    @Inject
    GridLocator locator;

    @Inject
    CurrentUser user;

    /** Answer of {@code /routing/resolve}. */
    public record Resolution(String matter, String grid, String departmentId, String departmentName, String basis) {
    }

    @GET
    @Path("routing-rules")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public List<RoutingRule> rules() {
        return routing.rules();
    }

    @POST
    @Path("routing-rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.DISPATCHER})
    public Response create(CaseRouting.RuleInput body) {
        RoutingRule r = routing.create(body, user.username(), user.remoteAddress());
        return Response.created(URI.create("routing-rules/" + r.id())).entity(r).build();
    }

    @PUT
    @Path("routing-rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.DISPATCHER})
    public RoutingRule update(@PathParam("id") long id, CaseRouting.RuleInput body) {
        return routing.update(id, body, user.username(), user.remoteAddress());
    }

    @DELETE
    @Path("routing-rules/{id}")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.DISPATCHER})
    public void delete(@PathParam("id") long id) {
        routing.delete(id, user.username(), user.remoteAddress());
    }

    /** {@code ?matter=06010&lon=..&lat=..} or {@code ?matter=06010&grid=<15 digits>}. */
    @GET
    @Path("routing/resolve")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Resolution resolve(@QueryParam("matter") String matter, @QueryParam("grid") String grid,
            @QueryParam("lon") String lon, @QueryParam("lat") String lat) {
        if (matter == null) {
            throw ProblemException.invalid("matter", null, "matter (5-digit matter class) is required");
        }
        ClassCode m = ClassCode.of(matter);
        UnitGridCode g;
        if (grid != null) {
            g = UnitGridCode.of(grid);
        } else {
            double[] p = AreaResource.lonLat(lon, lat);
            g = locator.locate(p[0], p[1]).map(Location::grid).orElseThrow(() -> new ProblemException(
                    ProblemType.NOT_FOUND, "the point " + p[0] + "," + p[1] + " is outside every unit grid"));
        }
        RoutedDepartment r = routing.route(m, g).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no routing rule applies to matter " + m + " in grid " + g
                + " and the grid has no responsible department"));
        return new Resolution(m.value(), g.value(), r.department().id(), r.department().name(), r.basis());
    }
}
