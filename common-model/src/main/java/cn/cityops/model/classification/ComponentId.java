package cn.cityops.model.classification;

import cn.cityops.model.division.DivisionCode;
import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

/**
 * Component id (管理部件标识码) of GB/T 47678.5-2026, 17 digits = 6-digit division code + 5-digit {@link ClassCode} +
 * 6-digit sequence, for example {@code 14060201001000001} (the first 供水井盖 registered in 朔州市朔城区). The
 * sequence {@code 000000} is rejected.
 */
public final class ComponentId implements Comparable<ComponentId> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "componentId";

    private final String value;
    private final DivisionCode division;
    private final ClassCode classCode;

    private ComponentId(String value, DivisionCode division, ClassCode classCode) {
        this.value = value;
        this.division = division;
        this.classCode = classCode;
    }

    /**
     * Parses a 17-digit component id; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if malformed or a part is invalid
     */
    public static ComponentId of(String value) {
        if (!Digits.isDigits(value, 17)) {
            throw new InvalidValueException(FIELD, value,
                    "component id must be 17 digits, got " + InvalidValueException.quote(value));
        }
        DivisionCode division;
        ClassCode classCode;
        try {
            division = DivisionCode.of(value.substring(0, 6));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "component id " + value + " has an invalid division part: " + e.getMessage(), e);
        }
        try {
            classCode = ClassCode.of(value.substring(6, 11));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "component id " + value + " has an invalid class part: " + e.getMessage(), e);
        }
        if (value.endsWith("000000")) {
            throw new InvalidValueException(FIELD, value,
                    "component id " + value + " has sequence 000000, expected 000001..999999");
        }
        return new ComponentId(value, division, classCode);
    }

    /** The 17-digit id. */
    public String value() {
        return value;
    }

    /** The division part (first 6 digits). */
    public DivisionCode division() {
        return division;
    }

    /** The class part (digits 7–11). */
    public ClassCode classCode() {
        return classCode;
    }

    /** The sequence, 1..999999 (last 6 digits). */
    public int sequence() {
        return Integer.parseInt(value.substring(11));
    }

    /** The dictionary key {@code (COMPONENT, classCode)}. */
    public ClassificationKey key() {
        return ClassificationKey.component(classCode);
    }

    @Override
    public int compareTo(ComponentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ComponentId c && value.equals(c.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The 17-digit id. */
    @Override
    public String toString() {
        return value;
    }
}
