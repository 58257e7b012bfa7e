package cn.cityops.exchange.verify;

import java.util.Optional;

import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.RejectionCode;

/** A package failed verification; {@link #code()} is the stable rejection code sent back in the signed receipt. */
public final class PackageRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    private final transient Envelope envelope;

    public PackageRejectedException(RejectionCode code, String reason, Envelope envelope) {
        super(reason);
        this.code = code;
        this.envelope = envelope;
    }

    public RejectionCode code() {
        return code;
    }

    /** The envelope, when it could be parsed before the package was refused. */
    public Optional<Envelope> envelope() {
        return Optional.ofNullable(envelope);
    }
}
