package cn.cityops.exchange.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.KeyPairs;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.model.node.NodeLevel;

/**
 * The federation root CA, kept by the national node in one directory:
 * <pre>
 *   root.p12     root key + self-signed certificate (PKCS#12, BouncyCastle, password-protected, mode 600)
 *   root.pem     root certificate, the trust anchor handed to every node
 *   index.tsv    register of issued certificates: serial, nodeId, level, notBefore, notAfter, V|R, revokedAt, reason
 *   serial       next certificate serial (hex)
 *   crlnumber    next CRL number (decimal)
 *   issued/      every issued certificate as &lt;serial hex&gt;.pem
 *   crl.pem      the latest CRL
 * </pre>
 * The root key is SM2 (default) or P-256; certificates and CRLs are signed with the root's algorithm whatever the node
 * key's algorithm is. Changes to the register are serialised (in-process and with a file lock on {@code .lock}, so
 * two tool runs cannot hand out the same serial) and every file is replaced atomically. Thread-safe.
 */
public final class FederationCa {

    /** Subject of the root certificate. */
    public static final String ROOT_SUBJECT = "C=CN, O=CityOps Federation, CN=CityOps Federation Root CA";
    /** Alias of the root key entry in {@code root.p12}. */
    public static final String ROOT_ALIAS = "root";
    /** First serial number handed out by a new CA. */
    public static final BigInteger FIRST_SERIAL = BigInteger.valueOf(0x1000);

    static final String KEY_STORE_FILE = "root.p12";
    static final String ROOT_PEM_FILE = "root.pem";
    static final String INDEX_FILE = "index.tsv";
    static final String SERIAL_FILE = "serial";
    static final String CRL_NUMBER_FILE = "crlnumber";
    static final String CRL_FILE = "crl.pem";
    static final String ISSUED_DIR = "issued";
    private static final String LOCK_FILE = ".lock";
    private static final String INDEX_HEADER =
            "# serial\tnodeId\tlevel\tnotBefore\tnotAfter\tstatus\trevokedAt\treason\n";

