package cn.cityops.exchange.pkg;

/**
 * Stable rejection codes of the exchange protocol (SPEC.md §10). The names travel in rejection receipts and never
 * change meaning; new codes only arrive with a new receipt schema version.
 *
 * <p>{@link #httpStatus()} is the HTTP status of the HTTPS binding; {@link #retryable()} says whether the sender may
 * retry the <em>same signed bytes</em> later (the cause can go away on the receiver's side without anybody touching
 * the package). Every other code sends the package to the sender's dead letters for an operator.
 */
public enum RejectionCode {

    /** The wire document is larger than the receiver's limit; checked before parsing. */
    PKG_TOO_LARGE(413, false, "the wire document exceeds the receiver's size limit"),
    /** Not a well-formed wire document: invalid JSON or UTF-8, duplicate names, non-integer numbers, bad fields. */
    PKG_MALFORMED(422, false, "the wire document or the envelope is malformed or breaks the canonical profile"),
    /** The protocol name or major version is not one the receiver speaks. */
    PKG_UNSUPPORTED_PROTOCOL(422, false, "the protocol name or its major version is not supported"),
    /** The package type is not in the receiver's registry. */
    PKG_UNKNOWN_TYPE(422, false, "the package type is not in the receiver's registry"),
    /** The receiver does not know this schema version of the type; the reason lists the versions it supports. */
    PKG_UNSUPPORTED_SCHEMA_VERSION(422, false, "the receiver does not support this schema version of the type"),
    /** The receiver is neither this node nor a node reached through it. */
    PKG_WRONG_RECEIVER(422, false, "the package is addressed to a node that is neither this node nor behind it"),
    /** The sender is not in the receiver's node directory (may be a directory not yet updated). */
    PKG_UNKNOWN_SENDER(422, true, "the sender is not in the receiver's node directory"),
    /** The signer certificate is outside its validity period. */
    CERT_EXPIRED(422, false, "the signer certificate is expired or not yet valid"),
    /** The signer certificate is on the federation CRL. */
    CERT_REVOKED(422, false, "the signer certificate is revoked"),
    /** The signer certificate does not chain to the federation root or breaks the certificate profile. */
    CERT_UNTRUSTED(422, false, "the signer certificate does not chain to the federation root or breaks the profile"),
    /** The node id in the certificate subject is not the envelope sender. */
    CERT_SENDER_MISMATCH(422, false, "the certificate subject node id differs from the envelope sender"),
    /** The CMS signature does not verify over the canonical package bytes. */
    SIG_INVALID(422, false, "the CMS signature does not verify over the canonical package bytes"),
    /** {@code payloadDigest} is not the SHA-256 of the canonical payload. */
    PKG_DIGEST_MISMATCH(422, false, "payloadDigest is not the SHA-256 of the canonical payload"),
    /** {@code createdAt} is outside the freshness window, in the past or in the future (replay protection). */
    PKG_STALE(422, false, "the signing time is outside the receiver's freshness window (past or future), or createdAt lies ahead"),
    /** The payload does not match the JSON Schema of its type and schema version. */
    PAYLOAD_SCHEMA_INVALID(422, false, "the payload does not match the schema of its type and version"),
    /** A package with the same id but a different digest was already stored. */
    PKG_ID_CONFLICT(422, false, "a different package with the same id was stored before"),
    /** The receiver is behind this node but no route to it is known (may be a directory not yet updated). */
    PKG_NOT_ROUTABLE(422, true, "the package should pass through this node but the next hop is unknown");

    private final int httpStatus;
    private final boolean retryable;
    private final String meaning;

    RejectionCode(int httpStatus, boolean retryable, String meaning) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.meaning = meaning;
    }

    /** HTTP status of the HTTPS binding for a rejection with this code: 413 for {@link #PKG_TOO_LARGE}, else 422. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * True if the sender may retry the same signed bytes with backoff (the cause may disappear on the receiver's
     * side); false if the package goes to the dead letters for an operator.
     */
    public boolean retryable() {
        return retryable;
    }

    /** One-line English meaning, as in the spec's table. */
    public String meaning() {
        return meaning;
    }
}
