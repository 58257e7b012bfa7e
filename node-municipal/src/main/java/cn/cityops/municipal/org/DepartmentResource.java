package cn.cityops.municipal.org;

import java.net.URI;
import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 专业部门 maintenance (系统管理员) and the list every city operator may read. */
@Path("departments")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource {

    @Inject
    Departments departments;

    @Inject
    CurrentUser user;

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public List<Departments.Department> list() {
        return departments.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Departments.Department get(@PathParam("id") String id) {
        return departments.get(id).orElseThrow(() -> ProblemException.notFound("department", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public Response create(Departments.DepartmentInput body) {
        Departments.Department d = departments.create(body, user.username(), user.remoteAddress());
        return Response.created(URI.create("departments/" + d.id())).entity(d).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public Departments.Department update(@PathParam("id") String id, Departments.DepartmentInput body) {
        return departments.update(id, body, user.username(), user.remoteAddress());
    }

    @PUT
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public Departments.Department members(@PathParam("id") String id, List<String> usernames) {
        return departments.setMembers(id, usernames, user.username(), user.remoteAddress());
    }
}
