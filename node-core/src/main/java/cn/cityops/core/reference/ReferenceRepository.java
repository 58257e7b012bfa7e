package cn.cityops.core.reference;

import java.util.List;
import java.util.Optional;

import cn.cityops.model.classification.ClassificationKey;
import cn.cityops.model.division.DivisionCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

/** Read access to the reference tables. */
@ApplicationScoped
public class ReferenceRepository {

    @PersistenceContext(unitName = "cityops")
    EntityManager em;

    public Optional<Division> division(DivisionCode code) {
        return Optional.ofNullable(em.find(Division.class, code.toString()));
    }

    public List<Division> divisions(String parent, String level, int offset, int limit) {
        return divisionQuery("SELECT d", parent, level, Division.class).setFirstResult(offset).setMaxResults(limit)
                .getResultList();
    }

    public long countDivisions(String parent, String level) {
        return divisionQuery("SELECT COUNT(d)", parent, level, Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> divisionQuery(String select, String parent, String level, Class<T> type) {
        String jpql = select + " FROM Division d WHERE 1 = 1" + (parent == null ? "" : " AND d.parentCode = :parent")
                + (level == null ? "" : " AND d.level = :level") + (type == Division.class ? " ORDER BY d.code" : "");
        TypedQuery<T> q = em.createQuery(jpql, type);
        if (parent != null) {
            q.setParameter("parent", parent);
        }
        if (level != null) {
            q.setParameter("level", level);
        }
        return q;
    }

    public Optional<ClassEntry> classEntry(ClassificationKey key) {
        return Optional.ofNullable(em.find(ClassEntry.class,
                new ClassEntry.Key(key.kind().name(), key.code().toString())));
    }

    public Optional<MajorCategory> major(String kind, String code) {
        return Optional.ofNullable(em.find(MajorCategory.class, new MajorCategory.Key(kind, code)));
    }

    public List<MajorCategory> majors(String kind) {
        TypedQuery<MajorCategory> q = em.createQuery("SELECT m FROM MajorCategory m"
                + (kind == null ? "" : " WHERE m.kind = :kind") + " ORDER BY m.kind, m.code", MajorCategory.class);
        if (kind != null) {
            q.setParameter("kind", kind);
        }
        return q.getResultList();
    }

    public List<ClassEntry> classes(String kind, String major, int offset, int limit) {
        return classQuery("SELECT c", kind, major, ClassEntry.class).setFirstResult(offset).setMaxResults(limit)
                .getResultList();
    }

    public long countClasses(String kind, String major) {
        return classQuery("SELECT COUNT(c)", kind, major, Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> classQuery(String select, String kind, String major, Class<T> type) {
        String jpql = select + " FROM ClassEntry c WHERE 1 = 1" + (kind == null ? "" : " AND c.kind = :kind")
                + (major == null ? "" : " AND c.majorCode = :major")
                + (type == ClassEntry.class ? " ORDER BY c.kind, c.code" : "");
        TypedQuery<T> q = em.createQuery(jpql, type);
        if (kind != null) {
            q.setParameter("kind", kind);
        }
        if (major != null) {
            q.setParameter("major", major);
        }
        return q;
    }

    /** Legacy (GB/T 30428.2-era) event code → current matter code, from the mapping evidence table. */
    public Optional<Object[]> legacyMapping(String legacyCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT legacy_code, legacy_name, code, name, status, source"
                + " FROM ref_legacy_code_mapping WHERE legacy_code = ?1").setParameter(1, legacyCode).getResultList();
        return rows.stream().findFirst();
    }
}
