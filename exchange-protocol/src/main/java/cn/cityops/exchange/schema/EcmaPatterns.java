package cn.cityops.exchange.schema;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates the supported subset of ECMA-262 regular expressions (SPEC.md §6.2) to {@link java.util.regex}.
 * Supported: literals, {@code .}, {@code ^}, {@code $} (end of input, as in ECMA-262), character classes with
 * ranges and negation, {@code \d \D \w \W \s \S \b \B \n \r \t \f}, {@code \xHH}, <code>&#92;uHHHH</code>,
 * escaped syntax characters ({@code \-} only inside a class), groups {@code (…)}, {@code (?:…)}, look-ahead
 * {@code (?=…)} {@code (?!…)}, look-behind {@code (?<=…)} {@code (?<!…)}, alternation and the quantifiers
 * {@code * + ? {n} {n,} {n,m}} with optional lazy {@code ?}. Everything whose meaning differs between the dialects,
 * or that ECMA-262 unicode mode refuses, is refused: back-references, named groups, {@code \p{…}}, {@code \v},
 * {@code \0}, {@code \c}, letter escapes unknown to ECMA-262 ({@code \A \z \Q …}), possessive quantifiers, nested
 * classes, {@code &&}, empty classes, unmatched {@code ] { }} and inline flags.
 */
final class EcmaPatterns {

    private EcmaPatterns() {
    }

    /**
     * Compiles an ECMA-262 pattern of the subset. Matching uses {@code find()} (JSON Schema patterns are not
     * anchored implicitly).
     *
     * @throws IllegalArgumentException naming the refused construct
     */
    static Pattern compile(String ecma) {
        String java = toJava(ecma);
        try {
            return Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern: " + e.getDescription());
        }
    }

    static String toJava(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int n = p.length();
        boolean inClass = false;
        boolean afterQuantifier = false;
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw refuse("a trailing backslash");
                }
                char e = p.charAt(i + 1);
                int length = escapeLength(p, i, e, inClass);
                out.append(p, i, i + length);
                i += length;
                afterQuantifier = false;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    throw refuse("'[' inside a character class (escape it as \\[)");
                }
                if (c == '&' && i + 1 < n && p.charAt(i + 1) == '&') {
                    throw refuse("'&&' inside a character class");
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                i++;
                continue;
            }
            if (afterQuantifier && c == '+') {
                throw refuse("a possessive quantifier");
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && p.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < n && p.charAt(i) == ']') {
                        throw refuse("an empty character class or ']' first in a class (escape it as \\])");
                    }
                    afterQuantifier = false;
                }
                case '$' -> {
                    out.append("\\z");
                    i++;
                    afterQuantifier = false;
                }
                case '(' -> {
                    if (i + 1 < n && p.charAt(i + 1) == '?') {
                        String rest = p.substring(i);
                        int len;
                        if (rest.startsWith("(?:") || rest.startsWith("(?=") || rest.startsWith("(?!")) {
                            len = 3;
                        } else if (rest.startsWith("(?<=") || rest.startsWith("(?<!")) {
                            len = 4;
                        } else {
                            throw refuse("the group syntax " + rest.substring(0, Math.min(4, rest.length())));
                        }
                        out.append(p, i, i + len);
                        i += len;
                    } else {
                        out.append('(');
                        i++;
                    }
                    afterQuantifier = false;
                }
                case '*', '+', '?' -> {
                    out.append(c);
                    i++;
                    if (afterQuantifier && c == '?') {
                        afterQuantifier = false; // lazy modifier
                    } else {
                        afterQuantifier = true;
                    }
                }
                case '{' -> {
                    int close = p.indexOf('}', i);
                    if (close < 0 || !p.substring(i + 1, close).matches("[0-9]+(,[0-9]*)?")) {
                        throw refuse("a '{' that is not a quantifier {n}, {n,} or {n,m} (escape it as \\{)");
                    }
                    out.append(p, i, close + 1);
                    i = close + 1;
                    afterQuantifier = true;
                }
                case '}' -> throw refuse("an unmatched '}' (escape it as \\})");
                case ']' -> throw refuse("an unmatched ']' (escape it as \\])");
                default -> {
                    out.append(c);
                    i++;
                    afterQuantifier = false;
                }
            }
        }
        if (inClass) {
            throw refuse("an unterminated character class");
        }
        return out.toString();
    }

    private static int escapeLength(String p, int at, char e, boolean inClass) {
        switch (e) {
            case 'd', 'D', 'w', 'W', 's', 'S', 'n', 'r', 't', 'f' -> {
                return 2;
            }
            case 'b', 'B' -> {
                if (inClass) {
                    throw refuse("\\" + e + " inside a character class");
                }
                return 2;
            }
            case 'x' -> {
                requireHex(p, at + 2, 2, "\\x");
                return 4;
            }
            case 'u' -> {
                requireHex(p, at + 2, 4, "\\u");
                return 6;
            }
            default -> {
                if ("^$\\.*+?()[]{}|/".indexOf(e) >= 0 || (e == '-' && inClass)) {
                    return 2; // identity escapes valid in ECMA-262 unicode mode
                }
                throw refuse("the escape \\" + e);
            }
        }
    }

    private static void requireHex(String p, int from, int count, String what) {
        if (from + count > p.length()) {
            throw refuse("an incomplete " + what + " escape");
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(p.charAt(i), 16) < 0) {
                throw refuse("an invalid " + what + " escape");
            }
        }
    }

    private static IllegalArgumentException refuse(String what) {
        return new IllegalArgumentException("pattern uses " + what + ", which is outside the supported subset");
    }
}
