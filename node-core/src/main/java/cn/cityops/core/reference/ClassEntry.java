package cn.cityops.core.reference;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One entry of the GB/T 47678.5-2026 classification: a management component class (管理部件) or a management matter
 * (管理事项). Keyed by kind and code because both kinds use the same 5-digit codes.
 */
@Entity
@Cacheable
@Table(name = "ref_class")
@IdClass(ClassEntry.Key.class)
public class ClassEntry {
    @Id
    private String kind;
    @Id
    private String code;
    @Column(name = "major_code")
    private String majorCode;
    @Column(name = "minor_code")
    private String minorCode;
    private String name;
    @Column(name = "matter_kind")
    private String matterKind;
    private String notes;
    private String source;

    protected ClassEntry() {
    }

    public String kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String majorCode() {
        return majorCode;
    }

    public String minorCode() {
        return minorCode;
    }

    public String name() {
        return name;
    }

    public String matterKind() {
        return matterKind;
    }

    public String notes() {
        return notes;
    }

    public String source() {
        return source;
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
