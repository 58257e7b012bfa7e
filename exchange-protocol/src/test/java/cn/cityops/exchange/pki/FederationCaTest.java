package cn.cityops.exchange.pki;

import static cn.cityops.exchange.pki.PkiTestSupport.CA_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.KeyPairs;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pki.TrustException.Code;

class FederationCaTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void fast() {
        PkiTestSupport.fastKeyStores();
    }

    @ParameterizedTest
    @CsvSource({"SM2_SM3", "ECDSA_P256_SHA256"})
    void initCreatesTheRootAndItsFiles(SignatureAlgorithm alg) throws Exception {
        Path caDir = dir.resolve("ca");
        FederationCa ca = FederationCa.init(caDir, alg, CA_PASSWORD, Duration.ofDays(7300));
        X509Certificate root = ca.rootCertificate();

        assertEquals(alg, ca.algorithm());
        assertEquals(alg, SignatureAlgorithm.of(root.getPublicKey()));
        assertEquals(alg.signatureOid(), root.getSigAlgOID());
        assertEquals(new X500Name(FederationCa.ROOT_SUBJECT.replace(", ", ",")),
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()));
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertTrue(root.getCriticalExtensionOIDs().containsAll(List.of(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId())));
        boolean[] ku = root.getKeyUsage();
        assertTrue(ku[5] && ku[6] && !ku[0], "keyCertSign + cRLSign");
        assertTrue(root.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null);
        assertTrue(Certs.isSelfSignedCa(root));
        for (String file : List.of("root.p12", "root.pem", "index.tsv", "serial", "crlnumber", "issued")) {
            assertTrue(Files.exists(caDir.resolve(file)), file);
        }
        assertEquals(root, Pem.readCertificate(caDir.resolve("root.pem")));
        assertEquals(List.of(), ca.issued());

        FederationCa reopened = FederationCa.open(caDir, CA_PASSWORD);
        assertEquals(root, reopened.rootCertificate());
    }

    @Test
    void refusesToOverwriteAnExistingCa() throws Exception {
        FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(10));
        byte[] before = Files.readAllBytes(dir.resolve("root.p12"));
        var e = assertThrows(PkiException.class,
                () -> FederationCa.init(dir, SignatureAlgorithm.ECDSA_P256_SHA256, CA_PASSWORD, Duration.ofDays(10)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("root.p12")));
    }

    @Test
    void openNeedsTheRightPasswordAndAnExistingCa() throws Exception {
        assertTrue(assertThrows(PkiException.class, () -> FederationCa.open(dir, CA_PASSWORD)).getMessage()
                .contains("init-root"));
        FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(10));
        var e = assertThrows(PkiException.class, () -> FederationCa.open(dir, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("root.p12") && e.getMessage().contains("password"), e.getMessage());
        assertThrows(PkiException.class, () -> FederationCa.init(dir.resolve("x"), SignatureAlgorithm.SM2_SM3,
                new char[0], Duration.ofDays(1)));
    }

    @ParameterizedTest
    @CsvSource({
        "SM2_SM3, SM2_SM3, 140600",
        "SM2_SM3, ECDSA_P256_SHA256, 140000",
        "ECDSA_P256_SHA256, ECDSA_P256_SHA256, 100000",
        "ECDSA_P256_SHA256, SM2_SM3, 140600"})
    void issuesNodeCertificates(SignatureAlgorithm rootAlg, SignatureAlgorithm nodeAlg, String node) throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), rootAlg, CA_PASSWORD, Duration.ofDays(100));
        KeyPair pair = KeyPairs.generate(nodeAlg);
        NodeIdentity identity = NodeIdentity.of(node);
        Instant before = Instant.now();

        X509Certificate cert = ca.issue(csr(pair, identity.x500Name(), nodeAlg), identity, Duration.ofDays(30));

        assertEquals(identity, NodeIdentity.fromCertificate(cert));
        assertEquals(nodeAlg, SignatureAlgorithm.of(cert.getPublicKey()));
        assertEquals(rootAlg.signatureOid(), cert.getSigAlgOID(), "signed with the root's algorithm");
        assertEquals(FederationCa.FIRST_SERIAL, cert.getSerialNumber());
        assertEquals(ca.rootCertificate().getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertTrue(Certs.signedBy(cert, ca.rootCertificate().getPublicKey()));
        assertEquals(-1, cert.getBasicConstraints());
        boolean[] ku = cert.getKeyUsage();
        assertTrue(ku[0] && ku[1] && !ku[5], "digitalSignature + nonRepudiation");
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(null, cert.getExtendedKeyUsage(), "no extendedKeyUsage");
        assertTrue(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null);
        assertTrue(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId()) != null);
        assertArrayEquals(Certs.keyIdentifier(ca.rootCertificate()),
                org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue(
                                Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifierOctets());
        assertFalse(cert.getNotBefore().toInstant().isAfter(before));
        assertTrue(cert.getNotAfter().toInstant().isAfter(before.plus(Duration.ofDays(29))));

        assertEquals(cert, Pem.readCertificate(dir.resolve("ca/issued/1000.pem")));
        IssuedCert entry = ca.issued().get(0);
        assertEquals(FederationCa.FIRST_SERIAL, entry.serial());
        assertEquals(identity, entry.identity());
        assertFalse(entry.revoked());
        assertEquals(cert.getNotAfter().toInstant(), entry.notAfter());

        FederationTrust trust = new FederationTrust(ca.rootCertificate(), Optional.empty());
        assertEquals(identity, trust.validate(cert, Instant.now()));
    }

    @Test
    void serialsIncreaseAndValidityStopsAtTheRoot() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(10));
        NodeIdentity id = NodeIdentity.of("140600");
        X509Certificate first = ca.issue(csr(KeyPairs.generate(SignatureAlgorithm.SM2_SM3), id.x500Name(),
                SignatureAlgorithm.SM2_SM3), id, Duration.ofDays(825));
        X509Certificate second = FederationCa.open(dir, CA_PASSWORD).issue(csr(KeyPairs.generate(
                SignatureAlgorithm.SM2_SM3), id.x500Name(), SignatureAlgorithm.SM2_SM3), id, Duration.ofDays(1));
        assertEquals(first.getSerialNumber().add(BigInteger.ONE), second.getSerialNumber());
        assertEquals(ca.rootCertificate().getNotAfter(), first.getNotAfter(), "clamped to the root's validity");
        assertEquals(2, ca.issued().size());
        assertEquals(ca.issued(), FederationCa.register(dir));
    }

    @Test
    void csrForAnotherSubjectIsRefused() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(10));
        KeyPair pair = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
        PKCS10CertificationRequest forCity = csr(pair, NodeIdentity.of("140600").x500Name(), SignatureAlgorithm.SM2_SM3);
        var e = assertThrows(PkiException.class, () -> ca.issue(forCity, NodeIdentity.of("140000"),
                Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("140600") && e.getMessage().contains("140000"), e.getMessage());
        PKCS10CertificationRequest free = csr(pair, new X500Name("CN=140600"), SignatureAlgorithm.SM2_SM3);
        assertThrows(PkiException.class, () -> ca.issue(free, NodeIdentity.of("140600"), Duration.ofDays(1)));
        assertEquals(List.of(), ca.issued());
    }

    @Test
    void csrWithABrokenSelfSignatureIsRefused() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.ECDSA_P256_SHA256, CA_PASSWORD,
                Duration.ofDays(10));
        KeyPair pair = KeyPairs.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        KeyPair other = KeyPairs.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        NodeIdentity id = NodeIdentity.of("140600");
        // public key of one pair, signed by the other: proof of possession fails
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(id.x500Name(), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BcProvider.get())
                        .build(other.getPrivate()));
        var e = assertThrows(PkiException.class, () -> ca.issue(forged, id, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void revokedCertificateIsRefusedOnceTheCrlIsPublished() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(10));
        NodeIdentity id = NodeIdentity.of("140600");
        X509Certificate cert = ca.issue(csr(KeyPairs.generate(SignatureAlgorithm.SM2_SM3), id.x500Name(),
                SignatureAlgorithm.SM2_SM3), id, Duration.ofDays(5));
        X509Certificate other = ca.issue(csr(KeyPairs.generate(SignatureAlgorithm.ECDSA_P256_SHA256),
                NodeIdentity.of("140000").x500Name(), SignatureAlgorithm.ECDSA_P256_SHA256), NodeIdentity.of("140000"),
                Duration.ofDays(5));
        X509CRL empty = ca.crl(Duration.ofDays(7));
        FederationTrust trust = new FederationTrust(ca.rootCertificate(), Optional.of(empty));
        assertEquals(id, trust.validate(cert, Instant.now()));

        ca.revoke(cert.getSerialNumber(), CrlReasons.KEY_COMPROMISE);
        assertThrows(PkiException.class, () -> ca.revoke(cert.getSerialNumber(), CrlReasons.SUPERSEDED));
        assertThrows(PkiException.class, () -> ca.revoke(BigInteger.valueOf(0x9999), CrlReasons.SUPERSEDED));
        assertThrows(PkiException.class, () -> ca.revoke(other.getSerialNumber(), 7));
        IssuedCert entry = ca.issued().get(0);
        assertTrue(entry.revoked());
        assertEquals("keyCompromise", entry.revocation().get().reasonName());

        X509CRL crl = ca.crl(Duration.ofDays(7));
        assertEquals(crl, Pem.readCrl(dir.resolve("crl.pem")));
        assertEquals(BigInteger.valueOf(2), FederationTrust.crlNumber(crl));
        assertEquals(1, crl.getRevokedCertificates().size());
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(cert.getSerialNumber()).getRevocationReason());
        FederationTrust updated = trust.withCrl(crl);
        var e = assertThrows(TrustException.class, () -> updated.validate(cert, Instant.now()));
        assertEquals(Code.CERT_REVOKED, e.code());
        assertEquals(NodeIdentity.of("140000"), updated.validate(other, Instant.now()));
        // the old trust object is unchanged (immutable), and a stale CRL cannot replace a newer one
        assertEquals(id, trust.validate(cert, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> updated.withCrl(empty));
        assertEquals(updated.crl().get(), updated.withCrl(crl).crl().get());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefused() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(100));
        NodeIdentity id = NodeIdentity.of("140600");
        X509Certificate cert = ca.issue(csr(KeyPairs.generate(SignatureAlgorithm.SM2_SM3), id.x500Name(),
                SignatureAlgorithm.SM2_SM3), id, Duration.ofDays(2));
        FederationTrust trust = new FederationTrust(ca.rootCertificate(), Optional.empty());
        assertEquals(id, trust.validate(cert, Instant.now())); // cached from here on
        var expired = assertThrows(TrustException.class, () -> trust.validate(cert, Instant.now().plus(
                Duration.ofDays(3))));
        assertEquals(Code.CERT_EXPIRED, expired.code());
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        var early = assertThrows(TrustException.class, () -> trust.validate(cert, Instant.now().minus(
                Duration.ofDays(1))));
        assertEquals(Code.CERT_EXPIRED, early.code());
        var rootExpired = assertThrows(TrustException.class, () -> trust.validate(cert, Instant.now().plus(
                Duration.ofDays(200))));
        assertEquals(Code.CERT_EXPIRED, rootExpired.code());
    }

    @Test
    void certificatesOfAnotherRootAreUntrusted() throws Exception {
        FederationCa ours = FederationCa.init(dir.resolve("ours"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(10));
        FederationCa theirs = FederationCa.init(dir.resolve("theirs"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(10));
        NodeIdentity id = NodeIdentity.of("140600");
        X509Certificate foreign = theirs.issue(csr(KeyPairs.generate(SignatureAlgorithm.SM2_SM3), id.x500Name(),
                SignatureAlgorithm.SM2_SM3), id, Duration.ofDays(5));
        FederationTrust trust = new FederationTrust(ours.rootCertificate(), Optional.empty());
        var e = assertThrows(TrustException.class, () -> trust.validate(foreign, Instant.now()));
        assertEquals(Code.CERT_UNTRUSTED, e.code(), "same issuer name, other key");
        var root = assertThrows(TrustException.class, () -> trust.validate(ours.rootCertificate(), Instant.now()));
        assertEquals(Code.CERT_UNTRUSTED, root.code(), "the root itself is not a node certificate");

        X509CRL theirCrl = theirs.crl(Duration.ofDays(1));
        var crlRefused = assertThrows(IllegalArgumentException.class, () -> trust.withCrl(theirCrl));
        assertTrue(crlRefused.getMessage().contains("signature"), crlRefused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FederationTrust(ours.rootCertificate(), Optional.of(theirCrl)));
        assertThrows(IllegalArgumentException.class, () -> new FederationTrust(foreign, Optional.empty()),
                "a node certificate is not a trust anchor");
    }

    @Test
    void selfSignedNodeLookalikeIsUntrusted() throws Exception {
        FederationCa ca = FederationCa.init(dir, SignatureAlgorithm.ECDSA_P256_SHA256, CA_PASSWORD,
                Duration.ofDays(10));
        KeyPair pair = KeyPairs.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate fake = NodeKeyStore.selfSigned(pair, NodeIdentity.of("140600").x500Name(),
                "SHA256withECDSA", Duration.ofDays(1));
        FederationTrust trust = new FederationTrust(ca.rootCertificate(), Optional.empty());
        assertEquals(Code.CERT_UNTRUSTED,
                assertThrows(TrustException.class, () -> trust.validate(fake, Instant.now())).code());
    }

    static PKCS10CertificationRequest csr(KeyPair pair, X500Name subject, SignatureAlgorithm alg) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                .build(new JcaContentSignerBuilder(alg.jcaSignatureName()).setProvider(BcProvider.get())
                        .build(pair.getPrivate()));
    }
}
