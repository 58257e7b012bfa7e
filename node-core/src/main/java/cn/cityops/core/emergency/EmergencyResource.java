package cn.cityops.core.emergency;

import java.net.URI;
import java.util.List;

import cn.cityops.core.supervision.task.UrgingService;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 应急管理 over REST: a city reports and updates emergencies; upper levels watch them and urge. */
@Path("emergencies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.LEADER})
public class EmergencyResource {

    @Inject
    EmergencyService service;

    @Inject
    UrgingService urgings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(EmergencyService.EmergencyDraft draft) {
        long id = service.report(draft);
        return Response.created(URI.create("emergencies/" + id)).entity(service.find(id)).build();
    }

    @GET
    public List<EmergencyService.EmergencyView> list(@QueryParam("status") String status,
            @QueryParam("limit") Integer limit) {
        return service.list(status, limit == null ? 100 : Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("{id: [0-9]+}")
    public EmergencyService.EmergencyView detail(@PathParam("id") long id) {
        return service.find(id);
    }

    @POST
    @Path("{id: [0-9]+}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    public EmergencyService.EmergencyView update(@PathParam("id") long id, EmergencyService.EmergencyUpdate update) {
        return service.find(service.update(id, update));
    }

    @POST
    @Path("{id: [0-9]+}/urge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response urge(@PathParam("id") long id, UrgingService.UrgeRequest request) {
        long urging = service.urge(id, request);
        return Response.created(URI.create("supervision/urgings/" + urging)).entity(urgings.find(urging)).build();
    }
}
