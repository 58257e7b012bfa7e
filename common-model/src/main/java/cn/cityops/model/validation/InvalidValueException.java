package cn.cityops.model.validation;

/**
 * Thrown when a value object rejects its input.
 *
 * <p>Carries what the REST layer needs for one {@code issues[]} entry of an RFC 9457 problem: the logical
 * {@link #field() field} name (for example {@code "divisionCode"}), the {@link #rejectedValue() rejected value}
 * exactly as given (may be {@code null}) and an English message naming what is wrong.
 *
 * <p>The message quotes the rejected value shortened to {@value #MAX_QUOTED_LENGTH} characters; {@link #rejectedValue()}
 * keeps it whole, so callers that echo it back must apply their own size limit.
 */
public class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Longest part of a rejected value that {@link #quote(String)} puts into a message. */
    public static final int MAX_QUOTED_LENGTH = 64;

    private final String field;
    private final String rejectedValue;

    /**
     * @param field logical field name, for example {@code "divisionCode"}; must not be null
     * @param rejectedValue the value as given, may be null
     * @param message English description of what is wrong
     */
    public InvalidValueException(String field, String rejectedValue, String message) {
        this(field, rejectedValue, message, null);
    }

    /**
     * @param field logical field name; must not be null
     * @param rejectedValue the value as given, may be null
     * @param message English description of what is wrong
     * @param cause the underlying failure, may be null
     */
    public InvalidValueException(String field, String rejectedValue, String message, Throwable cause) {
        super(message, cause);
        if (field == null) {
            throw new NullPointerException("field");
        }
        this.field = field;
        this.rejectedValue = rejectedValue;
    }

    /** Logical name of the rejected field, for example {@code "divisionCode"}. */
    public String field() {
        return field;
    }

    /** The rejected value exactly as given; may be {@code null}. */
    public String rejectedValue() {
        return rejectedValue;
    }

    /**
     * Renders a value for use in a message: {@code 'abc'}, or {@code null} without quotes; values longer than
     * {@value #MAX_QUOTED_LENGTH} characters are cut and end with {@code ...}.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() > MAX_QUOTED_LENGTH) {
            return "'" + value.substring(0, MAX_QUOTED_LENGTH) + "...'";
        }
        return "'" + value + "'";
    }
}
