package cn.cityops.core.reference;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A GB/T 2260 administrative division (read-only reference data loaded by migration). */
@Entity
@Cacheable
@Table(name = "ref_division")
public class Division {
    @Id
    private String code;
    private String name;
    private String level;
    @Column(name = "parent_code")
    private String parentCode;
    private String source;

    protected Division() {
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String source() {
        return source;
    }
}
