package cn.cityops.core.complaint;

import java.net.URI;

import cn.cityops.core.rest.Paging;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.PermitAll;
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

/**
 * The national 12319 channel over REST: intake, the queue, direct answers, satisfaction, and the complainant's
 * status page by token (the one endpoint without sign-in).
 */
@Path("12319")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.LEADER})
public class ComplaintResource {

    @Inject
    ComplaintService service;

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response accept(ComplaintService.Intake intake) {
        ComplaintService.Accepted a = service.accept(intake);
        return Response.created(URI.create("12319/items/" + a.item().id())).entity(a).build();
    }

    @GET
    @Path("items")
    public Paging.Page<ComplaintService.Summary> list(@QueryParam("status") String status,
            @QueryParam("kind") String kind, @QueryParam("city") String city, @BeanParam Paging paging) {
        return service.list(status, kind, city, paging);
    }

    @GET
    @Path("items/{id: [0-9]+}")
    public ComplaintService.ComplaintView detail(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Path("items/{id: [0-9]+}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    public ComplaintService.ComplaintView forward(@PathParam("id") long id, ComplaintService.Reroute reroute) {
        return service.reroute(id, reroute);
    }

    @POST
    @Path("items/{id: [0-9]+}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public ComplaintService.ComplaintView answer(@PathParam("id") long id, ComplaintService.Answer answer) {
        return service.answer(id, answer);
    }

    @POST
    @Path("items/{id: [0-9]+}/satisfaction")
    @Consumes(MediaType.APPLICATION_JSON)
    public ComplaintService.ComplaintView rate(@PathParam("id") long id, ComplaintService.Rating rating) {
        return service.rate(id, rating);
    }

    @GET
    @Path("status/{token}")
    @PermitAll
    public ComplaintService.PublicStatus status(@PathParam("token") String token) {
        return service.status(token);
    }
}
