package cn.cityops.exchange.pki;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 5280 CRLReason codes the federation CA accepts when revoking a node certificate, with their RFC names
 * ({@code keyCompromise}, …) as used on the command line and in the CA register.
 */
public final class CrlReasons {

    /** {@code unspecified} (0); not written into the CRL entry, as RFC 5280 recommends. */
    public static final int UNSPECIFIED = 0;
    /** {@code keyCompromise} (1). */
    public static final int KEY_COMPROMISE = 1;
    /** {@code affiliationChanged} (3). */
    public static final int AFFILIATION_CHANGED = 3;
    /** {@code superseded} (4). */
    public static final int SUPERSEDED = 4;
    /** {@code cessationOfOperation} (5). */
    public static final int CESSATION_OF_OPERATION = 5;
    /** {@code privilegeWithdrawn} (9). */
    public static final int PRIVILEGE_WITHDRAWN = 9;

    private static final Map<String, Integer> CODES = new LinkedHashMap<>();

    static {
        CODES.put("unspecified", UNSPECIFIED);
        CODES.put("keyCompromise", KEY_COMPROMISE);
        CODES.put("affiliationChanged", AFFILIATION_CHANGED);
        CODES.put("superseded", SUPERSEDED);
        CODES.put("cessationOfOperation", CESSATION_OF_OPERATION);
        CODES.put("privilegeWithdrawn", PRIVILEGE_WITHDRAWN);
    }

    private CrlReasons() {
    }

    /** Accepted names, in code order. */
    public static Set<String> names() {
        return CODES.keySet();
    }

    /**
     * The code of a reason name.
     *
     * @throws IllegalArgumentException for names not in {@link #names()}
     */
    public static int code(String name) {
        Integer code = CODES.get(name);
        if (code == null) {
            throw new IllegalArgumentException("unknown revocation reason '" + name + "', expected one of "
                    + String.join(", ", CODES.keySet()));
        }
        return code;
    }

    /**
     * The name of an accepted code.
     *
     * @throws IllegalArgumentException for codes not accepted for node certificates
     */
    public static String name(int code) {
        for (Map.Entry<String, Integer> entry : CODES.entrySet()) {
            if (entry.getValue() == code) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("revocation reason code " + code + " is not accepted for node "
                + "certificates, expected one of " + CODES);
    }
}
