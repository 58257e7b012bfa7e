package cn.cityops.exchange.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import cn.cityops.exchange.crypto.BcProvider;

/** Certificate checks shared by the CA, the key store and the trust store (BouncyCastle verifiers: SM2-aware). */
final class Certs {

    private Certs() {
    }

    /** A verifier provider for signatures made with {@code issuerKey}. */
    static ContentVerifierProvider verifierFor(PublicKey issuerKey) {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(BcProvider.get()).build(issuerKey);
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("unusable issuer key: " + e.getMessage(), e);
        }
    }

    /** True if {@code cert}'s signature verifies with {@code issuerKey}. Never throws for a malformed certificate. */
    static boolean signedBy(X509Certificate cert, PublicKey issuerKey) {
        return signedBy(cert, verifierFor(issuerKey));
    }

    static boolean signedBy(X509Certificate cert, ContentVerifierProvider verifier) {
        try {
            return new X509CertificateHolder(cert.getEncoded()).isSignatureValid(verifier);
        } catch (Exception e) {
            return false;
        }
    }

    /** True if the CRL's signature verifies with {@code issuerKey}. */
    static boolean signedBy(X509CRL crl, PublicKey issuerKey) {
        try {
            return new X509CRLHolder(crl.getEncoded()).isSignatureValid(verifierFor(issuerKey));
        } catch (Exception e) {
            return false;
        }
    }

    /** A self-signed CA certificate: issuer = subject, signature verifies with its own key, basicConstraints CA. */
    static boolean isSelfSignedCa(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && cert.getBasicConstraints() >= 0
                && signedBy(cert, cert.getPublicKey());
    }

    /** Same key: same curve and point (compares the SubjectPublicKeyInfo structures). */
    static boolean samePublicKey(PublicKey a, PublicKey b) {
        try {
            return SubjectPublicKeyInfo.getInstance(a.getEncoded()).equals(SubjectPublicKeyInfo.getInstance(
                    b.getEncoded()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The subjectKeyIdentifier of the key (RFC 5280 method 1: SHA-1 of the subjectPublicKey bits). */
    static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey key) throws GeneralSecurityException {
        return extensionUtils().createSubjectKeyIdentifier(key);
    }

    /** The certificate's own subjectKeyIdentifier extension value, or one computed from its key. */
    static byte[] keyIdentifier(X509Certificate cert) throws GeneralSecurityException {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext != null) {
            return ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
        }
        return subjectKeyIdentifier(cert.getPublicKey()).getKeyIdentifier();
    }

    static JcaX509ExtensionUtils extensionUtils() throws GeneralSecurityException {
        return new JcaX509ExtensionUtils();
    }

    /** SHA-256 fingerprint, colon-separated upper-case hex (as {@code openssl x509 -fingerprint -sha256}). */
    static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate: " + e.getMessage(), e);
        }
    }
}
