package cn.cityops.exchange.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.crypto.KeyPairs;
import cn.cityops.exchange.crypto.SignatureAlgorithm;

/**
 * A node's PKCS#12 key store. It holds
 * <ul>
 *   <li>the node's token-signing key (alias {@value #JWT_ALIAS}, RSA-2048 — ECDSA P-256 in older stores — used for
 *       the RS256 (ES256) MicroProfile JWTs
 *       the node issues to its own users), created with the store;</li>
 *   <li>the node's exchange signing key (alias {@value #EXCHANGE_ALIAS}, SM2 or P-256): first with a self-signed
 *       placeholder certificate, then, once the federation root has issued the node certificate, with the chain
 *       [node certificate, root].</li>
 * </ul>
 * The file is read and written with BouncyCastle's PKCS#12 implementation, because the JDK's cannot hold SM2 keys;
 * files written by the JDK (earlier versions of this class) open unchanged. A file that contains an SM2 entry can no
 * longer be loaded by the JDK's PKCS12 key store at all (it fails on the certificate's curve and reports it as a wrong
 * password). Every change is saved atomically (temporary file + rename); all methods are safe to call from several
 * threads.
 */
public final class NodeKeyStore {

    /** Alias of the token-signing key pair. */
    public static final String JWT_ALIAS = "jwt";
    /** Alias of the exchange signing key pair. */
    public static final String EXCHANGE_ALIAS = "exchange";

    private static final Duration JWT_CERT_VALIDITY = Duration.ofDays(3650);
    private static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(3650);

