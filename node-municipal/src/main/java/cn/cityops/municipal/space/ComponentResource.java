package cn.cityops.municipal.space;

import java.io.InputStream;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.classification.ComponentId;
import cn.cityops.model.grid.UnitGridCode;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Components (管理部件): import as GeoJSON or CSV (系统管理员), list, single component and export. */
@Path("components")
@Produces(MediaType.APPLICATION_JSON)
public class ComponentResource {

    static final String CSV = "text/csv";

    @Inject
    ComponentRegistry registry;

    @Inject
    CurrentUser user;

    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, GridResource.GEOJSON})
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public ComponentRegistry.ImportResult importGeoJson(InputStream body, @HeaderParam("Content-Length") String len) {
        return registry.importGeoJson(BodyLimit.of(body, len, BodyLimit.DEFAULT_MAX), user.username(),
                user.remoteAddress());
    }

    @POST
    @Path("import")
    @Consumes(CSV)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public ComponentRegistry.ImportResult importCsv(InputStream body, @HeaderParam("Content-Length") String len) {
        return registry.importCsv(BodyLimit.of(body, len, BodyLimit.DEFAULT_MAX), user.username(),
                user.remoteAddress());
    }

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Paging.Page<ComponentRegistry.ComponentView> list(@QueryParam("classCode") String classCode,
            @QueryParam("gridCode") String gridCode, @QueryParam("status") String status, @BeanParam Paging paging) {
        ComponentRegistry.Filter f = filter(classCode, gridCode, status);
        return paging.page(registry.list(f, paging.offset(), paging.limit()), registry.count(f));
    }

    @GET
    @Path("export")
    @Produces({GridResource.GEOJSON, MediaType.APPLICATION_JSON, CSV + ";charset=UTF-8"})
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Response export(@QueryParam("format") @DefaultValue("geojson") String format,
            @QueryParam("classCode") String classCode, @QueryParam("gridCode") String gridCode,
            @QueryParam("status") String status) {
        ComponentRegistry.Filter f = filter(classCode, gridCode, status);
        return switch (format) {
            case "geojson" -> Response.ok(registry.export(f, false), GridResource.GEOJSON).build();
            case "csv" -> Response.ok(registry.export(f, true), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"components.csv\"").build();
            default -> throw ProblemException.invalid("format", format, "must be geojson or csv");
        };
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public ComponentRegistry.ComponentView one(@PathParam("id") String id) {
        return registry.view(ComponentId.of(id)).orElseThrow(() -> ProblemException.notFound("component", id));
    }

    private static ComponentRegistry.Filter filter(String classCode, String gridCode, String status) {
        if (status != null && !ComponentFeatures.STATUSES.contains(status)) {
            throw ProblemException.invalid("status", status, "must be one of 完好/破损/丢失/废弃/移除");
        }
        return new ComponentRegistry.Filter(classCode == null ? null : ClassCode.of(classCode).value(),
                gridCode == null ? null : UnitGridCode.of(gridCode).value(), status);
    }
}
