package cn.cityops.exchange.pki;

import static cn.cityops.exchange.pki.PkiTestSupport.CA_PASSWORD;
import static cn.cityops.exchange.pki.PkiTestSupport.KS_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.model.node.NodeLevel;

class NodeKeyStoreTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void fast() {
        PkiTestSupport.fastKeyStores();
    }

    @Test
    void createsOnceThenReopensTheSameKey() throws Exception {
        Path file = dir.resolve("keys/node.p12");
        NodeKeyStore created = NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "node-140600-jwt");
        assertTrue(Files.exists(file));
        NodeKeyStore reopened = NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "ignored");
        assertArrayEquals(created.jwtPublicKey().getEncoded(), reopened.jwtPublicKey().getEncoded());

        assertEquals("RS256", created.jwtAlgorithm(), "new key stores sign tokens with RSA (cheap to verify)");
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(reopened.jwtPrivateKey());
        signer.update("payload".getBytes());
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(created.jwtPublicKey());
        verifier.update("payload".getBytes());
        assertTrue(verifier.verify(sig));
        assertTrue(created.jwtPublicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void wrongPasswordIsReportedWithThePath() throws Exception {
        Path file = dir.resolve("node.p12");
        NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "n");
        var e = assertThrows(NodeKeyStore.KeyStoreProblem.class,
                () -> NodeKeyStore.openOrCreate(file, "wrong".toCharArray(), "n"));
        assertTrue(e.getMessage().contains(file.toString()));
    }

    @Test
    void sm2ExchangeKeyAndJwtKeyLiveInOneFile() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        Path file = dir.resolve("node.p12");
        NodeKeyStore store = NodeKeyStore.openOrCreate(file, KS_PASSWORD, "node-140600-jwt");
        byte[] jwtKey = store.jwtPublicKey().getEncoded();
        NodeIdentity city = NodeIdentity.of("140600");

        String csr = store.createExchangeKey(city, SignatureAlgorithm.SM2_SM3);
        assertTrue(csr.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr);
        assertTrue(store.exchangePublicKey().isPresent());
        assertFalse(store.hasExchangeCertificate());
        assertTrue(store.exchangeCredentials().isEmpty());
        assertEquals(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.of(store.exchangePublicKey().get()));

        X509Certificate cert = ca.issue(Pem.readCsr(csr), city, Duration.ofDays(10));
        store.installExchangeCertificate(cert, ca.rootCertificate());
        assertTrue(store.hasExchangeCertificate());

        NodeKeyStore reopened = NodeKeyStore.openOrCreate(file, KS_PASSWORD, "ignored");
        assertArrayEquals(jwtKey, reopened.jwtPublicKey().getEncoded(), "token key untouched");
        assertTrue(reopened.hasExchangeCertificate());
        NodeKeyStore.ExchangeCredentials credentials = reopened.exchangeCredentials().orElseThrow();
        assertEquals(cert, credentials.certificate());
        assertEquals(ca.rootCertificate(), credentials.root());
        assertEquals(SignatureAlgorithm.SM2_SM3, credentials.algorithm());
        assertEquals(new NodeIdentity("140600", NodeLevel.MUNICIPAL), credentials.identity());
        assertFalse(credentials.toString().contains("key="), "the private key is not printed");

        byte[] content = "package".getBytes();
        var signedBy = CmsVerifier.verify(content, credentials.signer().signDetached(content));
        assertEquals(cert, signedBy.certificate());

        // the key store still signs tokens with the JDK provider
        Signature jwt = Signature.getInstance("SHA256withRSA");
        jwt.initSign(reopened.jwtPrivateKey());
        jwt.update(content);
        assertEquals(256, jwt.sign().length);

        // a new request for the same key (renewal)
        String renewal = reopened.exchangeCsrPem();
        X509Certificate renewed = ca.issue(Pem.readCsr(renewal), city, Duration.ofDays(20));
        reopened.installExchangeCertificate(renewed, ca.rootCertificate());
        assertEquals(renewed, NodeKeyStore.openOrCreate(file, KS_PASSWORD, "x").exchangeCredentials().orElseThrow()
                .certificate());
    }

    @Test
    void aStoreWrittenByTheJdkPkcs12StillOpens() throws Exception {
        // what the previous NodeKeyStore wrote: the JDK's PKCS12 with a SunEC P-256 key under "jwt"
        Path file = dir.resolve("legacy.p12");
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        X509Certificate bcCert = NodeKeyStore.selfSigned(pair, "CN=legacy,O=cityops", "SHA256withECDSA",
                Duration.ofDays(10));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                new X509CertificateHolder(bcCert.getEncoded())); // a JDK certificate object
        KeyStore jdk = KeyStore.getInstance("PKCS12", "SUN");
        jdk.load(null, KS_PASSWORD);
        jdk.setKeyEntry("jwt", pair.getPrivate(), KS_PASSWORD, new Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            jdk.store(out, KS_PASSWORD);
        }

        NodeKeyStore store = NodeKeyStore.openOrCreate(file, KS_PASSWORD, "unused");
        assertArrayEquals(pair.getPublic().getEncoded(), store.jwtPublicKey().getEncoded());
        assertEquals(s(pair.getPrivate()), s(store.jwtPrivateKey()));
        assertEquals("ES256", store.jwtAlgorithm(), "an older store keeps its P-256 token key");

        // rewritten by BouncyCastle with a P-256 exchange key: the JDK still reads it
        store.createExchangeKey(NodeIdentity.of("140000"), SignatureAlgorithm.ECDSA_P256_SHA256);
        KeyStore reread = KeyStore.getInstance("PKCS12", "SUN");
        try (InputStream in = Files.newInputStream(file)) {
            reread.load(in, KS_PASSWORD);
        }
        assertEquals(s(pair.getPrivate()), s(reread.getKey("jwt", KS_PASSWORD)));
        assertTrue(reread.getKey(NodeKeyStore.EXCHANGE_ALIAS, KS_PASSWORD) instanceof PrivateKey);
    }

    @Test
    void aCertifiedKeyIsOnlyReplacedWithForce() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.ECDSA_P256_SHA256, CA_PASSWORD,
                Duration.ofDays(30));
        NodeIdentity province = NodeIdentity.of("140000");
        NodeKeyStore store = NodeKeyStore.openOrCreate(dir.resolve("n.p12"), KS_PASSWORD, "n");
        String first = store.createExchangeKey(province, SignatureAlgorithm.SM2_SM3);
        byte[] firstKey = store.exchangePublicKey().orElseThrow().getEncoded();
        store.createExchangeKey(province, SignatureAlgorithm.SM2_SM3); // uncertified: replaced freely
        assertFalse(java.util.Arrays.equals(firstKey, store.exchangePublicKey().orElseThrow().getEncoded()));
        var stale = assertThrows(IllegalArgumentException.class, () -> store.installExchangeCertificate(
                ca.issue(Pem.readCsr(first), province, Duration.ofDays(1)), ca.rootCertificate()));
        assertTrue(stale.getMessage().contains("public key"), stale.getMessage());

        X509Certificate cert = ca.issue(Pem.readCsr(store.exchangeCsrPem()), province, Duration.ofDays(1));
        store.installExchangeCertificate(cert, ca.rootCertificate());
        var e = assertThrows(IllegalStateException.class,
                () -> store.createExchangeKey(province, SignatureAlgorithm.ECDSA_P256_SHA256));
        assertTrue(e.getMessage().contains("force"), e.getMessage());
        assertTrue(store.hasExchangeCertificate());

        store.createExchangeKey(province, SignatureAlgorithm.ECDSA_P256_SHA256, true);
        assertFalse(store.hasExchangeCertificate());
        assertTrue(store.exchangeCredentials().isEmpty());
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.of(store.exchangePublicKey()
                .orElseThrow()));
    }

    @Test
    void installChecksTheChain() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        FederationCa other = FederationCa.init(dir.resolve("other"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        NodeIdentity city = NodeIdentity.of("140600");
        NodeKeyStore store = NodeKeyStore.openOrCreate(dir.resolve("n.p12"), KS_PASSWORD, "n");
        assertThrows(IllegalStateException.class, () -> store.installExchangeCertificate(
                other.rootCertificate(), ca.rootCertificate()), "no exchange key yet");
        String csr = store.createExchangeKey(city, SignatureAlgorithm.SM2_SM3);
        X509Certificate byOther = other.issue(Pem.readCsr(csr), city, Duration.ofDays(1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> store.installExchangeCertificate(byOther, ca.rootCertificate()));
        assertTrue(e.getMessage().contains("not issued by"), e.getMessage());
        X509Certificate good = ca.issue(Pem.readCsr(csr), city, Duration.ofDays(1));
        assertThrows(IllegalArgumentException.class, () -> store.installExchangeCertificate(good, good),
                "a node certificate is not a root");
        assertFalse(store.hasExchangeCertificate());
        store.installExchangeCertificate(good, ca.rootCertificate());
        assertTrue(store.hasExchangeCertificate());
    }

    @Test
    void isSafeToUseFromSeveralThreads() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        NodeKeyStore store = PkiTestSupport.certifiedNode(dir.resolve("n.p12"), ca, "140600",
                SignatureAlgorithm.SM2_SM3, Duration.ofDays(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tasks.add(() -> store.exchangeCredentials().isPresent() && store.jwtPrivateKey() != null
                        && store.hasExchangeCertificate());
            }
            tasks.add(() -> {
                store.installExchangeCertificate(store.exchangeCredentials().orElseThrow().certificate(),
                        ca.rootCertificate());
                return true;
            });
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary files left behind");
        }
    }

    private static java.math.BigInteger s(java.security.Key key) {
        return ((java.security.interfaces.ECPrivateKey) key).getS();
    }
}
