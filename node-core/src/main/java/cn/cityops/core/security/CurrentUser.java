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

    public String username() {
        String name = jwt == null ? null : jwt.getName();
        return name == null ? "anonymous" : name;
    }

    public Set<String> roles() {
        Set<String> groups = jwt == null ? null : jwt.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public String remoteAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
