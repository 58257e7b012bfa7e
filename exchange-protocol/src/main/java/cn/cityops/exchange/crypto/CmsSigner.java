package cn.cityops.exchange.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Creates detached CMS SignedData signatures (RFC 5652) in the exchange signature profile:
 * <ul>
 *   <li>eContentType id-data, no eContent (detached);</li>
 *   <li>one SignerInfo (version 1), signer identified by IssuerAndSerialNumber;</li>
 *   <li>signed attributes contentType, messageDigest and signingTime, DER-sorted;</li>
 *   <li>digest SM3 with signature SM2-with-SM3 (1.2.156.10197.1.501, user ID {@code 1234567812345678}), or SHA-256
 *       with ecdsa-with-SHA256; algorithm parameters absent;</li>
 *   <li>the certificates field holds the signer certificate only; no CRLs.</li>
 * </ul>
 * Everything that does not depend on the content (signer identifier, algorithm identifiers, the encoded certificate,
 * the contentType attribute) is built once, and each thread keeps one signature engine initialised with the key:
 * initialising an SM2 engine derives the public point from the private key (a full scalar multiplication) and the
 * SM2 user hash Z, which cost four to eight times as much as the signature itself. Thread-safe.
 */
public final class CmsSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SignatureAlgorithm algorithm;
    private final Clock clock;
    private final SignerIdentifier signerId;
    private final AlgorithmIdentifier digestAlgorithm;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final ASN1Set digestAlgorithms;
    private final ASN1Set certificates;
    private final Attribute contentTypeAttribute;
    private final ContentInfo detachedData;
    /** Per thread: an engine initialised for signing with {@link #key}; after sign() it is ready for the next. */
    private final ThreadLocal<Signature> engines = new ThreadLocal<>();

    /**
     * @param key        the signer's private key
     * @param signerCert the signer's certificate; its public key must belong to {@code key}
     * @param alg        the algorithm; must match the curve of the certificate's key
     * @throws IllegalArgumentException if the key, certificate and algorithm do not fit together
     */
    public CmsSigner(PrivateKey key, X509Certificate signerCert, SignatureAlgorithm alg) {
        this(key, signerCert, alg, Clock.systemUTC());
    }

    /** As {@link #CmsSigner(PrivateKey, X509Certificate, SignatureAlgorithm)}, with the clock for signingTime. */
    public CmsSigner(PrivateKey key, X509Certificate signerCert, SignatureAlgorithm alg, Clock clock) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signerCert, "signerCert");
        Objects.requireNonNull(alg, "alg");
        this.clock = Objects.requireNonNull(clock, "clock");
        SignatureAlgorithm certAlg = SignatureAlgorithm.of(signerCert.getPublicKey());
        if (certAlg != alg) {
            throw new IllegalArgumentException("signer certificate has a " + certAlg.curveName() + " key but the "
                    + "algorithm is " + alg.configName());
        }
        try {
            this.key = Cms.toBcPrivateKey(key);
            this.certificate = signerCert;
            this.algorithm = alg;
            Certificate cert = Certificate.getInstance(signerCert.getEncoded());
            this.signerId = new SignerIdentifier(new IssuerAndSerialNumber(cert));
            this.certificates = new DERSet(cert);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unusable signer key or certificate: " + e.getMessage(), e);
        }
        this.digestAlgorithm = alg.digestAlgorithmIdentifier();
        this.signatureAlgorithm = alg.signatureAlgorithmIdentifier();
        this.digestAlgorithms = new DERSet(digestAlgorithm);
        this.contentTypeAttribute = new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data));
        this.detachedData = new ContentInfo(CMSObjectIdentifiers.data, null);
        requireMatchingKey(signerCert.getPublicKey());
    }

    /** The signer certificate embedded in every signature. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The signature algorithm. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs {@code content}.
     *
     * @return DER-encoded ContentInfo holding a detached SignedData
     */
    public byte[] signDetached(byte[] content) {
        Objects.requireNonNull(content, "content");
        byte[] digest = Cms.digest(algorithm, content);
        ASN1EncodableVector attributes = new ASN1EncodableVector(3);
        attributes.add(contentTypeAttribute);
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
        attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
        DERSet signedAttributes = new DERSet(attributes); // DER: sorted SET OF
        try {
            byte[] value = sign(signedAttributes.getEncoded(ASN1Encoding.DER));
            SignerInfo signerInfo = new SignerInfo(signerId, digestAlgorithm, signedAttributes, signatureAlgorithm,
                    new DEROctetString(value), null);
            SignedData signedData = new SignedData(digestAlgorithms, detachedData, certificates, null,
                    new DERSet(signerInfo));
            return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("CMS signing failed: " + e.getMessage(), e);
        }
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature engine = engines.get();
        if (engine == null) {
            engine = Cms.newSignature(algorithm);
            engine.initSign(key, RANDOM);
            engines.set(engine);
        }
        try {
            engine.update(data);
            return engine.sign(); // leaves the engine initialised for the next signature (JCA Signature contract)
        } catch (GeneralSecurityException | RuntimeException e) {
            engines.remove(); // state unknown: the next signature on this thread starts from a fresh engine
            throw e;
        }
    }

    private void requireMatchingKey(PublicKey publicKey) {
        try {
            byte[] probe = "cityops key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Cms.newSignature(algorithm);
            signer.initSign(key, RANDOM);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Cms.newSignature(algorithm);
            verifier.initVerify(Cms.toBcPublicKey(publicKey));
            verifier.update(probe);
            if (!verifier.verify(sig)) {
                throw new IllegalArgumentException("private key does not belong to the signer certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable signer key: " + e.getMessage(), e);
        }
    }
}
