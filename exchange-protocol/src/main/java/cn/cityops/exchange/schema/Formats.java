package cn.cityops.exchange.schema;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The asserted {@code format} values (SPEC.md §6.2): {@code date-time} and {@code date} (RFC 3339; no leap
 * seconds), {@code uuid} (RFC 9562 textual form, either case) and {@code uri} (absolute URI, ASCII only).
 */
enum Formats {
    /** RFC 3339 {@code date-time}: any offset, optional fraction. */
    DATE_TIME("date-time", "a date-time (RFC 3339)"),
    /** RFC 3339 {@code full-date}. */
    DATE("date", "a date (RFC 3339 full-date, YYYY-MM-DD)"),
    /** 8-4-4-4-12 hexadecimal digits. */
    UUID("uuid", "a UUID"),
    /** Absolute URI (RFC 3986), ASCII only. */
    URI_FORMAT("uri", "an absolute URI");

    private final String keyword;
    private final String description;

    Formats(String keyword, String description) {
        this.keyword = keyword;
        this.description = description;
    }

    /** The value of the {@code format} keyword. */
    String keyword() {
        return keyword;
    }

    /** Noun phrase for messages: "must be " + description. */
    String description() {
        return description;
    }

    static Formats byKeyword(String keyword) {
        for (Formats f : values()) {
            if (f.keyword.equals(keyword)) {
                return f;
            }
        }
        return null;
    }

    boolean test(String s) {
        return switch (this) {
            case DATE_TIME -> dateTime(s);
            case DATE -> s.length() == 10 && date(s);
            case UUID -> uuid(s);
            case URI_FORMAT -> uri(s);
        };
    }

    private static boolean date(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= daysIn(year, month);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean dateTime(String s) {
        int n = s.length();
        if (n < 20 || !date(s)) {
            return false;
        }
        char t = s.charAt(10);
        if (t != 'T' && t != 't') {
            return false;
        }
        if (s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i >= n) {
            return false;
        }
        char z = s.charAt(i);
        if (z == 'Z' || z == 'z') {
            return i + 1 == n;
        }
        if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            return oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
        }
        return false;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean uuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }

    private static boolean uri(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        char first = s.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        try {
            return new URI(s).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