    /** Certificates start a little in the past so that nodes with slightly slow clocks accept them at once. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Object PROCESS_LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final PrivateKey rootKey;
    private final X509Certificate root;
    private final X500Name rootName;
    private final byte[] rootKeyId;
    private final SignatureAlgorithm algorithm;
    private final Clock clock;

    private FederationCa(Path dir, PrivateKey rootKey, X509Certificate root) throws GeneralSecurityException {
        this.dir = dir;
        this.rootKey = rootKey;
        this.root = root;
        this.rootName = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        this.rootKeyId = Certs.keyIdentifier(root);
        this.algorithm = SignatureAlgorithm.of(root.getPublicKey());
        this.clock = Clock.systemUTC();
    }

    /**
     * Creates a new root CA in {@code dir} (created if needed).
     *
     * @param password protects {@code root.p12}; must not be empty
     * @param validity lifetime of the root certificate
     * @throws PkiException if a CA already exists there (it is never overwritten), or on I/O failure
     */
    @SuppressWarnings("try")
    public static FederationCa init(Path dir, SignatureAlgorithm alg, char[] password, Duration validity)
            throws PkiException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(alg, "alg");
        requirePassword(password);
        requirePositive(validity, "root validity");
        synchronized (PROCESS_LOCK) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = lockChannel(dir); FileLock lock = channel.lock()) {
                    for (String existing : List.of(KEY_STORE_FILE, INDEX_FILE)) {
                        if (Files.exists(dir.resolve(existing))) {
                            throw new PkiException("a CA already exists in " + dir + " (" + existing
                                    + " is present); refusing to overwrite it");
                        }
                    }
                    KeyPair pair = KeyPairs.generate(alg);
                    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    X500Name subject = rootSubject();
                    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                            new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                            Date.from(now.plus(validity)), subject, pair.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(Extension.keyUsage, true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            .addExtension(Extension.subjectKeyIdentifier, false,
                                    Certs.subjectKeyIdentifier(pair.getPublic()));
                    X509Certificate rootCert = Pem.toX509(builder.build(signer(alg, pair.getPrivate())));
                    KeyStore keyStore = Pkcs12.empty();
                    keyStore.setKeyEntry(ROOT_ALIAS, pair.getPrivate(), password, new Certificate[] {rootCert});
                    Pkcs12.store(keyStore, dir.resolve(KEY_STORE_FILE), password);
                    Files.createDirectories(dir.resolve(ISSUED_DIR));
                    Pem.write(dir.resolve(ROOT_PEM_FILE), rootCert);
                    writeText(dir.resolve(SERIAL_FILE), IssuedCert.hex(FIRST_SERIAL));
                    writeText(dir.resolve(CRL_NUMBER_FILE), "1");
                    writeText(dir.resolve(INDEX_FILE), INDEX_HEADER);
                    return new FederationCa(dir, pair.getPrivate(), rootCert);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new PkiException("cannot create CA in " + dir + ": " + describe(e), e);
            }
        }
    }

    /**
     * Opens the CA in {@code dir}.
     *
     * @throws PkiException if there is no CA there, the password is wrong or a file is damaged
     */
    public static FederationCa open(Path dir, char[] password) throws PkiException {
        Objects.requireNonNull(dir, "dir");
        requirePassword(password);
        Path keyStoreFile = dir.resolve(KEY_STORE_FILE);
        if (!Files.isRegularFile(keyStoreFile)) {
            throw new PkiException("no CA in " + dir + " (" + KEY_STORE_FILE + " missing); run init-root first");
        }
        KeyStore keyStore;
        try {
            keyStore = Pkcs12.load(keyStoreFile, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot open " + keyStoreFile + ": wrong CA password or damaged file ("
                    + describe(e) + ")", e);
        }
        try {
            if (!(keyStore.getKey(ROOT_ALIAS, password) instanceof PrivateKey key)
                    || !(keyStore.getCertificate(ROOT_ALIAS) instanceof X509Certificate cert)) {
                throw new PkiException(keyStoreFile + " has no '" + ROOT_ALIAS + "' key entry");
            }
            for (String required : List.of(INDEX_FILE, SERIAL_FILE, CRL_NUMBER_FILE)) {
                if (!Files.isRegularFile(dir.resolve(required))) {
                    throw new PkiException("CA directory " + dir + " is incomplete: " + required + " is missing");
                }
            }
            return new FederationCa(dir, key, cert);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PkiException("cannot read the root key from " + keyStoreFile + ": " + describe(e), e);
        }
    }

    /** The root certificate (the federation trust anchor). */
    public X509Certificate rootCertificate() {
        return root;
    }

    /** The root key's algorithm, used for every certificate and CRL signature. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The CA directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Issues a node certificate for the key in {@code csr}: subject from {@code identity}, basicConstraints CA:false,
     * keyUsage digitalSignature + nonRepudiation (critical), subject and authority key identifiers, no extended key
     * usage. Valid from a few minutes ago for {@code validity}, but never beyond the root certificate. Written to
     * {@code issued/<serial>.pem} and recorded in the register.
     *
     * @throws PkiException if the request's self-signature does not verify, its subject is not {@code identity}'s,
     *                      its key is not SM2 or P-256, or on I/O failure
     */
    public X509Certificate issue(PKCS10CertificationRequest csr, NodeIdentity identity, Duration validity)
            throws PkiException {
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(identity, "identity");
        requirePositive(validity, "certificate validity");
        PublicKey nodeKey;
        try {
            nodeKey = new JcaPKCS10CertificationRequest(csr).setProvider(BcProvider.get()).getPublicKey();
            SignatureAlgorithm.of(nodeKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PkiException("certificate request key is not usable: " + describe(e), e);
        }
        boolean selfSigned;
        try {
            selfSigned = csr.isSignatureValid(Certs.verifierFor(nodeKey));
        } catch (PKCSException | RuntimeException e) {
            selfSigned = false;
        }
        if (!selfSigned) {
            throw new PkiException("certificate request signature does not verify with its own key");
        }
        NodeIdentity requested;
        try {
            requested = NodeIdentity.fromX500Name(csr.getSubject());
        } catch (IllegalArgumentException e) {
            throw new PkiException("certificate request subject does not match node " + identity.nodeId() + ": "
                    + e.getMessage(), e);
        }
        if (!requested.equals(identity)) {
            throw new PkiException("certificate request subject is node " + requested + ", not " + identity
                    + " (expected subject " + identity.subject() + ")");
        }
        return locked(() -> {
            BigInteger serial = nextSerial();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notBefore = now.minus(BACKDATE);
            Instant notAfter = now.plus(validity);
            Instant rootEnd = root.getNotAfter().toInstant();
            if (notAfter.isAfter(rootEnd)) {
                notAfter = rootEnd;
            }
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(rootName, serial, Date.from(notBefore),
                    Date.from(notAfter), identity.x500Name(),
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(nodeKey.getEncoded()))
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, Certs.subjectKeyIdentifier(nodeKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(rootKeyId));
            X509Certificate cert = Pem.toX509(builder.build(signer(algorithm, rootKey)));
            Pem.write(dir.resolve(ISSUED_DIR).resolve(IssuedCert.hex(serial) + ".pem"), cert);
            List<IssuedCert> register = readIndex();
            register.add(new IssuedCert(serial, identity, notBefore, notAfter, Optional.empty()));
            writeIndex(register);
            return cert;
        });
    }

    /**
     * Marks a certificate revoked in the register; it appears on the next {@link #crl(Duration)}.
     *
     * @param crlReason RFC 5280 CRLReason code, one of {@link CrlReasons#names()}
     * @throws PkiException if the serial was not issued here or is already revoked
     */
    public void revoke(BigInteger serial, int crlReason) throws PkiException {
        Objects.requireNonNull(serial, "serial");
        try {
            CrlReasons.name(crlReason);
        } catch (IllegalArgumentException e) {
            throw new PkiException(e.getMessage(), e);
        }
        locked(() -> {
            List<IssuedCert> register = readIndex();
            for (int i = 0; i < register.size(); i++) {
                IssuedCert entry = register.get(i);
                if (entry.serial().equals(serial)) {
                    if (entry.revoked()) {
                        throw new PkiException("certificate " + entry.serialHex() + " (node " + entry.identity()
                                + ") is already revoked since " + entry.revocation().get().revokedAt());
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    register.set(i, new IssuedCert(entry.serial(), entry.identity(), entry.notBefore(),
                            entry.notAfter(), Optional.of(new IssuedCert.Revocation(now, crlReason))));
                    writeIndex(register);
                    return null;
                }
            }
            throw new PkiException("serial " + IssuedCert.hex(serial) + " was not issued by the CA in " + dir);
        });
    }

    /**
     * Signs a new CRL listing every revoked certificate, with the next CRL number and {@code nextUpdate} =
     * now + {@code nextUpdateIn}, and writes it to {@code crl.pem}.
     */
    public X509CRL crl(Duration nextUpdateIn) throws PkiException {
        requirePositive(nextUpdateIn, "CRL nextUpdate interval");
        return locked(() -> {
            BigInteger number = new BigInteger(readText(CRL_NUMBER_FILE));
            writeText(dir.resolve(CRL_NUMBER_FILE), number.add(BigInteger.ONE).toString());
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X509v2CRLBuilder builder = new X509v2CRLBuilder(rootName, Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(nextUpdateIn)));
            for (IssuedCert entry : readIndex()) {
                if (entry.revocation().isPresent()) {
                    IssuedCert.Revocation revocation = entry.revocation().get();
                    builder.addCRLEntry(entry.serial(), Date.from(revocation.revokedAt()), revocation.reason());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(rootKeyId));
            X509CRLHolder holder = builder.build(signer(algorithm, rootKey));
            X509CRL crl = Pem.toX509(holder);
            Pem.write(dir.resolve(CRL_FILE), crl);
            return crl;
        });
    }

    /** The register, in issue order. */
    public List<IssuedCert> issued() throws PkiException {
        return register(dir);
    }

    /**
     * The register of the CA in {@code dir}, in issue order; needs no password (the register holds no secrets).
     *
     * @throws PkiException if there is no register or it is damaged
     */
    public static List<IssuedCert> register(Path dir) throws PkiException {
        if (!Files.isRegularFile(dir.resolve(INDEX_FILE))) {
            throw new PkiException("no CA register in " + dir + " (" + INDEX_FILE + " missing)");
        }
        try {
            return List.copyOf(readIndex(dir));
        } catch (IOException | RuntimeException e) {
            throw new PkiException("cannot read " + dir.resolve(INDEX_FILE) + ": " + describe(e), e);
        }
    }

    /** {@code C=CN, O=CityOps Federation, CN=CityOps Federation Root CA} as an X500Name. */
    static X500Name rootSubject() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, NodeIdentity.COUNTRY)
                .addRDN(BCStyle.O, NodeIdentity.ORGANIZATION)
                .addRDN(BCStyle.CN, "CityOps Federation Root CA")
                .build();
    }

    static ContentSigner signer(SignatureAlgorithm alg, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(alg.jcaSignatureName()).setProvider(BcProvider.get()).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create " + alg.jcaSignatureName() + " signer: "
                    + e.getMessage(), e);
        }
    }

    // --- register files -------------------------------------------------------------------------------------------

    private interface LockedAction<T> {
        T run() throws IOException, GeneralSecurityException, PkiException;
    }

    @SuppressWarnings("try")
    private <T> T locked(LockedAction<T> action) throws PkiException {
        synchronized (PROCESS_LOCK) {
            try (FileChannel channel = lockChannel(dir); FileLock lock = channel.lock()) {
                return action.run();
            } catch (PkiException e) {
                throw e;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new PkiException("CA operation in " + dir + " failed: " + describe(e), e);
            }
        }
    }

    private static FileChannel lockChannel(Path dir) throws IOException {
        return FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private BigInteger nextSerial() throws IOException {
        BigInteger serial = new BigInteger(readText(SERIAL_FILE), 16);
        writeText(dir.resolve(SERIAL_FILE), IssuedCert.hex(serial.add(BigInteger.ONE)));
        return serial;
    }

    private String readText(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII).trim();
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.US_ASCII), false);
    }

    private List<IssuedCert> readIndex() throws IOException {
        return readIndex(dir);
    }

    private static List<IssuedCert> readIndex(Path dir) throws IOException {
        List<IssuedCert> register = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(dir.resolve(INDEX_FILE), StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length != 8) {
                    throw new IllegalArgumentException("expected 8 tab-separated fields, found " + f.length);
                }
                Optional<IssuedCert.Revocation> revocation = switch (f[5]) {
                    case "V" -> Optional.empty();
                    case "R" -> Optional.of(new IssuedCert.Revocation(Instant.parse(f[6]), CrlReasons.code(f[7])));
                    default -> throw new IllegalArgumentException("status must be V or R, found '" + f[5] + "'");
                };
                register.add(new IssuedCert(new BigInteger(f[0], 16),
                        new NodeIdentity(f[1], NodeLevel.fromName(f[2])), Instant.parse(f[3]), Instant.parse(f[4]),
                        revocation));
            } catch (RuntimeException e) {
                throw new IOException(dir.resolve(INDEX_FILE) + " line " + lineNo + " is damaged: " + describe(e), e);
            }
        }
        return register;
    }

    private void writeIndex(List<IssuedCert> register) throws IOException {
        StringBuilder text = new StringBuilder(INDEX_HEADER);
        for (IssuedCert entry : register) {
            text.append(entry.serialHex()).append('\t')
                    .append(entry.identity().nodeId()).append('\t')
                    .append(entry.identity().levelName()).append('\t')
                    .append(entry.notBefore()).append('\t')
                    .append(entry.notAfter()).append('\t')
                    .append(entry.revoked() ? "R" : "V").append('\t')
                    .append(entry.revocation().map(r -> r.revokedAt().toString()).orElse("-")).append('\t')
                    .append(entry.revocation().map(IssuedCert.Revocation::reasonName).orElse("-")).append('\n');
        }
        AtomicFiles.write(dir.resolve(INDEX_FILE), text.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    private static void requirePassword(char[] password) throws PkiException {
        if (password == null || password.length == 0) {
            throw new PkiException("the CA password is empty");
        }
    }

    private static void requirePositive(Duration duration, String what) throws PkiException {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new PkiException(what + " must be positive, got " + duration);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
