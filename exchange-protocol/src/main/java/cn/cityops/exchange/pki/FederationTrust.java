package cn.cityops.exchange.pki;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.operator.ContentVerifierProvider;

import cn.cityops.exchange.pki.TrustException.Code;

/**
 * The federation trust anchor (the root certificate) and, optionally, the root's current CRL. Decides whether a
 * certificate is a valid node certificate at a given instant:
 * <ol>
 *   <li>issued by the root (issuer name) and signed with the root's key, an end-entity certificate whose subject is a
 *       valid {@link NodeIdentity} — otherwise {@link Code#CERT_UNTRUSTED};</li>
 *   <li>the root and the certificate are inside their validity periods — otherwise {@link Code#CERT_EXPIRED};</li>
 *   <li>its serial is not on the CRL — otherwise {@link Code#CERT_REVOKED}.</li>
 * </ol>
 * Step 1 is the expensive one (a signature verification); its successful result is cached per certificate (keyed by
 * the SHA-256 of the encoding) for {@link #CACHE_TTL}. Steps 2 and 3 run on every call. Instances are immutable;
 * {@link #withCrl(X509CRL)} returns a new one (sharing the cache, which does not depend on the CRL). Thread-safe.
 */
public final class FederationTrust {

    /** How long a successful chain check is remembered. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(10);
    private static final int CACHE_MAX = 4096;

    private final X509Certificate root;
    private final ContentVerifierProvider rootVerifier;
    private final Optional<X509CRL> crl;
    private final Map<BigInteger, X509CRLEntry> revoked;
    private final Map<ByteBuffer, Checked> cache;

    private record Checked(NodeIdentity identity, long expiresAtNanos) {
    }

    /**
     * @param root the federation root certificate (self-signed CA)
     * @param crl  the root's CRL, if one is available
     * @throws IllegalArgumentException if {@code root} is not a self-signed CA certificate or the CRL is not the root's
     */
    public FederationTrust(X509Certificate root, Optional<X509CRL> crl) {
        this(requireRoot(root), Certs.verifierFor(root.getPublicKey()), Objects.requireNonNull(crl, "crl"),
                new ConcurrentHashMap<>());
    }

    private FederationTrust(X509Certificate root, ContentVerifierProvider rootVerifier, Optional<X509CRL> crl,
            Map<ByteBuffer, Checked> cache) {
        this.root = root;
        this.rootVerifier = rootVerifier;
        crl.ifPresent(this::requireRootCrl);
        this.crl = crl;
        this.revoked = crl.map(FederationTrust::revokedEntries).orElse(Map.of());
        this.cache = cache;
    }

    /** The trust anchor. */
    public X509Certificate root() {
        return root;
    }

    /** The CRL in force, if any. */
    public Optional<X509CRL> crl() {
        return crl;
    }

    /**
     * The same trust with a newer CRL.
     *
     * @throws IllegalArgumentException if the CRL is not issued and signed by the root, or is older than the current
     *                                  one (lower CRL number, or earlier thisUpdate)
     */
    public FederationTrust withCrl(X509CRL newCrl) {
        Objects.requireNonNull(newCrl, "crl");
        requireRootCrl(newCrl);
        if (crl.isPresent()) {
            X509CRL current = crl.get();
            BigInteger currentNumber = crlNumber(current);
            BigInteger newNumber = crlNumber(newCrl);
            if (currentNumber != null && newNumber != null && newNumber.compareTo(currentNumber) < 0) {
                throw new IllegalArgumentException("CRL number " + newNumber + " is older than the current CRL's "
                        + currentNumber);
            }
            if (newCrl.getThisUpdate().before(current.getThisUpdate())) {
                throw new IllegalArgumentException("CRL issued " + newCrl.getThisUpdate().toInstant()
                        + " is older than the current CRL issued " + current.getThisUpdate().toInstant());
            }
        }
        return new FederationTrust(root, rootVerifier, Optional.of(newCrl), cache);
    }

