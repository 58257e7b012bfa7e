package cn.cityops.core.security;

import java.lang.reflect.AnnotatedElement;
import java.security.Principal;
import java.util.List;
import java.util.Set;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Deny by default, and the enforcement of {@code @RolesAllowed} / {@code @PermitAll} / {@code @DenyAll} on every
 * resource method (the method's annotation wins over its class's). A method (and class) with none of them is closed to
 * everyone, so a forgotten annotation fails safe (403 problem+json). No caller on a role-protected method is 401, a
 * caller without one of the roles is 403 (problem+json through {@code ProblemMappers}).
 *
 * <p>Payara's own JAX-RS {@code @RolesAllowed} filter is switched off ({@code jaxrs-roles-allowed-enabled} in
 * {@code WEB-INF/payara-web.xml}): it asked the container {@code isUserInRole} once per listed role until one matched,
 * each a JACC permission check over the caller's subject (≈ 7 % of a case call's CPU in CaseBenchIT's profile, see
 * docs/benchmarks.md). Under MicroProfile JWT a caller's roles are the verified token's {@code groups} (this node maps
 * no roles), so the check here reads them from the token the container has already verified and put in the request as
 * its caller principal; any other kind of principal is still asked through {@link SecurityContext#isUserInRole}.
 */
@Provider
public class RoleGuard implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        ContainerRequestFilter guard = guard(resourceInfo.getResourceMethod());
        if (guard == null) {
            guard = guard(resourceInfo.getResourceClass());
        }
        if (guard == null) {
            context.register(new DenyUndeclared());
        } else if (guard != PERMIT_ALL) {
            context.register(guard);
        }
    }

    /** Marks "anyone may call" (no filter); a sentinel, never registered. */
    private static final ContainerRequestFilter PERMIT_ALL = ctx -> { };

    /** The filter for the policy the element declares; {@link #PERMIT_ALL}; or null if it declares none. */
    private static ContainerRequestFilter guard(AnnotatedElement e) {
        if (e == null) {
            return null;
        }
        if (e.isAnnotationPresent(DenyAll.class)) {
            return new DenyAllCalls();
        }
        if (e.isAnnotationPresent(PermitAll.class)) {
            return PERMIT_ALL;
        }
        RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
        return roles == null ? null : new RequireRole(List.of(roles.value()));
    }

    /** Lets a call through if its caller has one of the roles: 401 without a caller, 403 without the role. */
    @Priority(Priorities.AUTHORIZATION)
    static final class RequireRole implements ContainerRequestFilter {
        private final List<String> roles;

        RequireRole(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext ctx) {
            SecurityContext security = ctx.getSecurityContext();
            Principal caller = security.getUserPrincipal();
            if (caller == null) {
                throw new NotAuthorizedException("no authenticated caller", "Bearer");
            }
            if (!hasRole(caller, security)) {
                throw new ForbiddenException("the caller has none of the roles " + roles);
            }
        }

        private boolean hasRole(Principal caller, SecurityContext security) {
            if (caller instanceof JsonWebToken token) {
                Set<String> groups = token.getGroups();
                return groups != null && roles.stream().anyMatch(groups::contains);
            }
            return roles.stream().anyMatch(security::isUserInRole);
        }
    }

    /** {@code @DenyAll}: refused to every caller. */
    @Priority(Priorities.AUTHORIZATION)
    static final class DenyAllCalls implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext ctx) {
            throw new ForbiddenException("this endpoint is closed to every caller");
        }
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
