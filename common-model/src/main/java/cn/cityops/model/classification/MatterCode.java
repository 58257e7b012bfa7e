package cn.cityops.model.classification;

import cn.cityops.model.division.DivisionCode;
import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

/**
 * Matter code (事项代码) of GB/T 47678.5-2026, 11 digits = 6-digit division code + 5-digit {@link ClassCode}, for
 * example {@code 14060206010} (暴露垃圾 in 朔州市朔城区). It names a kind of matter in an area and is not unique per
 * occurrence: each case needs its own case number.
 */
public final class MatterCode implements Comparable<MatterCode> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "matterCode";

    private final String value;
    private final DivisionCode division;
    private final ClassCode classCode;

    private MatterCode(String value, DivisionCode division, ClassCode classCode) {
        this.value = value;
        this.division = division;
        this.classCode = classCode;
    }

    /**
     * Parses an 11-digit matter code; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if malformed or a part is invalid
     */
    public static MatterCode of(String value) {
        if (!Digits.isDigits(value, 11)) {
            throw new InvalidValueException(FIELD, value,
                    "matter code must be 11 digits, got " + InvalidValueException.quote(value));
        }
        DivisionCode division;
        ClassCode classCode;
        try {
            division = DivisionCode.of(value.substring(0, 6));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "matter code " + value + " has an invalid division part: " + e.getMessage(), e);
        }
        try {
            classCode = ClassCode.of(value.substring(6));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "matter code " + value + " has an invalid class part: " + e.getMessage(), e);
        }
        return new MatterCode(value, division, classCode);
    }

    /** Builds the matter code of a class in a division. */
    public static MatterCode of(DivisionCode division, ClassCode classCode) {
        return new MatterCode(division.value() + classCode.value(), division, classCode);
    }

    /** The 11-digit code. */
    public String value() {
        return value;
    }

    /** The division part (first 6 digits). */
    public DivisionCode division() {
        return division;
    }

    /** The class part (last 5 digits). */
    public ClassCode classCode() {
        return classCode;
    }

    /** The dictionary key {@code (MATTER, classCode)}. */
    public ClassificationKey key() {
        return ClassificationKey.matter(classCode);
    }

    @Override
    public int compareTo(MatterCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof MatterCode m && value.equals(m.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The 11-digit code. */
    @Override
    public String toString() {
        return value;
    }
}
