package cn.cityops.municipal.space;

import java.io.InputStream;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Unit grids (单元网格) as GeoJSON: import (系统管理员), export and single grids for every city operator. */
@Path("grids")
public class GridResource {

    static final String GEOJSON = "application/geo+json";

    @Inject
    GridService grids;

    @Inject
    CurrentUser user;

    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, GEOJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public GridService.ImportResult importGrids(InputStream body, @HeaderParam("Content-Length") String length) {
        return grids.importGeoJson(BodyLimit.of(body, length, BodyLimit.DEFAULT_MAX), user.username(),
                user.remoteAddress());
    }

    @GET
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Response export(@QueryParam("bbox") String bbox) {
        return Response.ok(grids.export(bbox(bbox))).build();
    }

    @GET
    @Path("{code}")
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public String one(@PathParam("code") String code) {
        UnitGridCode grid = UnitGridCode.of(code);
        return grids.feature(grid.value()).orElseThrow(() -> ProblemException.notFound("unit grid", code));
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}. */
    static double[] bbox(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(",");
        String msg = "bbox must be minLon,minLat,maxLon,maxLat in degrees with min <= max";
        if (parts.length != 4) {
            throw ProblemException.invalid("bbox", text, msg);
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("bbox", text, msg);
        }
        if (GeoJson.checkLonLat(b[0], b[1]) != null || GeoJson.checkLonLat(b[2], b[3]) != null || b[0] > b[2]
                || b[1] > b[3]) {
            throw ProblemException.invalid("bbox", text, msg);
        }
        return b;
    }
}
