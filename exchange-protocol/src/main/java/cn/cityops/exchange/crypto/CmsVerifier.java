package cn.cityops.exchange.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import cn.cityops.exchange.crypto.CmsVerificationException.Reason;

/**
 * Verifies detached CMS SignedData signatures of the exchange profile: a SignedData with id-data and no eContent,
 * exactly one signer whose certificate is embedded, signed attributes with contentType id-data and a messageDigest
 * equal to the digest of the content, and a signature value that verifies with the embedded certificate's key.
 * <p>
 * It does <em>not</em> decide whether the certificate is trusted; that is
 * {@link cn.cityops.exchange.pki.FederationTrust}'s job. Hostile input never escapes as an unchecked exception: it is
 * reported as {@link Reason#MALFORMED}. Parsed signer certificates are cached (bounded), so repeated packages from the
 * same sender skip certificate parsing. Thread-safe.
 */
public final class CmsVerifier {

    /** The verified signer: the embedded certificate, the algorithm used and the signingTime attribute. */
    public record SignedBy(X509Certificate certificate, SignatureAlgorithm algorithm, Instant signingTime) {
        /** @param signingTime the signingTime signed attribute; {@code null} when the signer did not include one */
        public SignedBy {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /** Alternative signature OIDs seen for SM2 in CMS (GM/T 0010 uses the sm2 key OIDs). */
    private static final ASN1ObjectIdentifier SM2_CURVE_OID = GMObjectIdentifiers.sm2p256v1;

    private static final int CERT_CACHE_MAX = 512;
    private static final Map<ByteBuffer, ParsedCertificate> CERT_CACHE = new ConcurrentHashMap<>();

    private record ParsedCertificate(X509Certificate certificate, PublicKey publicKey, SignatureAlgorithm algorithm) {
    }

    private CmsVerifier() {
    }

    /**
     * Verifies {@code cmsDer} as a detached signature over {@code content}.
     *
     * @return the signer
     * @throws CmsVerificationException with {@link Reason#MALFORMED} for anything that is not a well-formed profile
     *                                  signature, {@link Reason#DIGEST_MISMATCH} when the content is not what was
     *                                  signed, {@link Reason#BAD_SIGNATURE} when the signature value does not verify
     */
    public static SignedBy verify(byte[] content, byte[] cmsDer) throws CmsVerificationException {
        Objects.requireNonNull(content, "content");
        CmsStructure cms = CmsStructure.parse(cmsDer);
        try {
            return verify(content, cms);
        } catch (CmsVerificationException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new CmsVerificationException(Reason.MALFORMED, "malformed SignerInfo: "
                    + CmsStructure.describe(e), e instanceof StackOverflowError ? null : e);
        }
    }

    private static SignedBy verify(byte[] content, CmsStructure cms) throws CmsVerificationException, IOException {
        SignerInfo signerInfo = cms.signerInfo();
        SignatureAlgorithm algorithm = algorithmOf(signerInfo);
        ParsedCertificate signer = signerCertificate(cms.signedData().getCertificates(), signerInfo.getSID());
        if (signer.algorithm() != algorithm) {
            throw CmsStructure.malformed("signer certificate has a " + signer.algorithm().curveName()
                    + " key but the signature algorithm is " + algorithm.jcaSignatureName());
        }
        ASN1Set signedAttributes = signerInfo.getAuthenticatedAttributes();
        if (signedAttributes == null) {
            throw CmsStructure.malformed("signed attributes are missing");
        }
        ASN1OctetString messageDigest = null;
        Instant signingTime = null;
        boolean contentType = false;
        for (int i = 0; i < signedAttributes.size(); i++) {
            Attribute attribute = Attribute.getInstance(signedAttributes.getObjectAt(i));
            ASN1ObjectIdentifier type = attribute.getAttrType();
            if (CMSAttributes.contentType.equals(type)) {
                requireSingle(contentType, attribute, "contentType");
                if (!CMSObjectIdentifiers.data.equals(attribute.getAttrValues().getObjectAt(0))) {
                    throw CmsStructure.malformed("contentType attribute is not id-data");
                }
                contentType = true;
            } else if (CMSAttributes.messageDigest.equals(type)) {
                requireSingle(messageDigest != null, attribute, "messageDigest");
                messageDigest = ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0));
            } else if (CMSAttributes.signingTime.equals(type)) {
                requireSingle(signingTime != null, attribute, "signingTime");
                signingTime = Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
            }
        }
        if (!contentType) {
            throw CmsStructure.malformed("contentType signed attribute is missing");
        }
        if (messageDigest == null) {
            throw CmsStructure.malformed("messageDigest signed attribute is missing");
        }
        byte[] digest = Cms.digest(algorithm, content);
        if (!MessageDigest.isEqual(digest, messageDigest.getOctets())) {
            throw new CmsVerificationException(Reason.DIGEST_MISMATCH, "the content's " + algorithm.digestName()
                    + " digest does not match the signed messageDigest attribute: the content was changed");
        }
        byte[] signatureValue = signerInfo.getEncryptedDigest().getOctets();
        boolean valid;
        try {
            Signature verifier = Cms.newSignature(algorithm);
            verifier.initVerify(signer.publicKey());
            verifier.update(signedAttributes.getEncoded(ASN1Encoding.DER));
            valid = verifier.verify(signatureValue);
        } catch (InvalidKeyException e) {
            throw new CmsVerificationException(Reason.MALFORMED, "signer certificate key is unusable: "
                    + CmsStructure.describe(e), e);
        } catch (SignatureException e) {
            throw new CmsVerificationException(Reason.BAD_SIGNATURE, "signature value is not a valid "
                    + algorithm.jcaSignatureName() + " signature: " + CmsStructure.describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signature engine " + algorithm.jcaSignatureName() + " unavailable", e);
        }
        if (!valid) {
            throw new CmsVerificationException(Reason.BAD_SIGNATURE, "the " + algorithm.jcaSignatureName()
                    + " signature does not verify with the key of the embedded certificate "
                    + signer.certificate().getSubjectX500Principal().getName());
        }
        return new SignedBy(signer.certificate(), algorithm, signingTime);
    }

