package cn.cityops.municipal.reporting;

import java.net.URI;
import java.util.List;

import cn.cityops.core.supervision.SupervisionAccess;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 数据上报 of the city: what was sent upward, and a report sent on demand. */
@Path("reporting/sent")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.CITY_TASK_HANDLER, Role.Ids.LEADER})
public class UpwardReportResource {

    @Inject
    UpwardReports reports;

    @Inject
    SupervisionAccess access;

    @GET
    public List<UpwardReports.Sent> recent(@QueryParam("limit") Integer limit) {
        return reports.recent(limit == null ? 50 : Math.max(1, Math.min(limit, 500)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(UpwardReports.OnDemand request) {
        access.requireHandler("sending a report upward");
        UpwardReports.Sent sent = reports.sendOnDemand(request, access.username(), access.remoteAddress());
        return Response.created(URI.create("reporting/sent/" + sent.id())).entity(sent).build();
    }
}
