package cn.cityops.model.validation;

/** Format checks shared by the code value objects. */
public final class Digits {

    private Digits() {
    }

    /**
     * True when {@code value} is exactly {@code length} ASCII digits {@code 0-9}. Other Unicode digits (for example
     * full-width ０-９) and surrounding whitespace are not accepted.
     */
    public static boolean isDigits(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when every character of {@code value} is {@code '0'}. */
    public static boolean isAllZeros(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