    private static void requireSingle(boolean seen, Attribute attribute, String name) throws CmsVerificationException {
        if (seen) {
            throw CmsStructure.malformed("more than one " + name + " signed attribute");
        }
        if (attribute.getAttrValues().size() != 1) {
            throw CmsStructure.malformed(name + " signed attribute must have exactly one value");
        }
    }

    private static SignatureAlgorithm algorithmOf(SignerInfo signerInfo) throws CmsVerificationException {
        ASN1ObjectIdentifier digest = signerInfo.getDigestAlgorithm().getAlgorithm();
        ASN1ObjectIdentifier signature = signerInfo.getDigestEncryptionAlgorithm().getAlgorithm();
        if (SignatureAlgorithm.SM2_SM3.digestAsn1Oid().equals(digest)) {
            if (SignatureAlgorithm.SM2_SM3.signatureAsn1Oid().equals(signature)
                    || GMObjectIdentifiers.sm2sign.equals(signature) || SM2_CURVE_OID.equals(signature)) {
                return SignatureAlgorithm.SM2_SM3;
            }
        } else if (SignatureAlgorithm.ECDSA_P256_SHA256.digestAsn1Oid().equals(digest)) {
            if (SignatureAlgorithm.ECDSA_P256_SHA256.signatureAsn1Oid().equals(signature)
                    || X9ObjectIdentifiers.id_ecPublicKey.equals(signature)) {
                return SignatureAlgorithm.ECDSA_P256_SHA256;
            }
        } else {
            throw CmsStructure.malformed("unsupported digest algorithm " + digest.getId()
                    + " (expected SM3 or SHA-256)");
        }
        throw CmsStructure.malformed("unsupported signature algorithm " + signature.getId() + " with digest "
                + digest.getId());
    }

    private static ParsedCertificate signerCertificate(ASN1Set certificates, SignerIdentifier sid)
            throws CmsVerificationException, IOException {
        if (certificates == null || certificates.size() == 0) {
            throw CmsStructure.malformed("the signer certificate is not embedded (no certificates)");
        }
        IssuerAndSerialNumber issuerAndSerial = null;
        byte[] keyId = null;
        if (sid.getId() instanceof ASN1OctetString ski) {
            keyId = ski.getOctets();
        } else {
            issuerAndSerial = IssuerAndSerialNumber.getInstance(sid.getId());
        }
        for (int i = 0; i < certificates.size(); i++) {
            ASN1Encodable entry = certificates.getObjectAt(i);
            if (!(entry instanceof ASN1Sequence)) {
                continue; // other certificate formats are ignored
            }
            Certificate certificate = Certificate.getInstance(entry);
            boolean matches;
            if (issuerAndSerial != null) {
                matches = certificate.getIssuer().equals(issuerAndSerial.getName())
                        && certificate.getSerialNumber().equals(issuerAndSerial.getSerialNumber());
            } else {
                Extension ext = certificate.getTBSCertificate().getExtensions() == null ? null
                        : certificate.getTBSCertificate().getExtensions().getExtension(Extension.subjectKeyIdentifier);
                matches = ext != null && java.util.Arrays.equals(keyId,
                        SubjectKeyIdentifier.getInstance(ext.getParsedValue()).getKeyIdentifier());
            }
            if (matches) {
                return parse(certificate);
            }
        }
        throw CmsStructure.malformed("the signer certificate is not embedded (no certificate matches the signer "
                + "identifier)");
    }

    private static ParsedCertificate parse(Certificate certificate) throws CmsVerificationException, IOException {
        byte[] encoded = certificate.getEncoded(ASN1Encoding.DER);
        ByteBuffer key = ByteBuffer.wrap(encoded);
        ParsedCertificate cached = CERT_CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        ParsedCertificate parsed;
        try {
            X509Certificate x509 = new JcaX509CertificateConverter().setProvider(BcProvider.get())
                    .getCertificate(new X509CertificateHolder(certificate));
            PublicKey publicKey = Cms.toBcPublicKey(x509.getPublicKey());
            parsed = new ParsedCertificate(x509, publicKey, SignatureAlgorithm.of(publicKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CmsVerificationException(Reason.MALFORMED, "embedded signer certificate is unusable: "
                    + CmsStructure.describe(e), e);
        }
        if (CERT_CACHE.size() >= CERT_CACHE_MAX) {
            CERT_CACHE.clear();
        }
        CERT_CACHE.put(key, parsed);
        return parsed;
    }
}
