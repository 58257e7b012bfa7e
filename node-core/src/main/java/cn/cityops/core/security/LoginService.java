package cn.cityops.core.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Signs users in. Wrong passwords are counted per account; after {@code cityops.security.login.max-failures} in a row
 * the account is locked for {@code cityops.security.login.lock-minutes} (HTTP 429 with Retry-After). Unknown user
 * names cost the same hashing work as known ones, so timing does not reveal which accounts exist.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());

    @Inject
    UserRepository users;

    @Inject
    TokenIssuer tokens;

    @Inject
    NodeConfig node;

    @Inject
    AuditLog audit;

    /** A successful sign-in. */
    public record LoginResult(UserAccount user, TokenIssuer.IssuedToken token) {
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public LoginResult login(String username, char[] password, String remoteAddr) {
        Instant now = Instant.now();
        Optional<UserAccount> found = users.findByUsernameForUpdate(username);
        if (found.isEmpty()) {
            PasswordHasher.verify(password, DUMMY_HASH);
            LOG.info(node.tag() + " SEC-002 login failed: unknown user from " + remoteAddr);
            throw badCredentials();
        }
        UserAccount user = found.get();
        if (user.isLocked(now)) {
            throw locked(user, now);
        }
        if (!user.enabled() || !PasswordHasher.verify(password, user.passwordHash())) {
            user.recordFailedLogin(now, node.loginMaxFailures(), node.loginLock());
            audit.record(username, "LOGIN_FAILED", "user:" + username, null, remoteAddr);
            LOG.info(node.tag() + " SEC-002 login failed for " + username + " from " + remoteAddr);
            if (user.isLocked(now)) {
                LOG.warning(node.tag() + " SEC-003 account " + username + " locked until " + user.lockedUntil());
                audit.record("system", "ACCOUNT_LOCKED", "user:" + username, "until " + user.lockedUntil(), remoteAddr);
                throw locked(user, now);
            }
            throw badCredentials();
        }
        if (PasswordHasher.needsRehash(user.passwordHash())) {
            user.changePasswordHash(PasswordHasher.hash(password), now);
        }
        user.recordSuccessfulLogin(now);
        audit.record(username, "LOGIN", "user:" + username, null, remoteAddr);
        LOG.info(node.tag() + " SEC-001 login " + username + " from " + remoteAddr);
        return new LoginResult(user, tokens.issue(user.username(), user.roleIds(), now));
    }

    private static ProblemException badCredentials() {
        return new ProblemException(ProblemType.BAD_CREDENTIALS, "user name or password is wrong");
    }

    private static ProblemException locked(UserAccount user, Instant now) {
        long seconds = Math.max(1, Duration.between(now, user.lockedUntil()).toSeconds());
        return new ProblemException(new Problem(ProblemType.TOO_MANY_ATTEMPTS,
                "too many failed sign-ins; account locked, try again in " + seconds + " s", List.of(),
                Map.of("retryAfterSeconds", seconds)));
    }
}
