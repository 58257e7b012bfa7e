package cn.cityops.core.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Stores user accounts of this node. */
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "cityops")
    EntityManager em;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :u", UserAccount.class)
                .setParameter("u", username).getResultStream().findFirst();
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
