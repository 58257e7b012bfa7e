package cn.cityops.core.reference;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A major category (大类) of components or matters in GB/T 47678.5-2026. */
@Entity
@Cacheable
@Table(name = "ref_major_category")
@IdClass(MajorCategory.Key.class)
public class MajorCategory {
    @Id
    private String kind;
    @Id
    private String code;
    private String name;
    private String standard;

    protected MajorCategory() {
    }

    public String kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String standard() {
        return standard;
    }

    /** Composite key (kind, code). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String kind;
        private String code;

        public Key() {
        }

        public Key(String kind, String code) {
            this.kind = kind;
            this.code = code;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, code);
        }
    }
}
