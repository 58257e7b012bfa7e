package cn.cityops.core.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is making the current request, and from where; "system" outside requests. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServletRequest request;

    private JsonWebToken token;

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
        JsonWebToken t = token;
        if (t == null) {
            try {
                if (request.getUserPrincipal() instanceof JsonWebToken p) {
                    t = p;
                }
            } catch (RuntimeException e) {
                // outside an HTTP request
            }
            token = t = t != null ? t : jwt;
        }
        return t;
    }

    public String remoteAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
