package cn.cityops.exchange.pkg;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import cn.cityops.model.node.NodeId;

/**
 * A package, wire document or JSON value could not be accepted before any signature or schema check: it is not
 * well-formed, breaks the canonical profile, names an unsupported protocol, or is too large. Carries the
 * {@link RejectionCode} for the rejection receipt and an English message that names the field or position.
 *
 * <p>When the envelope could be read partly, the exception also carries what a rejection receipt needs on a best
 * effort basis: the package id, its sender and the digest of the package object as received.
 */
public class MalformedPackageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    private UUID packageId;
    private String senderId;
    private String packageDigest;

    /** A {@link RejectionCode#PKG_MALFORMED} problem. */
    public MalformedPackageException(String message) {
        this(RejectionCode.PKG_MALFORMED, message);
    }

    /**
     * @param code    the rejection code to report
     * @param message English message naming the field or byte position
     */
    public MalformedPackageException(RejectionCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The rejection code to put into the receipt. */
    public RejectionCode code() {
        return code;
    }

    /** Id of the refused package, when it could be read. */
    public Optional<UUID> packageId() {
        return Optional.ofNullable(packageId);
    }

    /** Sender of the refused package, when it could be read. */
    public Optional<NodeId> sender() {
        return Optional.ofNullable(senderId).map(NodeId::of);
    }

    /** {@code sha256:…} digest of the canonical package object as received, when it could be computed. */
    public Optional<String> packageDigest() {
        return Optional.ofNullable(packageDigest);
    }

    /** Records what is known about the refused package (nulls are ignored); returns this exception. */
    MalformedPackageException withContext(UUID id, NodeId sender, String digest) {
        if (id != null && packageId == null) {
            packageId = id;
        }
        if (sender != null && senderId == null) {
            senderId = sender.value();
        }
        if (digest != null && packageDigest == null) {
            packageDigest = digest;
        }
        return this;
    }
}
