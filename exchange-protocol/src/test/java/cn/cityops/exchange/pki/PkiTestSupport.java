package cn.cityops.exchange.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import cn.cityops.exchange.crypto.SignatureAlgorithm;

/** Shared set-up for PKI tests. */
final class PkiTestSupport {

    static final char[] CA_PASSWORD = "ca-secret".toCharArray();
    static final char[] KS_PASSWORD = "ks-secret".toCharArray();

    private PkiTestSupport() {
    }

    /**
     * BouncyCastle writes PKCS#12 files with 600 000 PBKDF2 iterations (about 1.5 s per load or store); tests use a
     * small count, which is read per store and recorded in the file, so loading is fast too.
     */
    static void fastKeyStores() {
        System.setProperty("org.bouncycastle.pkcs12.store_it_count", "2048");
    }

    /** A node key store in {@code dir} with an exchange key for {@code node} and its certificate from {@code ca}. */
    static NodeKeyStore certifiedNode(Path file, FederationCa ca, String node, SignatureAlgorithm alg,
            Duration validity) throws Exception {
        NodeKeyStore store = NodeKeyStore.openOrCreate(file, KS_PASSWORD, "node-" + node + "-jwt");
        String csr = store.createExchangeKey(NodeIdentity.of(node), alg);
        X509Certificate cert = ca.issue(Pem.readCsr(csr), NodeIdentity.of(node), validity);
        store.installExchangeCertificate(cert, ca.rootCertificate());
        return store;
    }
}
