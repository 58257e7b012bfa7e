package cn.cityops.core.supervision.notice;

import java.net.URI;

import cn.cityops.core.rest.Paging;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 监督通报 over REST: draft, publish, list, read (receiving nodes), and who has read it (publisher). */
@Path("supervision/notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.LEADER})
public class NoticeResource {

    @Inject
    NoticeService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NoticeService.NoticeDraft draft) {
        long id = service.create(draft);
        return Response.created(URI.create("supervision/notices/" + id)).entity(service.find(id)).build();
    }

    @POST
    @Path("{id: [0-9]+}/publish")
    public NoticeService.NoticeView publish(@PathParam("id") long id) {
        return service.find(service.publish(id));
    }

    @GET
    public Paging.Page<NoticeService.NoticeSummary> list(@QueryParam("direction") String direction,
            @BeanParam Paging paging) {
        return service.list(direction, paging);
    }

    @GET
    @Path("{id: [0-9]+}")
    public NoticeService.NoticeView detail(@PathParam("id") long id) {
        return service.find(id);
    }

    @POST
    @Path("{id: [0-9]+}/read")
    public NoticeService.NoticeView read(@PathParam("id") long id) {
        return service.find(service.read(id));
    }
}
