package cn.cityops.core.supervision;

import java.util.Set;
import java.util.TreeSet;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.node.NodeLevel;
import cn.cityops.model.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may do what in supervision, by level and role. Resources let every supervision role in ({@code @RolesAllowed});
 * this class refuses wrong-level and wrong-role actions with a 403 problem that names the reason.
 * <ul>
 * <li>issuing (tasks, relays are separate, urgings, notices): {@code ministry-supervisor} on the national node,
 * {@code province-supervisor} on a provincial node; never on a municipal node;</li>
 * <li>handling what was received (acknowledge, assign, feedback, urging replies): {@code city-task-handler} on a
 * municipal node, {@code province-supervisor} on a provincial node; the national node receives nothing;</li>
 * <li>{@code leader} reads everything on its node and changes nothing.</li>
 * </ul>
 */
@ApplicationScoped
public class SupervisionAccess {

    @Inject
    CurrentUser user;

    @Inject
    NodeConfig node;

    @Inject
    Jdbc jdbc;

    /** The role that issues on this node, or null on a municipal node. */
    public String issuerRole() {
        return switch (node.level()) {
            case NATIONAL -> Role.Ids.MINISTRY_SUPERVISOR;
            case PROVINCIAL -> Role.Ids.PROVINCE_SUPERVISOR;
            case MUNICIPAL -> null;
        };
    }

    /** The role that handles received items on this node, or null on the national node. */
    public String handlerRole() {
        return switch (node.level()) {
            case NATIONAL -> null;
            case PROVINCIAL -> Role.Ids.PROVINCE_SUPERVISOR;
            case MUNICIPAL -> Role.Ids.CITY_TASK_HANDLER;
        };
    }

    public void requireIssuer(String action) {
        String role = issuerRole();
        if (role == null) {
            throw forbidden("a municipal node receives tasks, urgings and notices; " + action
                    + " is done on the national or a provincial node");
        }
        requireRole(role, action);
    }

    public void requireHandler(String action) {
        String role = handlerRole();
        if (role == null) {
            throw forbidden("the national node issues tasks and urgings and receives none; " + action
                    + " is done by the provincial or municipal node that received them");
        }
        requireRole(role, action);
    }

    public void requireLevel(NodeLevel level, String action) {
        if (node.level() != level) {
            throw forbidden(action + " is done on a " + level + " node; this is the " + node.level() + " node "
                    + node.nodeIdText());
        }
    }

    private void requireRole(String role, String action) {
        Set<String> roles = user.roles();
        if (!roles.contains(role)) {
            Set<String> mine = new TreeSet<>(roles);
            mine.remove(Role.Ids.AUTHENTICATED);
            String why = mine.contains(Role.Ids.LEADER) && mine.size() == 1 ? " (leader is read-only)" : "";
            throw forbidden(action + " on this " + node.level() + " node needs the role " + role + "; you have "
                    + mine + why);
        }
    }

    public boolean has(String role) {
        return user.roles().contains(role);
    }

    public String username() {
        return user.username();
    }

    public String remoteAddress() {
        return user.remoteAddress();
    }

    /** The signed-in user's display name (for parties in packages), at most 50 characters. */
    public String displayName() {
        String name = jdbc.one("SELECT display_name FROM app_user WHERE username = ?", rs -> rs.getString(1),
                user.username()).filter(s -> !s.isBlank()).orElse(user.username());
        return name.length() > 50 ? name.substring(0, 50) : name;
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
