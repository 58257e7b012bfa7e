package cn.cityops.exchange.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's PKCS#12 key store. It holds the node's token-signing key (alias {@value #JWT_ALIAS}, ECDSA P-256, used for
 * the ES256 MicroProfile JWTs the node issues to its own users). Exchange signing keys issued by the federation root
 * are added under other aliases by the PKI tooling.
 */
public final class NodeKeyStore {

    /** Alias of the token-signing key pair. */
    public static final String JWT_ALIAS = "jwt";

    private static final Duration JWT_CERT_VALIDITY = Duration.ofDays(3650);

    private final Path path;
    private final KeyStore keyStore;
    private final char[] password;

    private NodeKeyStore(Path path, KeyStore keyStore, char[] password) {
        this.path = path;
        this.keyStore = keyStore;
        this.password = password.clone();
    }

    /**
     * Opens the key store at {@code path}, creating it (and a fresh token-signing key) when the file does not exist.
     *
     * @param subjectCommonName common name for the self-signed token certificate, e.g. {@code node-140600-jwt}
     */
    public static NodeKeyStore openOrCreate(Path path, char[] password, String subjectCommonName) {
        Objects.requireNonNull(path, "path");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    ks.load(in, password);
                }
            } else {
                ks.load(null, password);
            }
            NodeKeyStore store = new NodeKeyStore(path, ks, password);
            if (!ks.containsAlias(JWT_ALIAS)) {
                store.addSelfSignedEcKey(JWT_ALIAS, subjectCommonName);
                store.save();
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot open or create key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** The token-signing private key. */
    public PrivateKey jwtPrivateKey() {
        try {
            return (PrivateKey) keyStore.getKey(JWT_ALIAS, password);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot read key '" + JWT_ALIAS + "' from " + path, e);
        }
    }

    /** The token-verification public key. */
    public PublicKey jwtPublicKey() {
        try {
            return keyStore.getCertificate(JWT_ALIAS).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot read certificate '" + JWT_ALIAS + "' from " + path, e);
        }
    }

    /** The token-verification public key as PEM (SubjectPublicKeyInfo), the form MicroProfile JWT accepts. */
    public String jwtPublicKeyPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(jwtPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Issuer name for the node's tokens, bound to the token key itself ({@code urn:cityops:jwt:<fingerprint>}), so a
     * token is only ever accepted by the node whose key signed it.
     */
    public String jwtIssuer() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(jwtPublicKey().getEncoded());
            return "urn:cityops:jwt:" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("SHA-256 unavailable", e);
        }
    }

    public Path path() {
        return path;
    }

    private void addSelfSignedEcKey(String alias, String commonName) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = gen.generateKeyPair();
        X509Certificate cert = selfSigned(pair, "CN=" + commonName + ",O=cityops", "SHA256withECDSA", JWT_CERT_VALIDITY);
        keyStore.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
    }

    private void save() throws IOException, GeneralSecurityException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".keystore", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            keyStore.store(out, password);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static X509Certificate selfSigned(KeyPair pair, String dn, String signatureAlgorithm, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name(dn);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic());
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
        }
    }

    /** A key store could not be read or written; the message names the file and the reason. */
    public static final class KeyStoreProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeyStoreProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
