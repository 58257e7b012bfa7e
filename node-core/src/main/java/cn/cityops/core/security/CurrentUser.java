package cn.cityops.core.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is making the current request, and from where; "system" outside requests.
 *
 * <p>Stateless (it reads the current request through the container's request proxy), so one application-scoped
 * instance serves every request: as a request-scoped bean it was created and resource-injected anew for each request
 * (≈ 2–3 % of a case call's CPU in CaseBenchIT's profile).
 */
@ApplicationScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServletRequest request;

    public String username() {
        JsonWebToken t = token();
        String name = t == null ? null : t.getName();
        return name == null ? "anonymous" : name;
    }

    public Set<String> roles() {
        JsonWebToken t = token();
        Set<String> groups = t == null ? null : t.getGroups();
        return groups == null ? Set.of() : groups;
    }

    /**
     * The caller's token. Under MP-JWT the request's caller principal is the verified token itself; taking it from the
     * request skips the container's request-scoped JsonWebToken producer, which looks the bean manager up in JNDI on
     * every request (about 6 % of a case call's CPU in CaseBenchIT's profile). Anything else (no request, another
     * principal type) goes through the injected token as before.
     */
    private JsonWebToken token() {
        try {
            if (request.getUserPrincipal() instanceof JsonWebToken p) {
                return p;
            }
        } catch (RuntimeException e) {
            // outside an HTTP request
        }
        return jwt;
    }

    public String remoteAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
