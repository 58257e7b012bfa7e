package cn.cityops.model.grid;

import cn.cityops.model.division.DivisionCode;
import cn.cityops.model.division.DivisionLevel;
import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

/**
 * Unit grid id (单元网格标识码), 15 digits: 6-digit county-level division code (GB/T 2260) + 3-digit street/town +
 * 3-digit community/village + 3-digit grid sequence, for example {@code 140602001001001}.
 *
 * <p>The division part must be a valid {@link DivisionCode} below province level. Prefecture-level codes are allowed
 * because some prefecture-level cities have no county-level divisions (东莞 441900, 中山 442000) and number their grids
 * directly under the city code. The sequence {@code 000} is rejected; street and community parts are not checked
 * beyond being digits.
 */
public final class UnitGridCode implements Comparable<UnitGridCode> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "unitGridCode";

    private final String value;
    private final DivisionCode division;

    private UnitGridCode(String value, DivisionCode division) {
        this.value = value;
        this.division = division;
    }

    /**
     * Parses a 15-digit unit grid id; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if the value is malformed
     */
    public static UnitGridCode of(String value) {
        if (!Digits.isDigits(value, 15)) {
            throw new InvalidValueException(FIELD, value,
                    "unit grid code must be 15 digits, got " + InvalidValueException.quote(value));
        }
        DivisionCode division;
        try {
            division = DivisionCode.of(value.substring(0, 6));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, value,
                    "unit grid code " + value + " has an invalid division part: " + e.getMessage(), e);
        }
        if (division.level() == DivisionLevel.PROVINCE) {
            throw new InvalidValueException(FIELD, value, "unit grid code " + value + " has division part "
                    + division + ", which is province-level; expected a county or prefecture code");
        }
        if (value.endsWith("000")) {
            throw new InvalidValueException(FIELD, value,
                    "unit grid code " + value + " has grid sequence 000, expected 001..999");
        }
        return new UnitGridCode(value, division);
    }

    /** The 15-digit id. */
    public String value() {
        return value;
    }

    /** The division part (first 6 digits). */
    public DivisionCode division() {
        return division;
    }

    /** The street/town code: division + street, the first 9 digits. */
    public String streetCode() {
        return value.substring(0, 9);
    }

    /** The community/village code: division + street + community, the first 12 digits. */
    public String communityCode() {
        return value.substring(0, 12);
    }

    /** The grid sequence inside the community, 1..999 (last 3 digits). */
    public int sequence() {
        return Integer.parseInt(value.substring(12));
    }

    @Override
    public int compareTo(UnitGridCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof UnitGridCode g && value.equals(g.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The 15-digit id. */
    @Override
    public String toString() {
        return value;
    }
}
