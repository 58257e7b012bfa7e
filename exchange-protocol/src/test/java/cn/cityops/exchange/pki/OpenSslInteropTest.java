package cn.cityops.exchange.pki;

import static cn.cityops.exchange.pki.PkiTestSupport.CA_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.CmsParts;
import cn.cityops.exchange.crypto.SignatureAlgorithm;

/**
 * Our signatures and certificates checked by OpenSSL 3 (skipped when {@code openssl} is not on the PATH). The commands
 * are the ones in the module README.
 */
class OpenSslInteropTest {

    private static final byte[] CONTENT = "{\"type\":\"task.progress\",\"进度\":80}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenSsl() {
        PkiTestSupport.fastKeyStores();
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= !p.isEmpty() && Files.isExecutable(Path.of(p, "openssl"));
        }
        Assumptions.assumeTrue(found, "openssl is not on the PATH");
    }

    @Test
    void opensslCmsVerifiesP256Signatures() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.ECDSA_P256_SHA256, CA_PASSWORD,
                Duration.ofDays(30));
        NodeKeyStore.ExchangeCredentials node = PkiTestSupport.certifiedNode(dir.resolve("n.p12"), ca, "140600",
                SignatureAlgorithm.ECDSA_P256_SHA256, Duration.ofDays(5)).exchangeCredentials().orElseThrow();
        Files.write(dir.resolve("content.bin"), CONTENT);
        Files.write(dir.resolve("sig.der"), node.signer().signDetached(CONTENT));
        Pem.write(dir.resolve("root.pem"), ca.rootCertificate());

        Result ok = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der", "-content", "content.bin",
                "-CAfile", "root.pem", "-out", "/dev/null");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Verification successful"), ok.output());

        byte[] changed = CONTENT.clone();
        changed[3] ^= 1;
        Files.write(dir.resolve("tampered.bin"), changed);
        Result tampered = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der", "-content",
                "tampered.bin", "-CAfile", "root.pem", "-out", "/dev/null");
        assertNotEquals(0, tampered.exit(), tampered.output());

        Pem.write(dir.resolve("cert.pem"), node.certificate());
        Result chain = openssl("verify", "-CAfile", "root.pem", "cert.pem");
        assertEquals(0, chain.exit(), chain.output());
    }

    @Test
    void opensslPkeyutlVerifiesTheSm2SignatureOverTheSignedAttributes() throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        NodeKeyStore.ExchangeCredentials node = PkiTestSupport.certifiedNode(dir.resolve("n.p12"), ca, "140600",
                SignatureAlgorithm.SM2_SM3, Duration.ofDays(5)).exchangeCredentials().orElseThrow();
        byte[] cms = node.signer().signDetached(CONTENT);
        byte[] attrs = CmsParts.signedAttributesDer(cms);
        Files.write(dir.resolve("content.bin"), CONTENT);
        Files.write(dir.resolve("attrs.der"), attrs);
        Files.write(dir.resolve("sig.bin"), CmsParts.signatureValue(cms));
        Files.writeString(dir.resolve("pub.pem"), Pem.toPem(node.certificate().getPublicKey()));

        // messageDigest attribute = SM3(content), in Java and by openssl dgst
        byte[] sm3 = MessageDigest.getInstance("SM3", BcProvider.get()).digest(CONTENT);
        assertArrayEquals(sm3, messageDigest(attrs));
        Result dgst = openssl("dgst", "-sm3", "content.bin");
        assertEquals(0, dgst.exit(), dgst.output());
        assertTrue(dgst.output().contains(java.util.HexFormat.of().formatHex(sm3)), dgst.output());

        Result ok = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "attrs.der",
                "-sigfile", "sig.bin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Signature Verified Successfully"), ok.output());

        byte[] changed = attrs.clone();
        changed[changed.length - 1] ^= 1;
        Files.write(dir.resolve("tampered.der"), changed);
        Result tampered = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in",
                "tampered.der", "-sigfile", "sig.bin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678");
        assertNotEquals(0, tampered.exit(), tampered.output());

        // the SM2 certificate chain verifies too, once OpenSSL is told the SM2 ID
        Pem.write(dir.resolve("root.pem"), ca.rootCertificate());
        Pem.write(dir.resolve("cert.pem"), node.certificate());
        Result chain = openssl("verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "root.pem", "cert.pem");
        assertEquals(0, chain.exit(), chain.output());
    }

    private static byte[] messageDigest(byte[] signedAttributes) {
        for (var a : ASN1Set.getInstance(signedAttributes)) {
            Attribute attribute = Attribute.getInstance(a);
            if (attribute.getAttrType().equals(CMSAttributes.messageDigest)) {
                return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
            }
        }
        throw new AssertionError("no messageDigest attribute");
    }

    private record Result(int exit, String output) {
    }

    private Result openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl finished");
        return new Result(process.exitValue(), String.join(" ", command) + "\n" + output);
    }
}
