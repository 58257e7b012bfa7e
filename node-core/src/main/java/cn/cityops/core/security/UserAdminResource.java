package cn.cityops.core.security;

import java.net.URI;
import java.util.List;

import cn.cityops.core.rest.Paging;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** User administration of this node, for the 安全管理员. */
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Ids.SECURITY_ADMIN)
public class UserAdminResource {

    @Inject
    UserService service;

    @Inject
    UserRepository users;

    public record UserSummary(String username, String displayName, boolean enabled, List<AuthResource.RoleView> roles,
                              java.time.Instant lastLoginAt, java.time.Instant lockedUntil) {
        static UserSummary of(UserAccount u) {
            return new UserSummary(u.username(), u.displayName(), u.enabled(),
                    u.roleIds().stream().sorted().map(AuthResource.RoleView::of).toList(), u.lastLoginAt(),
                    u.lockedUntil());
        }
    }

    @GET
    public Paging.Page<UserSummary> list(@BeanParam Paging paging) {
        return paging.page(users.list(paging.offset(), paging.limit()).stream().map(UserSummary::of).toList(),
                users.count());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(UserService.NewUser body) {
        if (body == null) {
            throw cn.cityops.core.problem.ProblemException.invalid("body", null, "a JSON object is required");
        }
        UserAccount u = service.create(body);
        return Response.created(URI.create("admin/users/" + u.username())).entity(UserSummary.of(u)).build();
    }
}
