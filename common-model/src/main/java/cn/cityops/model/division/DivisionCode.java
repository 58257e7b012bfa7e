package cn.cityops.model.division;

import cn.cityops.model.validation.Digits;
import cn.cityops.model.validation.InvalidValueException;

import java.util.Optional;

/**
 * Administrative division code of GB/T 2260: six digits {@code PPCCDD} = province {@code PP}, prefecture
 * {@code CC} and county {@code DD}.
 *
 * <p>The level and the hierarchy are derived purely from the digits: {@code PP0000} is a {@link DivisionLevel#PROVINCE
 * province}, {@code PPCC00} a {@link DivisionLevel#PREFECTURE prefecture}, anything else a
 * {@link DivisionLevel#COUNTY county}. The parent is obtained by zeroing digits. For the county-level divisions of
 * 直辖市 and the 省直辖县级行政区划 this yields grouping codes that are not real prefectures: 110105 (朝阳区) has parent
 * 110100 (北京市市辖区), 500101 has parent 500100, 419001 (济源市) has parent 419000 (河南省省直辖县级行政区划). Those
 * grouping codes are treated as ordinary prefecture-level codes here.
 *
 * <p>Accepted: exactly six ASCII digits, province part in {@code 11..82} (the range used by GB/T 2260; this also
 * keeps {@code 100000}, the national node id, out of the division space), and no county part without a prefecture
 * part ({@code PP00DD} with {@code DD != 00} is malformed). Whether the code is actually assigned is not checked.
 */
public final class DivisionCode implements Comparable<DivisionCode> {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "divisionCode";

    private static final int MIN_PROVINCE = 11;
    private static final int MAX_PROVINCE = 82;

    private final String value;

    private DivisionCode(String value) {
        this.value = value;
    }

    /**
     * Parses a six-digit division code; nothing is trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if the value is malformed
     */
    public static DivisionCode of(String value) {
        if (!Digits.isDigits(value, 6)) {
            throw new InvalidValueException(FIELD, value,
                    "division code must be 6 digits, got " + InvalidValueException.quote(value));
        }
        int province = Integer.parseInt(value.substring(0, 2));
        if (province < MIN_PROVINCE || province > MAX_PROVINCE) {
            throw new InvalidValueException(FIELD, value, "division code " + value + " has province part "
                    + value.substring(0, 2) + ", expected " + MIN_PROVINCE + ".." + MAX_PROVINCE);
        }
        if (value.startsWith("00", 2) && !value.startsWith("00", 4)) {
            throw new InvalidValueException(FIELD, value, "division code " + value + " has county part "
                    + value.substring(4) + " but prefecture part 00");
        }
        return new DivisionCode(value);
    }

    /** The six-digit code. */
    public String value() {
        return value;
    }

    /** Level derived from the trailing zeros. */
    public DivisionLevel level() {
        if (value.endsWith("0000")) {
            return DivisionLevel.PROVINCE;
        }
        if (value.endsWith("00")) {
            return DivisionLevel.PREFECTURE;
        }
        return DivisionLevel.COUNTY;
    }

    /**
     * The enclosing division by zeroing digits: county {@code PPCCDD} → {@code PPCC00}, prefecture {@code PPCC00} →
     * {@code PP0000}, province → empty. See the class comment for 直辖市 and 省直辖县 codes.
     */
    public Optional<DivisionCode> parent() {
        return switch (level()) {
            case COUNTY -> Optional.of(new DivisionCode(value.substring(0, 4) + "00"));
            case PREFECTURE -> Optional.of(province());
            case PROVINCE -> Optional.empty();
        };
    }

    /** The province-level code {@code PP0000} (itself for a province). */
    public DivisionCode province() {
        return level() == DivisionLevel.PROVINCE ? this : new DivisionCode(value.substring(0, 2) + "0000");
    }

    /**
     * The prefecture-level code {@code PPCC00}: itself for a prefecture, the parent for a county, empty for a
     * province.
     */
    public Optional<DivisionCode> prefecture() {
        return switch (level()) {
            case COUNTY -> parent();
            case PREFECTURE -> Optional.of(this);
            case PROVINCE -> Optional.empty();
        };
    }

    /** True if this division is {@code other} itself or lies inside it (descendant at any depth). */
    public boolean isWithin(DivisionCode other) {
        return switch (other.level()) {
            case PROVINCE -> value.startsWith(other.value.substring(0, 2));
            case PREFECTURE -> level() != DivisionLevel.PROVINCE && value.startsWith(other.value.substring(0, 4));
            case COUNTY -> value.equals(other.value);
        };
    }

    @Override
    public int compareTo(DivisionCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DivisionCode d && value.equals(d.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The six-digit code. */
    @Override
    public String toString() {
        return value;
    }
}