    /**
     * Checks that {@code cert} is a valid node certificate at {@code at}.
     *
     * @return the node identity the certificate asserts
     * @throws TrustException with the code of the first failed check
     */
    public NodeIdentity validate(X509Certificate cert, Instant at) throws TrustException {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(at, "at");
        NodeIdentity identity = chainCheck(cert);
        if (at.isBefore(root.getNotBefore().toInstant()) || at.isAfter(root.getNotAfter().toInstant())) {
            throw new TrustException(Code.CERT_EXPIRED, "the federation root certificate is not valid at " + at
                    + " (valid " + root.getNotBefore().toInstant() + " to " + root.getNotAfter().toInstant() + ")");
        }
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (at.isAfter(notAfter)) {
            throw new TrustException(Code.CERT_EXPIRED, "certificate " + IssuedCert.hex(cert.getSerialNumber())
                    + " of node " + identity + " expired at " + notAfter);
        }
        if (at.isBefore(notBefore)) {
            throw new TrustException(Code.CERT_EXPIRED, "certificate " + IssuedCert.hex(cert.getSerialNumber())
                    + " of node " + identity + " is not valid before " + notBefore);
        }
        X509CRLEntry entry = revoked.get(cert.getSerialNumber());
        if (entry != null) {
            throw new TrustException(Code.CERT_REVOKED, "certificate " + IssuedCert.hex(cert.getSerialNumber())
                    + " of node " + identity + " was revoked at " + entry.getRevocationDate().toInstant()
                    + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
        }
        return identity;
    }

    private NodeIdentity chainCheck(X509Certificate cert) throws TrustException {
        byte[] encoded;
        try {
            encoded = cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TrustException(Code.CERT_UNTRUSTED, "certificate cannot be encoded: " + e.getMessage());
        }
        ByteBuffer key = ByteBuffer.wrap(sha256(encoded));
        long now = System.nanoTime();
        Checked checked = cache.get(key);
        if (checked != null && now - checked.expiresAtNanos() < 0) {
            return checked.identity();
        }
        if (!cert.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            throw new TrustException(Code.CERT_UNTRUSTED, "certificate is issued by '"
                    + cert.getIssuerX500Principal().getName() + "', not by the federation root");
        }
        if (!Certs.signedBy(cert, rootVerifier)) {
            throw new TrustException(Code.CERT_UNTRUSTED, "certificate " + IssuedCert.hex(cert.getSerialNumber())
                    + " names the federation root as issuer but its signature does not verify with the root key");
        }
        if (cert.getBasicConstraints() >= 0) {
            throw new TrustException(Code.CERT_UNTRUSTED, "a CA certificate cannot sign exchange data");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && !keyUsage[0] && !keyUsage[1]) {
            throw new TrustException(Code.CERT_UNTRUSTED, "certificate key usage allows neither digitalSignature "
                    + "nor nonRepudiation");
        }
        NodeIdentity identity;
        try {
            identity = NodeIdentity.fromCertificate(cert);
        } catch (IllegalArgumentException e) {
            throw new TrustException(Code.CERT_UNTRUSTED, e.getMessage());
        }
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Checked(identity, now + CACHE_TTL.toNanos()));
        return identity;
    }

    private void requireRootCrl(X509CRL candidate) {
        if (!candidate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            throw new IllegalArgumentException("CRL is issued by '" + candidate.getIssuerX500Principal().getName()
                    + "', not by the federation root");
        }
        if (!Certs.signedBy(candidate, root.getPublicKey())) {
            throw new IllegalArgumentException("CRL signature does not verify with the federation root key");
        }
    }

    private static X509Certificate requireRoot(X509Certificate root) {
        Objects.requireNonNull(root, "root");
        if (!Certs.isSelfSignedCa(root)) {
            throw new IllegalArgumentException("'" + root.getSubjectX500Principal().getName()
                    + "' is not a self-signed CA certificate");
        }
        return root;
    }

    private static Map<BigInteger, X509CRLEntry> revokedEntries(X509CRL crl) {
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries == null || entries.isEmpty()) {
            return Map.of();
        }
        Map<BigInteger, X509CRLEntry> bySerial = new HashMap<>();
        for (X509CRLEntry entry : entries) {
            bySerial.put(entry.getSerialNumber(), entry);
        }
        return Collections.unmodifiableMap(bySerial);
    }

    /** The CRL number extension, or null when absent or unreadable. */
    static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (ext == null) {
            return null;
        }
        try {
            return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
