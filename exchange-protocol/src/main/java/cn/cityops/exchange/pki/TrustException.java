package cn.cityops.exchange.pki;

import java.util.Objects;

/** A certificate is not accepted as a federation node certificate; {@link #code()} is the stable rejection code. */
public final class TrustException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Code {
        /** Outside its validity period (expired or not yet valid), or the root itself is. */
        CERT_EXPIRED,
        /** Listed on the federation CRL. */
        CERT_REVOKED,
        /** Not issued and signed by the federation root, not an end-entity certificate, or not a node identity. */
        CERT_UNTRUSTED
    }

    private final Code code;

    public TrustException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Why the certificate was refused. */
    public Code code() {
        return code;
    }
}
