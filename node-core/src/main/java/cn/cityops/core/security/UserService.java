package cn.cityops.core.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Manages this node's user accounts (安全管理员 work). */
@ApplicationScoped
public class UserService {

    /** Minimum password length; passwords also need letters and digits. */
    public static final int MIN_PASSWORD_LENGTH = 10;

    @Inject
    UserRepository users;

    @Inject
    NodeConfig node;

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser current;

    /** A new account request as received from the API. */
    public record NewUser(String username, String displayName, String password, List<String> roles) {
    }

    @Transactional
    public UserAccount create(NewUser request) {
        List<Problem.Issue> issues = new ArrayList<>();
        String username = request.username();
        if (username == null || !username.matches("^[a-z0-9][a-z0-9._-]{2,39}$")) {
            issues.add(new Problem.Issue("username", username,
                    "3-40 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (request.displayName() == null || request.displayName().isBlank() || request.displayName().length() > 100) {
            issues.add(new Problem.Issue("displayName", request.displayName(), "required, at most 100 characters"));
        }
        passwordIssue(request.password()).ifPresent(issues::add);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (request.roles() == null || request.roles().isEmpty()) {
            issues.add(new Problem.Issue("roles", null, "at least one role is required"));
        } else {
            for (String id : request.roles()) {
                Role role = Role.byId(id).orElse(null);
                if (role == null) {
                    issues.add(new Problem.Issue("roles", id, "unknown role"));
                } else if (!role.existsOn(node.level())) {
                    issues.add(new Problem.Issue("roles", id, "role does not exist on a " + node.level() + " node"));
                } else {
                    roles.add(role);
                }
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(Problem.validation(issues));
        }
        if (users.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("user '" + username + "' already exists", java.util.Map.of());
        }
        UserAccount user = new UserAccount(username, request.displayName().trim(),
                PasswordHasher.hash(request.password().toCharArray()), roles, Instant.now());
        users.add(user);
        audit.record(current.username(), "USER_CREATED", "user:" + username, "roles=" + user.roleIds(),
                current.remoteAddress());
        return user;
    }

    /** Seeds the node administrator when no account exists yet (first start). Returns true when one was created. */
    @Transactional
    public boolean seedAdministrator(String initialPassword) {
        if (users.count() > 0) {
            return false;
        }
        UserAccount admin = new UserAccount("admin", "系统管理员",
                PasswordHasher.hash(initialPassword.toCharArray()),
                EnumSet.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN), Instant.now());
        users.add(admin);
        audit.record("system", "USER_CREATED", "user:admin", "seeded administrator", null);
        return true;
    }

    static java.util.Optional<Problem.Issue> passwordIssue(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH
                || !password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit)) {
            return java.util.Optional.of(new Problem.Issue("password", null,
                    "at least " + MIN_PASSWORD_LENGTH + " characters with letters and digits"));
        }
        return java.util.Optional.empty();
    }
}