    private final Path path;
    private final KeyStore keyStore;
    private final char[] password;
    private PrivateKey jwtPrivateKey;
    private PublicKey jwtPublicKey;
    private ExchangeCredentials exchangeCredentials;

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
            KeyStore ks = Files.exists(path) ? Pkcs12.load(path, password) : Pkcs12.empty();
            NodeKeyStore store = new NodeKeyStore(path, ks, password);
            synchronized (store) {
                if (!ks.containsAlias(JWT_ALIAS)) {
                    store.addSelfSignedJwtKey(JWT_ALIAS, subjectCommonName);
                    store.save();
                }
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot open or create key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** The token-signing private key (a JDK key object, as the JDK's signature implementations expect). */
    public synchronized PrivateKey jwtPrivateKey() {
        if (jwtPrivateKey == null) {
            try {
                Key key = keyStore.getKey(JWT_ALIAS, password);
                jwtPrivateKey = KeyFactory.getInstance(jdkAlgorithm(key)).generatePrivate(
                        new PKCS8EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new KeyStoreProblem("cannot read key '" + JWT_ALIAS + "' from " + path, e);
            }
        }
        return jwtPrivateKey;
    }

    /** The token-verification public key. */
    public synchronized PublicKey jwtPublicKey() {
        if (jwtPublicKey == null) {
            try {
                PublicKey key = keyStore.getCertificate(JWT_ALIAS).getPublicKey();
                jwtPublicKey = KeyFactory.getInstance(jdkAlgorithm(key)).generatePublic(
                        new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new KeyStoreProblem("cannot read certificate '" + JWT_ALIAS + "' from " + path, e);
            }
        }
        return jwtPublicKey;
    }

    /**
     * The JWS algorithm of the node's tokens: {@code RS256} for the RSA-2048 keys created since 0.2 (verifying, which
     * every request does, costs about a twentieth of ES256 on the JDK), {@code ES256} for key stores created before.
     */
    public String jwtAlgorithm() {
        return "RSA".equals(jwtPublicKey().getAlgorithm()) ? "RS256" : "ES256";
    }

    private static String jdkAlgorithm(Key key) {
        return key.getAlgorithm().startsWith("EC") ? "EC" : "RSA";
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

    // --- exchange signing key -------------------------------------------------------------------------------------

    /**
     * Generates a new exchange signing key for {@code identity}, stores it with a self-signed placeholder certificate
     * and returns the PKCS#10 request (PEM) to send to the federation CA. An existing key without a CA-issued
     * certificate is replaced.
     *
     * @throws IllegalStateException if a CA-issued exchange certificate is installed (see
     *                               {@link #createExchangeKey(NodeIdentity, SignatureAlgorithm, boolean)})
     */
    public String createExchangeKey(NodeIdentity identity, SignatureAlgorithm alg) {
        return createExchangeKey(identity, alg, false);
    }

    /**
     * As {@link #createExchangeKey(NodeIdentity, SignatureAlgorithm)}; with {@code force} a key with a CA-issued
     * certificate is replaced too (key rollover: the old certificate should then be revoked as {@code superseded}).
     */
    public synchronized String createExchangeKey(NodeIdentity identity, SignatureAlgorithm alg, boolean force) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(alg, "alg");
        Certificate[] existing = chain();
        if (existing != null && isCaIssued(existing) && !force) {
            X509Certificate cert = (X509Certificate) existing[0];
            throw new IllegalStateException("key store " + path + " already holds a CA-issued exchange certificate ("
                    + cert.getSubjectX500Principal().getName() + ", serial " + IssuedCert.hex(cert.getSerialNumber())
                    + ", valid until " + cert.getNotAfter().toInstant() + "); use force to replace the key");
        }
        KeyPair pair = KeyPairs.generate(alg);
        try {
            X509Certificate placeholder = selfSigned(pair, identity.x500Name(), alg.jcaSignatureName(),
                    PLACEHOLDER_VALIDITY);
            replaceExchangeEntry(pair.getPrivate(), new Certificate[] {placeholder});
            return Pem.toPem(certificationRequest(pair.getPrivate(), pair.getPublic(), identity, alg));
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot create the exchange key in " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new PKCS#10 request (PEM) for the stored exchange key and the identity it was created for, e.g. to renew the
     * certificate without changing the key.
     *
     * @throws IllegalStateException if there is no exchange key
     */
    public synchronized String exchangeCsrPem() {
        Certificate[] chain = requireChain();
        X509Certificate current = (X509Certificate) chain[0];
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(EXCHANGE_ALIAS, password);
            return Pem.toPem(certificationRequest(key, current.getPublicKey(),
                    NodeIdentity.fromCertificate(current), SignatureAlgorithm.of(current.getPublicKey())));
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot read the exchange key from " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs the CA-issued certificate for the stored exchange key, as the chain [{@code nodeCert}, {@code root}].
     *
     * @throws IllegalStateException    if there is no exchange key
     * @throws IllegalArgumentException if the certificate's key is not the stored key, it is not issued and signed by
     *                                  {@code root}, {@code root} is not a self-signed CA, the certificate is for
     *                                  another node than the key was created for, or it has expired
     */
    public synchronized void installExchangeCertificate(X509Certificate nodeCert, X509Certificate root) {
        Objects.requireNonNull(nodeCert, "nodeCert");
        Objects.requireNonNull(root, "root");
        X509Certificate current = (X509Certificate) requireChain()[0];
        if (!Certs.samePublicKey(current.getPublicKey(), nodeCert.getPublicKey())) {
            throw new IllegalArgumentException("the certificate's public key is not the exchange key in " + path);
        }
        if (!Certs.isSelfSignedCa(root)) {
            throw new IllegalArgumentException("'" + root.getSubjectX500Principal().getName()
                    + "' is not a self-signed CA certificate");
        }
        if (!nodeCert.getIssuerX500Principal().equals(root.getSubjectX500Principal())
                || !Certs.signedBy(nodeCert, root.getPublicKey())) {
            throw new IllegalArgumentException("the certificate is not issued by the given root '"
                    + root.getSubjectX500Principal().getName() + "'");
        }
        if (nodeCert.getBasicConstraints() >= 0) {
            throw new IllegalArgumentException("the certificate is a CA certificate, not a node certificate");
        }
        NodeIdentity certified = NodeIdentity.fromCertificate(nodeCert);
        NodeIdentity expected = NodeIdentity.fromCertificate(current);
        if (!certified.equals(expected)) {
            throw new IllegalArgumentException("the certificate is for node " + certified + " but the exchange key "
                    + "was created for node " + expected);
        }
        try {
            nodeCert.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new IllegalArgumentException("the certificate expired at " + nodeCert.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            // issued moments ago by a CA whose clock runs ahead: acceptable, it becomes valid shortly
        }
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(EXCHANGE_ALIAS, password);
            replaceExchangeEntry(key, new Certificate[] {nodeCert, root});
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot install the exchange certificate in " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when a CA-issued exchange certificate is installed (chain [node certificate, root]). */
    public synchronized boolean hasExchangeCertificate() {
        Certificate[] chain = chain();
        return chain != null && chain.length == 2 && isCaIssued(chain);
    }

    /** The exchange signing credentials, once a CA-issued certificate is installed. */
    public synchronized Optional<ExchangeCredentials> exchangeCredentials() {
        if (exchangeCredentials == null && hasExchangeCertificate()) {
            Certificate[] chain = chain();
            X509Certificate cert = (X509Certificate) chain[0];
            try {
                PrivateKey key = (PrivateKey) keyStore.getKey(EXCHANGE_ALIAS, password);
                exchangeCredentials = new ExchangeCredentials(key, cert, (X509Certificate) chain[1],
                        SignatureAlgorithm.of(cert.getPublicKey()), NodeIdentity.fromCertificate(cert));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new KeyStoreProblem("cannot read the exchange key from " + path + ": " + e.getMessage(), e);
            }
        }
        return Optional.ofNullable(exchangeCredentials);
    }

    /** The exchange public key, certified or not yet. */
    public synchronized Optional<PublicKey> exchangePublicKey() {
        Certificate[] chain = chain();
        return chain == null ? Optional.empty() : Optional.of(chain[0].getPublicKey());
    }

    private Certificate[] chain() {
        try {
            Certificate[] chain = keyStore.getCertificateChain(EXCHANGE_ALIAS);
            return chain == null || chain.length == 0 ? null : chain;
        } catch (GeneralSecurityException e) {
            throw new KeyStoreProblem("cannot read '" + EXCHANGE_ALIAS + "' from " + path, e);
        }
    }

    private Certificate[] requireChain() {
        Certificate[] chain = chain();
        if (chain == null) {
            throw new IllegalStateException("key store " + path + " has no exchange key; create one first "
                    + "(pki node-key)");
        }
        return chain;
    }

    private static boolean isCaIssued(Certificate[] chain) {
        X509Certificate leaf = (X509Certificate) chain[0];
        return chain.length >= 2 && !leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
    }

    /** Replaces the exchange entry and saves; on failure the previous entry is put back in memory. */
    private void replaceExchangeEntry(PrivateKey key, Certificate[] chain) throws GeneralSecurityException {
        Key previousKey = keyStore.isKeyEntry(EXCHANGE_ALIAS) ? keyStore.getKey(EXCHANGE_ALIAS, password) : null;
        Certificate[] previousChain = chain();
        if (previousKey != null) {
            keyStore.deleteEntry(EXCHANGE_ALIAS); // drops the old chain, so BouncyCastle cannot rebuild a stale one
        }
        keyStore.setKeyEntry(EXCHANGE_ALIAS, key, password, chain);
        exchangeCredentials = null;
        try {
            save();
        } catch (IOException | GeneralSecurityException e) {
            keyStore.deleteEntry(EXCHANGE_ALIAS);
            if (previousKey != null) {
                keyStore.setKeyEntry(EXCHANGE_ALIAS, previousKey, password, previousChain);
            }
            throw new KeyStoreProblem("cannot save key store " + path + ": " + e.getMessage(), e);
        }
    }

    private void addSelfSignedJwtKey(String alias, String commonName) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, new SecureRandom());
        KeyPair pair = gen.generateKeyPair();
        X509Certificate cert = selfSigned(pair, "CN=" + commonName + ",O=cityops", "SHA256withRSA", JWT_CERT_VALIDITY);
        keyStore.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
    }

    private void save() throws IOException, GeneralSecurityException {
        Pkcs12.store(keyStore, path, password);
    }

    private static PKCS10CertificationRequest certificationRequest(PrivateKey key, PublicKey publicKey,
            NodeIdentity identity, SignatureAlgorithm alg) throws GeneralSecurityException {
        return new JcaPKCS10CertificationRequestBuilder(identity.x500Name(), publicKey)
                .build(contentSigner(alg.jcaSignatureName(), key));
    }

    static X509Certificate selfSigned(KeyPair pair, String dn, String signatureAlgorithm, Duration validity)
            throws GeneralSecurityException {
        return selfSigned(pair, new X500Name(dn), signatureAlgorithm, validity);
    }

    static X509Certificate selfSigned(KeyPair pair, X500Name name, String signatureAlgorithm, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, pair.getPublic());
        try {
            return Pem.toX509(builder.build(contentSigner(signatureAlgorithm, pair.getPrivate())));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
        }
    }

    private static ContentSigner contentSigner(String signatureAlgorithm, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BcProvider.get()).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + signatureAlgorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * A node's exchange signing credentials: its private key, the CA-issued node certificate, the federation root it
     * chains to, the algorithm (from the key's curve) and the identity the certificate asserts.
     */
    public record ExchangeCredentials(PrivateKey key, X509Certificate certificate, X509Certificate root,
            SignatureAlgorithm algorithm, NodeIdentity identity) {

        public ExchangeCredentials {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(identity, "identity");
        }

        /** A CMS signer for these credentials. */
        public CmsSigner signer() {
            return new CmsSigner(key, certificate, algorithm);
        }

        /** Hides the key. */
        @Override
        public String toString() {
            return "ExchangeCredentials[" + identity + ", " + algorithm.configName() + ", serial "
                    + IssuedCert.hex(certificate.getSerialNumber()) + "]";
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
