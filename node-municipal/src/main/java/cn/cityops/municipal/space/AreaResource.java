package cn.cityops.municipal.space;

import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The area tree (district → street → community, with grid counts) and point location. A stateless CDI bean, so Jersey
 * does not build and inject an instance per request (locate is a hot path: every report, every map click).
 */
@ApplicationScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
    Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
public class AreaResource {

    @Inject
    GridService grids;

    @Inject
    GridLocator locator;

    @GET
    @Path("areas")
    public List<GridService.AreaNode> areas() {
        return grids.areas();
    }

    /** The unit grid containing a point (CGCS2000 lon/lat), or 404 when it is outside every grid. */
    @GET
    @Path("locate")
    public LocationView locate(@QueryParam("lon") String lon, @QueryParam("lat") String lat) {
        double[] p = lonLat(lon, lat);
        return locator.locate(p[0], p[1]).map(LocationView::of).orElseThrow(() -> new ProblemException(
                cn.cityops.core.problem.ProblemType.NOT_FOUND, "the point " + p[0] + "," + p[1]
                + " is outside every unit grid"));
    }

    /** {@link Location} with the grid code as text. */
    public record LocationView(String grid, String gridName, String communityCode, String communityName,
                               String streetCode, String streetName, String districtCode, String districtName,
                               String responsibleDepartmentId) {
        static LocationView of(Location l) {
            return new LocationView(l.grid().value(), l.gridName(), l.communityCode(), l.communityName(),
                    l.streetCode(), l.streetName(), l.districtCode(), l.districtName(), l.responsibleDepartmentId());
        }
    }

    /** Parses and range-checks lon/lat query parameters. */
    static double[] lonLat(String lon, String lat) {
        double x = number("lon", lon);
        double y = number("lat", lat);
        if (GeoJson.checkLonLat(x, 0) != null) {
            throw ProblemException.invalid("lon", lon, "longitude must be between -180 and 180");
        }
        if (GeoJson.checkLonLat(0, y) != null) {
            throw ProblemException.invalid("lat", lat, "latitude must be between -90 and 90");
        }
        return new double[] {x, y};
    }

    private static double number(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(name, text, name + " is required (decimal degrees)");
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, text, name + " must be a decimal number of degrees");
        }
    }
}
