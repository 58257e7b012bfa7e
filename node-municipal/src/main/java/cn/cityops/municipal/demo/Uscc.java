package cn.cityops.municipal.demo;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, organisation type, 6-digit division, 9-character
 * organisation code and a check character. The generator makes well-formed, fictitious ones.
 */
public final class Uscc {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Uscc() {
    }

    /** The full code for the first 17 characters. */
    public static String withCheck(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return first17 + ALPHABET.charAt(check);
    }

    /** True for an 18-character code whose check character is right. */
    public static boolean valid(String code) {
        return code != null && code.length() == 18 && withCheck(code.substring(0, 17)).equals(code);
    }

    /**
     * A fictitious code: {@code kind} = registration authority + type ("11" 机关, "12" 事业单位, "91" 企业),
     * {@code division} 6 digits, the organisation code drawn from {@code rnd}.
     */
    static String make(String kind, String division, java.util.Random rnd) {
        StringBuilder b = new StringBuilder(kind).append(division);
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(rnd.nextInt(10 + (i == 0 ? 0 : 21))));
        }
        b.append(ALPHABET.charAt(rnd.nextInt(10)));
        return withCheck(b.toString());
    }
}
