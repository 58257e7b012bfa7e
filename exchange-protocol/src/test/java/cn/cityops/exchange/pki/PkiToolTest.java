package cn.cityops.exchange.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.crypto.SignatureAlgorithm;

class PkiToolTest {

    private static final Map<String, String> ENV = Map.of(PkiTool.CA_PASSWORD_ENV, "ca-pw",
            PkiTool.KEYSTORE_PASSWORD_ENV, "ks-pw");

    @TempDir
    Path dir;

    private String out;
    private String err;

    @BeforeAll
    static void fast() {
        PkiTestSupport.fastKeyStores();
    }

    private int pki(String... args) {
        return pki(ENV, args);
    }

    private int pki(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = PkiTool.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), env);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void wholeLifecycle() throws Exception {
        assertEquals(0, pki("init-root", "--ca-dir", p("ca")), err);
        assertTrue(out.contains("root CA created") && out.contains("SHA-256"), out);
        assertTrue(Files.exists(dir.resolve("ca/root.pem")));

        // SM2 municipal node, P-256 provincial node
        assertEquals(0, pki("node-key", "--keystore", p("city.p12"), "--node", "140600", "--csr-out", p("city.csr")),
                err);
        assertEquals(0, pki("node-key", "--keystore=" + p("prov.p12"), "--node=140000", "--alg=p256",
                "--csr-out=" + p("prov.csr")), err);
        assertEquals(0, pki("issue", "--ca-dir", p("ca"), "--csr", p("city.csr"), "--node", "140600", "--out",
                p("city.pem")), err);
        assertTrue(out.contains("issued certificate 1000"), out);
        assertEquals(0, pki("issue", "--ca-dir", p("ca"), "--csr", p("prov.csr"), "--node", "140000", "--days", "30",
                "--out", p("prov.pem")), err);
        assertEquals(0, pki("install-cert", "--keystore", p("city.p12"), "--cert", p("city.pem"), "--root",
                p("ca/root.pem")), err);
        assertEquals(0, pki("install-cert", "--keystore", p("prov.p12"), "--cert", p("prov.pem"), "--root",
                p("ca/root.pem")), err);

        NodeKeyStore city = NodeKeyStore.openOrCreate(dir.resolve("city.p12"), "ks-pw".toCharArray(), "x");
        NodeKeyStore.ExchangeCredentials credentials = city.exchangeCredentials().orElseThrow();
        assertEquals(SignatureAlgorithm.SM2_SM3, credentials.algorithm());
        assertEquals(NodeIdentity.of("140600"), credentials.identity());
        byte[] data = "report".getBytes(StandardCharsets.UTF_8);
        assertEquals(credentials.certificate(), CmsVerifier.verify(data, credentials.signer().signDetached(data))
                .certificate());
        assertTrue(city.jwtPublicKeyPem().contains("PUBLIC KEY"), "token key created with the store");

        assertEquals(0, pki("verify-cert", "--root", p("ca/root.pem"), "--cert", p("city.pem")), err);
        assertTrue(out.startsWith("OK 140600 municipal"), out);

        assertEquals(0, pki("list", "--ca-dir", p("ca")), err);
        assertTrue(out.contains("140600") && out.contains("140000") && out.contains("2 certificates"), out);

        assertEquals(0, pki("revoke", "--ca-dir", p("ca"), "--serial", "1000", "--reason", "keyCompromise"), err);
        assertEquals(0, pki("crl", "--ca-dir", p("ca"), "--out", p("crl.pem")), err);
        assertTrue(out.contains("1 revoked certificate"), out);
        assertEquals(3, pki("verify-cert", "--root", p("ca/root.pem"), "--crl", p("crl.pem"), "--cert",
                p("city.pem")));
        assertTrue(out.startsWith("CERT_REVOKED 140600 municipal"), out);
        assertEquals(0, pki("verify-cert", "--root", p("ca/root.pem"), "--crl", p("crl.pem"), "--cert",
                p("prov.pem")), err);
        assertEquals(3, pki("verify-cert", "--root", p("ca/root.pem"), "--cert", p("prov.pem"), "--at",
                "2099-01-01T00:00:00Z"));
        assertTrue(out.startsWith("CERT_EXPIRED 140000 provincial"), out);
        assertEquals(0, pki("list", "--ca-dir", p("ca")), err);
        assertTrue(out.contains("revoked") && out.contains("keyCompromise"), out);

        // a second root: its certificates are untrusted under ours
        assertEquals(0, pki("init-root", "--ca-dir", p("other"), "--alg", "p256", "--days", "10"), err);
        assertEquals(3, pki("verify-cert", "--root", p("other/root.pem"), "--cert", p("prov.pem")));
        assertTrue(out.startsWith("CERT_UNTRUSTED"), out);
    }

    @Test
    void refusalsAreOneLineWithANonZeroStatus() throws Exception {
        assertEquals(0, pki("init-root", "--ca-dir", p("ca"), "--days", "30"), err);
        assertEquals(1, pki("init-root", "--ca-dir", p("ca")));
        assertOneLine("already exists");
        assertEquals(0, pki("node-key", "--keystore", p("n.p12"), "--node", "140600", "--csr-out", p("n.csr")), err);
        assertEquals(1, pki("issue", "--ca-dir", p("ca"), "--csr", p("n.csr"), "--node", "140000", "--out",
                p("x.pem")));
        assertOneLine("140000");
        assertFalse(Files.exists(dir.resolve("x.pem")));
        assertEquals(0, pki("issue", "--ca-dir", p("ca"), "--csr", p("n.csr"), "--node", "140600", "--out",
                p("n.pem")), err);
        assertEquals(0, pki("install-cert", "--keystore", p("n.p12"), "--cert", p("n.pem"), "--root",
                p("ca/root.pem")), err);
        assertEquals(1, pki("node-key", "--keystore", p("n.p12"), "--node", "140600", "--csr-out", p("n2.csr")));
        assertOneLine("--force");
        assertEquals(0, pki("node-key", "--keystore", p("n.p12"), "--node", "140600", "--csr-out", p("n2.csr"),
                "--force"), err);
        assertEquals(1, pki("install-cert", "--keystore", p("n.p12"), "--cert", p("n.pem"), "--root",
                p("ca/root.pem")));
        assertOneLine("public key");
        assertEquals(1, pki("install-cert", "--keystore", p("missing.p12"), "--cert", p("n.pem"), "--root",
                p("ca/root.pem")));
        assertOneLine("node-key first");
        assertEquals(1, pki("revoke", "--ca-dir", p("ca"), "--serial", "ABCD"));
        assertOneLine("not issued");
        assertEquals(1, pki(Map.of(), "crl", "--ca-dir", p("ca"), "--out", p("crl.pem")));
        assertOneLine(PkiTool.CA_PASSWORD_ENV);
        assertEquals(1, pki(Map.of(PkiTool.CA_PASSWORD_ENV, "nope"), "crl", "--ca-dir", p("ca"), "--out",
                p("crl.pem")));
        assertOneLine("password");
        assertEquals(1, pki("issue", "--ca-dir", p("ca"), "--csr", p("none.csr"), "--node", "140600", "--out",
                p("x.pem")));
        assertOneLine("does not exist");
    }

    @Test
    void usageErrors() {
        assertEquals(2, pki());
        assertTrue(err.contains("usage: pki"), err);
        assertEquals(0, pki("help"));
        assertTrue(out.contains("verify-cert") && out.contains("CITYOPS_CA_PASSWORD"), out);
        assertEquals(2, pki("frobnicate"));
        assertOneLine("unknown command");
        assertEquals(2, pki("init-root"));
        assertOneLine("missing --ca-dir");
        assertEquals(2, pki("init-root", "--ca-dir", p("ca"), "--alg", "rsa"));
        assertOneLine("rsa");
        assertEquals(2, pki("init-root", "--ca-dir", p("ca"), "--days", "many"));
        assertOneLine("--days");
        assertEquals(2, pki("init-root", "--ca-dir", p("ca"), "--password", "secret"));
        assertOneLine("never from the command line");
        assertEquals(2, pki("node-key", "--keystore", p("k"), "--node", "140602", "--csr-out", p("c")));
        assertOneLine("--node");
        assertEquals(2, pki("revoke", "--ca-dir", p("ca"), "--serial", "12", "--reason", "boredom"));
        assertOneLine("keyCompromise");
        assertEquals(2, pki("list", "--ca-dir"));
        assertOneLine("needs a value");
        assertEquals(2, pki("list", "--ca-dir", p("a"), "--ca-dir", p("b")));
        assertOneLine("twice");
        assertEquals(2, pki("list", "stray"));
        assertFalse(Files.exists(dir.resolve("ca")));
    }

    @Test
    void issuedCertificateFileIsPem() throws Exception {
        assertEquals(0, pki("init-root", "--ca-dir", p("ca"), "--alg", "p256"), err);
        assertEquals(0, pki("node-key", "--keystore", p("n.p12"), "--node", "100000", "--alg", "sm2", "--csr-out",
                p("n.csr")), err);
        assertTrue(Files.readString(dir.resolve("n.csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertEquals(0, pki("issue", "--ca-dir", p("ca"), "--csr", p("n.csr"), "--node", "100000", "--out",
                p("n.pem")), err);
        X509Certificate cert = Pem.readCertificate(dir.resolve("n.pem"));
        assertEquals(NodeIdentity.of("100000"), NodeIdentity.fromCertificate(cert));
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256.signatureOid(), cert.getSigAlgOID());
    }

    private void assertOneLine(String expected) {
        String text = err.strip();
        assertFalse(text.isEmpty(), "an error message");
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.contains(expected), text);
        assertTrue(text.startsWith("pki"), text);
    }
}
