package cn.cityops.exchange.verify;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import cn.cityops.exchange.crypto.CmsVerificationException;
import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.MalformedPackageException;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.pki.FederationTrust;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.exchange.pki.TrustException;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;

/**
 * The receiver's checks, in the order SPEC.md §8 fixes: size, envelope, protocol, type, schema version, receiver,
 * sender known, signature with the embedded certificate, certificate trust (chain, validity, revocation) and its
 * subject against the sender, payload digest, freshness, payload schema. Nothing is stored here; a package either
 * comes out verified or the first failed check is thrown as a coded rejection. Thread-safe.
 */
public final class PackageVerifier {

    /** Type of the directory update, the one package a node accepts from a sender not yet in its directory. */
    public static final String DIRECTORY_UPDATE = "directory.update";

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final NodeId self;
    private final int maxBytes;
    private final Duration freshness;
    private final PackageTypes types;
    private final Supplier<FederationTrust> trust;
    private final Predicate<NodeId> knownSender;
    private final BiPredicate<NodeId, NodeId> onRoute;
    private final Clock clock;

    /**
     * @param onRoute     whether this node lies on the route from a sender to a receiver other than itself (§12)
     * @param knownSender whether a sender is in this node's directory
     */
    public PackageVerifier(NodeId self, int maxBytes, Duration freshness, PackageTypes types,
            Supplier<FederationTrust> trust, Predicate<NodeId> knownSender, BiPredicate<NodeId, NodeId> onRoute,
            Clock clock) {
        this.self = Objects.requireNonNull(self);
        this.maxBytes = maxBytes;
        this.freshness = freshness;
        this.types = types;
        this.trust = trust;
        this.knownSender = knownSender;
        this.onRoute = onRoute;
        this.clock = clock;
    }

    public VerifiedPackage verify(byte[] wire) throws PackageRejectedException {
        SignedPackage signed;
        try {
            signed = SignedPackage.fromWire(wire, maxBytes);
        } catch (MalformedPackageException e) {
            throw new PackageRejectedException(e.code(), e.getMessage(), null);
        }
        DataPackage pkg = signed.pkg();
        Envelope env = pkg.envelope();
        var type = types.find(env.type()).orElseThrow(() -> reject(RejectionCode.PKG_UNKNOWN_TYPE,
                "package type '" + env.type() + "' is not in the registry", env));
        if (!type.schemaVersions().contains(env.schemaVersion())) {
            throw reject(RejectionCode.PKG_UNSUPPORTED_SCHEMA_VERSION, "schema version " + env.schemaVersion()
                    + " of '" + env.type() + "' is not supported; supported: " + type.schemaVersions(), env);
        }
        boolean forMe = env.receiver().equals(self);
        if (!forMe && !onRoute.test(env.sender(), env.receiver())) {
            throw reject(RejectionCode.PKG_WRONG_RECEIVER, "package from " + env.sender() + " is addressed to "
                    + env.receiver() + "; this node (" + self + ") is neither the receiver nor on the route", env);
        }
        boolean directoryFromNational = DIRECTORY_UPDATE.equals(env.type()) && env.sender().equals(NodeId.NATIONAL);
        if (!directoryFromNational && !knownSender.test(env.sender())) {
            throw reject(RejectionCode.PKG_UNKNOWN_SENDER, "sender " + env.sender()
                    + " is not in this node's directory", env);
        }
        CmsVerifier.SignedBy by;
        try {
            by = CmsVerifier.verify(pkg.canonicalBytes(), signed.signature());
        } catch (CmsVerificationException e) {
            throw reject(RejectionCode.SIG_INVALID, "signature does not verify: " + e.getMessage(), env);
        }
        NodeIdentity signer = checkCertificate(by.certificate(), env);
        if (DIRECTORY_UPDATE.equals(env.type()) && signer.level() != NodeLevel.NATIONAL) {
            throw reject(RejectionCode.CERT_SENDER_MISMATCH, "a directory update must be signed by the national "
                    + "node's certificate", env);
        }
        if (!pkg.payloadDigestMatches()) {
            throw reject(RejectionCode.PKG_DIGEST_MISMATCH, "payloadDigest does not match the payload", env);
        }
        Instant now = clock.instant();
        Instant signedAt = by.signingTime() == null ? env.createdAt() : by.signingTime();
        if (signedAt.isBefore(now.minus(freshness)) || signedAt.isAfter(now.plus(CLOCK_SKEW))
                || env.createdAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw reject(RejectionCode.PKG_STALE, "signed at " + signedAt + ", created at " + env.createdAt()
                    + "; accepted window is " + freshness + " back and " + CLOCK_SKEW + " ahead of " + now, env);
        }
        List<String> issues = types.validate(env.type(), env.schemaVersion(), pkg.payload());
        if (!issues.isEmpty()) {
            throw reject(RejectionCode.PAYLOAD_SCHEMA_INVALID, "payload does not match the schema of '"
                    + env.type() + "' v" + env.schemaVersion() + ": " + String.join("; ", issues), env);
        }
        return new VerifiedPackage(signed, wire, signer, signedAt, forMe);
    }

    private NodeIdentity checkCertificate(X509Certificate cert, Envelope env) throws PackageRejectedException {
        NodeIdentity identity;
        try {
            identity = trust.get().validate(cert, clock.instant());
        } catch (TrustException e) {
            throw reject(RejectionCode.valueOf(e.code().name()), "signer certificate refused: " + e.getMessage(), env);
        }
        if (!identity.nodeId().equals(env.sender().value())) {
            throw reject(RejectionCode.CERT_SENDER_MISMATCH, "package claims sender " + env.sender()
                    + " but is signed by node " + identity.nodeId(), env);
        }
        return identity;
    }

    private static PackageRejectedException reject(RejectionCode code, String reason, Envelope env) {
        return new PackageRejectedException(code, reason, env);
    }
}
