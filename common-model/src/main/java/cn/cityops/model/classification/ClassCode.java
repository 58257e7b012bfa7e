package cn.cityops.model.classification;

import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

/**
 * Class code (类别代码) of GB/T 47678.5-2026, 5 digits = 2-digit major + 3-digit minor, for example {@code 01001}.
 * The same code exists for a component class and for a matter, so dictionaries are keyed by
 * {@link ClassificationKey}, never by the code alone.
 */
public final class ClassCode implements Comparable<ClassCode> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "classCode";

    private final String value;

    private ClassCode(String value) {
        this.value = value;
    }

    /**
     * Parses a 5-digit class code; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if not 5 digits, major part 00 or minor part 000
     */
    public static ClassCode of(String value) {
        if (!Digits.isDigits(value, 5)) {
            throw new InvalidValueException(FIELD, value,
                    "class code must be 5 digits, got " + InvalidValueException.quote(value));
        }
        if (value.startsWith("00")) {
            throw new InvalidValueException(FIELD, value, "class code " + value + " has major part 00");
        }
        if (value.endsWith("000")) {
            throw new InvalidValueException(FIELD, value, "class code " + value + " has minor part 000");
        }
        return new ClassCode(value);
    }

    /** The 5-digit code. */
    public String value() {
        return value;
    }

    /** The 2-digit major category, for example {@code 06}. */
    public String majorCode() {
        return value.substring(0, 2);
    }

    /** The 3-digit minor category, for example {@code 010}. */
    public String minorCode() {
        return value.substring(2);
    }

    @Override
    public int compareTo(ClassCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ClassCode c && value.equals(c.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The 5-digit code. */
    @Override
    public String toString() {
        return value;
    }
}
