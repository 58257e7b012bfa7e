package cn.cityops.core.supervision.task;

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

/**
 * 指挥派遣 and 督办 over REST. Every supervision role and {@code leader} get in; {@link
 * cn.cityops.core.supervision.SupervisionAccess} refuses wrong-level and wrong-role actions with a 403 naming why.
 * A node holds only its own items (what it issued, what it received), so a city sees its own tasks, a province its
 * own and its cities' answers, the ministry everything it issued.
 */
@Path("supervision")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.LEADER})
public class TaskResource {

    @Inject
    TaskService service;

    @Inject
    TaskQueries queries;

    @Inject
    UrgingService urgings;

    @POST
    @Path("tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(TaskService.TaskDraft draft) {
        long id = service.create(draft);
        return Response.created(URI.create("supervision/tasks/" + id)).entity(queries.detail(id)).build();
    }

    @POST
    @Path("tasks/{id: [0-9]+}/publish")
    public TaskQueries.TaskView publish(@PathParam("id") long id) {
        return queries.detail(service.publish(id));
    }

    @GET
    @Path("tasks")
    public Paging.Page<TaskQueries.TaskSummary> list(@QueryParam("direction") String direction,
            @QueryParam("status") String status, @BeanParam Paging paging) {
        return queries.list(direction, status, paging);
    }

    @GET
    @Path("tasks/{id: [0-9]+}")
    public TaskQueries.TaskView detail(@PathParam("id") long id) {
        return queries.detail(id);
    }

    @POST
    @Path("tasks/{id: [0-9]+}/relay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response relay(@PathParam("id") long id, TaskService.RelayRequest request) {
        long relay = service.relay(id, request);
        return Response.created(URI.create("supervision/tasks/" + relay)).entity(queries.detail(relay)).build();
    }

    @POST
    @Path("tasks/{id: [0-9]+}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskQueries.TaskView acknowledge(@PathParam("id") long id, TaskService.NoteRequest request) {
        return queries.detail(service.acknowledge(id, request).id());
    }

    @POST
    @Path("tasks/{id: [0-9]+}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskQueries.TaskView assign(@PathParam("id") long id, TaskService.AssignRequest request) {
        return queries.detail(service.assign(id, request).id());
    }

    @POST
    @Path("tasks/{id: [0-9]+}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskQueries.TaskView feedback(@PathParam("id") long id, TaskService.FeedbackRequest request) {
        return queries.detail(service.feedback(id, request).id());
    }

    @POST
    @Path("tasks/{id: [0-9]+}/targets/{node: [0-9]{6}}/urge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response urge(@PathParam("id") long id, @PathParam("node") String node,
            UrgingService.UrgeRequest request) {
        long urging = urgings.urge(id, node, request);
        return Response.created(URI.create("supervision/urgings/" + urging)).entity(urgings.find(urging)).build();
    }

    @GET
    @Path("urgings")
    public Paging.Page<UrgingService.UrgingView> urgings(@QueryParam("direction") String direction,
            @QueryParam("task") Long task, @BeanParam Paging paging) {
        return urgings.list(direction, task, paging);
    }

    @GET
    @Path("urgings/{id: [0-9]+}")
    public UrgingService.UrgingView urging(@PathParam("id") long id) {
        return urgings.find(id);
    }

    @POST
    @Path("urgings/{id: [0-9]+}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public UrgingService.UrgingView reply(@PathParam("id") long id, UrgingService.ReplyRequest request) {
        return urgings.reply(id, request);
    }
}
