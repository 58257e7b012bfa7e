package cn.cityops.core.security;

import java.util.List;
import java.util.Optional;

import cn.cityops.core.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Stores user accounts of this node. */
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "cityops")
    EntityManager em;

    @Inject
    Jdbc jdbc;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :u", UserAccount.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    /**
     * Whether an enabled account of that name has the role: one indexed query that loads no entity (for checks on
     * busy paths, e.g. the inspector named in a case action; loading the account through JPA, with a flush before
     * the query and its roles as a second query, cost ≈ 5 % of the case loop's CPU in CaseBenchIT's profile).
     */
    public boolean isEnabledWithRole(String username, String role) {
        return jdbc.one("SELECT 1 FROM app_user u JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ?"
                + " AND u.enabled AND r.role = ?", rs -> Boolean.TRUE, username, role).isPresent();
    }

    /** Finds and row-locks an account so concurrent failed logins are counted exactly. */
    public Optional<UserAccount> findByUsernameForUpdate(String username) {
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :u", UserAccount.class)
                .setParameter("u", username).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    public List<UserAccount> list(int offset, int limit) {
        return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult();
    }

    public void add(UserAccount user) {
        em.persist(user);
    }
}
