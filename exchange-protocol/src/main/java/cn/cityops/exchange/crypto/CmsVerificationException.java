package cn.cityops.exchange.crypto;

/** A CMS signature was refused; {@link #reason()} says which check failed, the message says why in plain words. */
public final class CmsVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** Not a well-formed detached SignedData in the exchange profile (also: garbage bytes, missing certificate). */
        MALFORMED,
        /** The messageDigest attribute does not match the content: the content was changed. */
        DIGEST_MISMATCH,
        /** The signature value does not verify with the embedded certificate's public key. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public CmsVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CmsVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Which check failed. */
    public Reason reason() {
        return reason;
    }
}
