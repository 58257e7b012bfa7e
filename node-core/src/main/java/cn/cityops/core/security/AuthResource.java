package cn.cityops.core.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Sign-in and "who am I". */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    LoginService login;

    @Inject
    NodeConfig node;

    @Inject
    CurrentUser current;

    @Context
    HttpServletRequest request;

    /** Sign-in request body. */
    public record LoginRequest(String username, String password) {
    }

    /** Sign-in answer: the bearer token and who/where you are. */
    public record LoginResponse(String token, String tokenType, Instant expiresAt, UserView user, NodeView node) {
    }

    public record UserView(String username, String displayName, List<RoleView> roles) {
        static UserView of(String username, String displayName, Set<String> roleIds) {
            return new UserView(username, displayName, roleIds.stream().sorted().map(RoleView::of).toList());
        }
    }

    public record RoleView(String id, String label) {
        static RoleView of(String id) {
            return new RoleView(id, Role.byId(id).map(Role::label).orElse(id));
        }
    }

    /** The node the user signed in to; {@code zone} is the time zone its days and periods are counted in. */
    public record NodeView(String id, String level, String levelLabel, String name, String zone) {
        static NodeView of(NodeConfig node) {
            return new NodeView(node.nodeIdText(), node.level().name(), node.level().label(), node.name(),
                    node.zone().getId());
        }
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginResponse login(LoginRequest body) {
        if (body == null || body.username() == null || body.username().isBlank() || body.password() == null
                || body.password().isEmpty()) {
            List<Problem.Issue> issues = new java.util.ArrayList<>();
            if (body == null || body.username() == null || body.username().isBlank()) {
                issues.add(new Problem.Issue("username", null, "required"));
            }
            if (body == null || body.password() == null || body.password().isEmpty()) {
                issues.add(new Problem.Issue("password", null, "required"));
            }
            throw new ProblemException(Problem.validation(issues));
        }
        LoginService.LoginResult r = login.login(body.username().trim(), body.password().toCharArray(),
                request.getRemoteAddr());
        return new LoginResponse(r.token().token(), "Bearer", r.token().expiresAt(),
                UserView.of(r.user().username(), r.user().displayName(), r.user().roleIds()), NodeView.of(node));
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public LoginResponse me() {
        return new LoginResponse(null, null, null, UserView.of(current.username(), null,
                current.roles().stream().filter(r -> Role.byId(r).isPresent()).collect(java.util.stream.Collectors.toSet())),
                NodeView.of(node));
    }
}
