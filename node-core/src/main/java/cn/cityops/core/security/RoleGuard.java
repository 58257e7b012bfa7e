package cn.cityops.core.security;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Deny by default: a resource method must say who may call it. {@code @RolesAllowed} / {@code @PermitAll} /
 * {@code @DenyAll} (on the method or its class) are enforced by the container's MP-JWT integration; a method with
 * none of them is closed to everyone here, so a forgotten annotation fails safe (403 problem+json).
 */
@Provider
public class RoleGuard implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (!declaresPolicy(resourceInfo.getResourceMethod()) && !declaresPolicy(resourceInfo.getResourceClass())) {
            context.register(new DenyUndeclared());
        }
    }

    private static boolean declaresPolicy(java.lang.reflect.AnnotatedElement e) {
        return e.isAnnotationPresent(RolesAllowed.class) || e.isAnnotationPresent(PermitAll.class)
                || e.isAnnotationPresent(DenyAll.class);
    }

    /** Refuses calls to an endpoint that declares no access policy. */
    @Priority(Priorities.AUTHORIZATION)
    static final class DenyUndeclared implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext ctx) {
            ctx.abortWith(Problem.of(ProblemType.FORBIDDEN, "this endpoint declares no access policy and is closed")
                    .toResponse(ctx.getUriInfo().getRequestUri().getPath()));
        }
    }

}
