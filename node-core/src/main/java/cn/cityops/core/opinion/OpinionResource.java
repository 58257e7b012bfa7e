package cn.cityops.core.opinion;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.cityops.core.problem.ProblemException;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 舆情 over REST: record or import items (national, provincial), report handling (city), close (issuer). */
@Path("opinions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.LEADER})
public class OpinionResource {

    static final int MAX_FEED_BYTES = 5 * 1024 * 1024;

    @Inject
    OpinionService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(OpinionFeed.Item item) {
        long id = service.create(item);
        return Response.created(URI.create("opinions/" + id)).entity(service.find(id)).build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    public OpinionService.Imported importFeed(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FEED_BYTES + 1);
        if (bytes.length > MAX_FEED_BYTES) {
            throw ProblemException.invalid("body", null, "a feed is at most " + MAX_FEED_BYTES + " bytes");
        }
        return service.importFeed(contentType, new String(bytes, StandardCharsets.UTF_8));
    }

    @GET
    public List<OpinionService.OpinionView> list(@QueryParam("status") String status,
            @QueryParam("flagged") Boolean flagged, @QueryParam("limit") Integer limit) {
        return service.list(status, flagged, limit == null ? 100 : Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("{id: [0-9]+}")
    public OpinionService.OpinionView detail(@PathParam("id") long id) {
        return service.find(id);
    }

    @POST
    @Path("{id: [0-9]+}/results")
    @Consumes(MediaType.APPLICATION_JSON)
    public OpinionService.OpinionView result(@PathParam("id") long id, OpinionService.ResultRequest request) {
        return service.find(service.result(id, request));
    }

    @POST
    @Path("{id: [0-9]+}/close")
    public OpinionService.OpinionView close(@PathParam("id") long id) {
        return service.find(service.close(id));
    }
}
