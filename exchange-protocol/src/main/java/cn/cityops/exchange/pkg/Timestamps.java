package cn.cityops.exchange.pkg;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Timestamps of the protocol: RFC 3339 in UTC with {@code Z} and exactly three fraction digits, for example
 * {@code 2026-11-21T08:00:00.123Z} (years 0000–9999). Used for {@code createdAt} and every timestamp in payloads.
 */
public final class Timestamps {

    private static final Pattern SHAPE =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {
    }

    /** Truncates to whole milliseconds, the precision of the protocol. */
    public static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Formats an instant, truncated to milliseconds.
     *
     * @throws IllegalArgumentException if the year is outside 0000–9999
     */
    public static String format(Instant t) {
        Objects.requireNonNull(t, "instant");
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new IllegalArgumentException("instant " + t + " is outside the years 0000-9999");
        }
        return FORMAT.format(LocalDateTime.ofInstant(truncate(t), ZoneOffset.UTC));
    }

    /**
     * Parses a protocol timestamp; nothing else (no offsets, no other precision, no lowercase {@code t}/{@code z}).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static Instant parse(String s) {
        if (s == null || s.length() != 24 || !SHAPE.matcher(s).matches()) {
            throw new IllegalArgumentException("must be an RFC 3339 UTC timestamp with milliseconds such as "
                    + "2026-11-21T08:00:00.123Z, got " + quote(s));
        }
        try {
            return LocalDateTime.parse(s, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a valid date and time: " + quote(s), e);
        }
    }

    /** True if {@link #parse(String)} accepts the value. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "'" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "'";
    }
}
