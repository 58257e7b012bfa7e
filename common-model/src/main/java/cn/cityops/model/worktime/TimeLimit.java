package cn.cityops.model.worktime;

import cn.cityops.model.validation.InvalidValueException;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handling time limit (时限) such as {@code 5工作时}, {@code 1工作日}, {@code 2小时} or {@code 30分钟}.
 *
 * @param amount positive number of units, at most {@value #MAX_AMOUNT}
 * @param unit the unit
 */
public record TimeLimit(long amount, LimitUnit unit) {

    /** Field name used in {@link InvalidValueException}s. */
    public static final String FIELD = "timeLimit";

    /** Largest accepted amount (keeps deadline arithmetic far from overflow). */
    public static final long MAX_AMOUNT = 100_000;

    private static final Pattern CHINESE = Pattern.compile("([0-9]{1,9})(工作时|工作日|小时|分钟)");
    private static final Pattern ENGLISH =
            Pattern.compile("([0-9]{1,9}) (working-hours?|working-days?|hours?|minutes?)");

    /** @throws InvalidValueException (field {@value #FIELD}) if the amount is not in 1..{@value #MAX_AMOUNT} */
    public TimeLimit {
        Objects.requireNonNull(unit, "unit");
        if (amount < 1 || amount > MAX_AMOUNT) {
            String text = amount + unit.label();
            throw new InvalidValueException(FIELD, text, "time limit amount must be between 1 and " + MAX_AMOUNT
                    + ", got " + amount);
        }
    }

    /**
     * Parses the Chinese form ({@code 5工作时}, {@code 1工作日}, {@code 2小时}, {@code 30分钟}) or the English form
     * with one space ({@code 5 working-hours}, {@code 1 working-days}, {@code 2 hours}, {@code 30 minutes}; the
     * singular {@code working-hour}, {@code working-day}, {@code hour}, {@code minute} is accepted too). Nothing is
     * trimmed.
     *
     * @throws InvalidValueException (field {@value #FIELD}) if malformed or the amount is not positive
     */
    public static TimeLimit parse(String text) {
        if (text != null) {
            Matcher m = CHINESE.matcher(text);
            if (m.matches()) {
                return create(text, m.group(1), fromLabel(m.group(2)));
            }
            m = ENGLISH.matcher(text);
            if (m.matches()) {
                return create(text, m.group(1), fromEnglish(m.group(2)));
            }
        }
        throw new InvalidValueException(FIELD, text, "time limit must look like 5工作时, 1工作日, 2小时, 30分钟 "
                + "or 5 working-hours, 1 working-days, 2 hours, 30 minutes, got " + InvalidValueException.quote(text));
    }

    /** Same as {@link #parse(String)}. */
    public static TimeLimit of(String text) {
        return parse(text);
    }

    private static TimeLimit create(String text, String digits, LimitUnit unit) {
        try {
            return new TimeLimit(Long.parseLong(digits), unit);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(FIELD, text, e.getMessage(), e);
        }
    }

    private static LimitUnit fromLabel(String label) {
        for (LimitUnit unit : LimitUnit.values()) {
            if (unit.label().equals(label)) {
                return unit;
            }
        }
        throw new IllegalStateException(label);
    }

    private static LimitUnit fromEnglish(String name) {
        for (LimitUnit unit : LimitUnit.values()) {
            String plural = unit.englishName();
            if (plural.equals(name) || plural.substring(0, plural.length() - 1).equals(name)) {
                return unit;
            }
        }
        throw new IllegalStateException(name);
    }

    /** Chinese form, for example {@code 5工作时}. */
    @Override
    public String toString() {
        return amount + unit.label();
    }
}
