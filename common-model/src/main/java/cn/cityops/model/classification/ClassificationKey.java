package cn.cityops.model.classification;

import cn.cityops.model.validation.InvalidValueException;

import java.util.Objects;

/**
 * Dictionary key of a component class or a matter: the kind plus the class code, because 管理部件 and 管理事项 share
 * codes (both have {@code 01001}). Canonical string form {@code KIND:code}, for example {@code MATTER:06010}.
 *
 * @param kind component or matter
 * @param code the 5-digit class code
 */
public record ClassificationKey(ClassificationKind kind, ClassCode code) {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "classificationKey";

    /** @throws NullPointerException if an argument is null */
    public ClassificationKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
    }

    /** Key of a component class. */
    public static ClassificationKey component(ClassCode code) {
        return new ClassificationKey(ClassificationKind.COMPONENT, code);
    }

    /** Key of a matter. */
    public static ClassificationKey matter(ClassCode code) {
        return new ClassificationKey(ClassificationKind.MATTER, code);
    }

    /**
     * Parses the canonical form {@code KIND:code}, for example {@code COMPONENT:01001} (kind case-insensitive).
     *
     * @throws InvalidValueException (field {@value #FIELD}) if malformed
     */
    public static ClassificationKey of(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            throw new InvalidValueException(FIELD, value, "classification key must look like COMPONENT:01001 or "
                    + "MATTER:06010, got " + InvalidValueException.quote(value));
        }
        try {
            return new ClassificationKey(ClassificationKind.fromName(value.substring(0, colon)),
                    ClassCode.of(value.substring(colon + 1)));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "classification key " + InvalidValueException.quote(value) + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Canonical form {@code KIND:code}, for example {@code COMPONENT:01001}. */
    @Override
    public String toString() {
        return kind.name() + ":" + code.value();
    }
}
