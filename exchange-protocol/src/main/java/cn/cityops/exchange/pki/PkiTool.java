package cn.cityops.exchange.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import cn.cityops.exchange.crypto.CmsParts;
import cn.cityops.exchange.crypto.CmsVerificationException;
import cn.cityops.exchange.crypto.CmsVerifier;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.MalformedPackageException;
import cn.cityops.exchange.pkg.SignedPackage;

/**
 * The federation PKI command-line tool ({@code deploy/pki.sh}). Subcommands create the root CA, node keys and
 * requests, issue, install and revoke certificates, publish CRLs, list the register and check a certificate. Options
 * are GNU style ({@code --name value} or {@code --name=value}); passwords come only from the environment
 * ({@value #CA_PASSWORD_ENV}, {@value #KEYSTORE_PASSWORD_ENV}). {@code export-package} cuts a stored wire document into
 * the files an auditor checks with OpenSSL alone (SPEC.md §16). Exit status: 0 success, 1 failure, 2 usage error,
 * 3 certificate refused by {@code verify-cert} or signature refused by {@code export-package}; errors are one line on
 * standard error.
 */
public final class PkiTool {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** The operation failed (message on standard error). */
    public static final int EXIT_FAILED = 1;
    /** Bad command line. */
    public static final int EXIT_USAGE = 2;
    /** {@code verify-cert}: the certificate is not trusted; {@code export-package}: the signature does not verify. */
    public static final int EXIT_REJECTED = 3;

    /** Environment variable holding the CA key store password. */
    public static final String CA_PASSWORD_ENV = "CITYOPS_CA_PASSWORD";
    /** Environment variable holding the node key store password. */
    public static final String KEYSTORE_PASSWORD_ENV = "CITYOPS_KEYSTORE_PASSWORD";

    /** Common name of the token certificate created with a new node key store (as the node itself does). */
    static final String JWT_COMMON_NAME = "cityops-node-jwt";

    private static final String USAGE = """
            usage: pki <command> [options]        (passwords only from the environment)

              init-root    --ca-dir DIR [--alg sm2|p256] [--days 7300]
                           create the federation root CA in DIR                      needs %1$s
              node-key     --keystore FILE --node ID [--alg sm2|p256] --csr-out FILE [--force]
                           create the node's exchange key (and the key store with its token key if
                           missing) and write the certificate request                 needs %2$s
              issue        --ca-dir DIR --csr FILE --node ID [--days 825] --out FILE
                           issue a node certificate for a request                    needs %1$s
              install-cert --keystore FILE --cert FILE --root FILE
                           install the issued certificate with the root in the key store  needs %2$s
              revoke       --ca-dir DIR --serial HEX [--reason %3$s]
                           mark a certificate revoked (publish with 'crl')          needs %1$s
              crl          --ca-dir DIR [--days 7] --out FILE
                           sign a CRL of all revoked certificates                   needs %1$s
              list         --ca-dir DIR
                           show the register of issued certificates
              verify-cert  --root FILE [--crl FILE] --cert FILE [--at INSTANT]
                           check a node certificate: prints 'OK <node> <level> …' or '<CODE> …'
              export-package --wire FILE --out-dir DIR
                           cut a stored wire document into the signed bytes, the CMS, the signer
                           certificate and key, the signed attributes and the signature value, and
                           print the OpenSSL commands that check them without this software
              help         this text

            exit status: 0 ok, 1 failed, 2 usage error, 3 certificate refused (verify-cert) or
                         signature refused (export-package; the files are written all the same)
            """;

    private record Command(Set<String> required, Map<String, String> optional, Set<String> flags) {
        Command {
            optional = new LinkedHashMap<>(optional);
        }
    }

    private static final Map<String, Command> COMMANDS = Map.of(
            "init-root", new Command(Set.of("ca-dir"), Map.of("alg", "sm2", "days", "7300"), Set.of()),
            "node-key", new Command(Set.of("keystore", "node", "csr-out"), Map.of("alg", "sm2"), Set.of("force")),
            "issue", new Command(Set.of("ca-dir", "csr", "node", "out"), Map.of("days", "825"), Set.of()),
            "install-cert", new Command(Set.of("keystore", "cert", "root"), Map.of(), Set.of()),
            "revoke", new Command(Set.of("ca-dir", "serial"), Map.of("reason", "unspecified"), Set.of()),
            "crl", new Command(Set.of("ca-dir", "out"), Map.of("days", "7"), Set.of()),
            "list", new Command(Set.of("ca-dir"), Map.of(), Set.of()),
            "verify-cert", new Command(Set.of("root", "cert"), Map.of("crl", "", "at", ""), Set.of()),
            "export-package", new Command(Set.of("wire", "out-dir"), Map.of(), Set.of()));

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private PkiTool(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command without exiting the JVM.
     *
     * @param env environment variables (the passwords are read from here)
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return new PkiTool(out, err, env).run(args);
    }

    /** A bad command line; exit status 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private int run(String[] args) {
        if (args.length == 0) {
            err.print(usage());
            return EXIT_USAGE;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            out.print(usage());
            return EXIT_OK;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println("pki: unknown command '" + name + "'; run 'pki help' for usage");
            return EXIT_USAGE;
        }
        try {
            Map<String, String> options = parse(name, command, List.of(args).subList(1, args.length));
            return switch (name) {
                case "init-root" -> initRoot(options);
                case "node-key" -> nodeKey(options);
                case "issue" -> issue(options);
                case "install-cert" -> installCert(options);
                case "revoke" -> revoke(options);
                case "crl" -> crl(options);
                case "list" -> list(options);
                case "verify-cert" -> verifyCert(options);
                case "export-package" -> exportPackage(options);
                default -> throw new IllegalStateException(name);
            };
        } catch (UsageException e) {
            err.println("pki " + name + ": " + e.getMessage() + "; run 'pki help' for usage");
            return EXIT_USAGE;
        } catch (PkiException | IOException | RuntimeException e) {
            err.println("pki " + name + ": " + oneLine(e));
            return EXIT_FAILED;
        }
    }

    // --- commands -------------------------------------------------------------------------------------------------

    private int initRoot(Map<String, String> o) throws UsageException, PkiException {
        SignatureAlgorithm alg = algorithm(o.get("alg"));
        Duration validity = days(o, "days");
        Path dir = Path.of(o.get("ca-dir"));
        FederationCa ca = FederationCa.init(dir, alg, password(CA_PASSWORD_ENV), validity);
        X509Certificate root = ca.rootCertificate();
        out.println("root CA created in " + dir + " (" + alg.configName() + ")");
        out.println("  subject:     " + FederationCa.ROOT_SUBJECT);
        out.println("  valid until: " + root.getNotAfter().toInstant());
        out.println("  SHA-256:     " + Certs.fingerprint(root));
        out.println("  trust anchor for every node: " + dir.resolve(FederationCa.ROOT_PEM_FILE));
        return EXIT_OK;
    }

    private int nodeKey(Map<String, String> o) throws UsageException, PkiException, IOException {
        NodeIdentity identity = identity(o.get("node"));
        SignatureAlgorithm alg = algorithm(o.get("alg"));
        Path keystore = Path.of(o.get("keystore"));
        char[] password = password(KEYSTORE_PASSWORD_ENV);
        NodeKeyStore store = NodeKeyStore.openOrCreate(keystore, password, JWT_COMMON_NAME);
        String csr;
        try {
            csr = store.createExchangeKey(identity, alg, o.containsKey("force"));
        } catch (IllegalStateException e) {
            throw new PkiException(e.getMessage().replace("use force", "use --force"));
        }
        Path csrOut = Path.of(o.get("csr-out"));
        AtomicFiles.write(csrOut, csr.getBytes(StandardCharsets.US_ASCII), false);
        out.println("exchange key (" + alg.configName() + ") for node " + identity + " stored in " + keystore
                + " under alias '" + NodeKeyStore.EXCHANGE_ALIAS + "'");
        out.println("certificate request written to " + csrOut + "; send it to the national node's CA");
        return EXIT_OK;
    }

    private int issue(Map<String, String> o) throws UsageException, PkiException, IOException {
        NodeIdentity identity = identity(o.get("node"));
        Duration validity = days(o, "days");
        Path csrFile = Path.of(o.get("csr"));
        var csr = Pem.readCsr(requireFile(csrFile));
        FederationCa ca = FederationCa.open(Path.of(o.get("ca-dir")), password(CA_PASSWORD_ENV));
        X509Certificate cert = ca.issue(csr, identity, validity);
        Path target = Path.of(o.get("out"));
        Pem.write(target, cert);
        out.println("issued certificate " + IssuedCert.hex(cert.getSerialNumber()) + " for node " + identity + " ("
                + SignatureAlgorithm.of(cert.getPublicKey()).configName() + " key), valid until "
                + cert.getNotAfter().toInstant() + ", written to " + target);
        return EXIT_OK;
    }

    private int installCert(Map<String, String> o) throws UsageException, IOException {
        Path keystore = Path.of(o.get("keystore"));
        X509Certificate cert = Pem.readCertificate(requireFile(Path.of(o.get("cert"))));
        X509Certificate root = Pem.readCertificate(requireFile(Path.of(o.get("root"))));
        char[] password = password(KEYSTORE_PASSWORD_ENV);
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalArgumentException("key store " + keystore + " does not exist; run node-key first");
        }
        NodeKeyStore store = NodeKeyStore.openOrCreate(keystore, password, JWT_COMMON_NAME);
        store.installExchangeCertificate(cert, root);
        out.println("installed certificate " + IssuedCert.hex(cert.getSerialNumber()) + " for node "
                + NodeIdentity.fromCertificate(cert) + " in " + keystore + "; the node signs with it from now on");
        return EXIT_OK;
    }

    private int revoke(Map<String, String> o) throws UsageException, PkiException {
        BigInteger serial;
        try {
            serial = new BigInteger(o.get("serial").replace(":", "").replaceFirst("^(0x|0X)", ""), 16);
        } catch (NumberFormatException e) {
            throw new UsageException("--serial must be hexadecimal, got '" + o.get("serial") + "'");
        }
        int reason;
        try {
            reason = CrlReasons.code(o.get("reason"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path dir = Path.of(o.get("ca-dir"));
        FederationCa.open(dir, password(CA_PASSWORD_ENV)).revoke(serial, reason);
        out.println("certificate " + IssuedCert.hex(serial) + " revoked (" + o.get("reason") + "); publish a new CRL "
                + "with: pki crl --ca-dir " + dir + " --out crl.pem");
        return EXIT_OK;
    }

    private int crl(Map<String, String> o) throws UsageException, PkiException, IOException {
        Duration nextUpdate = days(o, "days");
        FederationCa ca = FederationCa.open(Path.of(o.get("ca-dir")), password(CA_PASSWORD_ENV));
        X509CRL crl = ca.crl(nextUpdate);
        Path target = Path.of(o.get("out"));
        Pem.write(target, crl);
        int count = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        out.println("CRL number " + FederationTrust.crlNumber(crl) + " with " + count + " revoked certificate"
                + (count == 1 ? "" : "s") + ", next update " + crl.getNextUpdate().toInstant() + ", written to "
                + target);
        return EXIT_OK;
    }

    private int list(Map<String, String> o) throws PkiException {
        Path dir = Path.of(o.get("ca-dir"));
        List<IssuedCert> register = FederationCa.register(dir); // readable without the CA password
        Instant now = Instant.now();
        out.printf("%-10s %-7s %-11s %-21s %-21s %s%n", "SERIAL", "NODE", "LEVEL", "NOT BEFORE", "NOT AFTER",
                "STATUS");
        for (IssuedCert c : register) {
            String status = c.revocation().map(r -> "revoked " + r.revokedAt() + " " + r.reasonName())
                    .orElse(now.isAfter(c.notAfter()) ? "expired" : "valid");
            out.printf("%-10s %-7s %-11s %-21s %-21s %s%n", c.serialHex(), c.identity().nodeId(),
                    c.identity().levelName(), c.notBefore(), c.notAfter(), status);
        }
        out.println(register.size() + " certificate" + (register.size() == 1 ? "" : "s"));
        return EXIT_OK;
    }

    private int verifyCert(Map<String, String> o) throws UsageException, IOException {
        Instant at;
        try {
            at = o.get("at").isEmpty() ? Instant.now() : Instant.parse(o.get("at"));
        } catch (DateTimeParseException e) {
            throw new UsageException("--at must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
        }
        X509Certificate root = Pem.readCertificate(requireFile(Path.of(o.get("root"))));
        X509Certificate cert = Pem.readCertificate(requireFile(Path.of(o.get("cert"))));
        Optional<X509CRL> crl = o.get("crl").isEmpty() ? Optional.empty()
                : Optional.of(Pem.readCrl(requireFile(Path.of(o.get("crl")))));
        FederationTrust trust = new FederationTrust(root, crl);
        try {
            NodeIdentity identity = trust.validate(cert, at);
            out.println("OK " + identity.nodeId() + " " + identity.levelName() + " serial "
                    + IssuedCert.hex(cert.getSerialNumber()) + " valid until " + cert.getNotAfter().toInstant());
            return EXIT_OK;
        } catch (TrustException e) {
            String who;
            try {
                NodeIdentity identity = NodeIdentity.fromCertificate(cert);
                who = identity.nodeId() + " " + identity.levelName();
            } catch (IllegalArgumentException notANode) {
                who = "- -";
            }
            out.println(e.code() + " " + who + ": " + e.getMessage());
            return EXIT_REJECTED;
        }
    }

    /** Files written by {@code export-package}. */
    static final String CANONICAL_FILE = "package.canonical.json";
    static final String SIGNATURE_FILE = "signature.der";
    static final String SIGNER_FILE = "signer.pem";
    static final String SIGNED_ATTRS_FILE = "signed-attrs.der";
    static final String SIGNATURE_VALUE_FILE = "signature.bin";
    static final String SIGNER_KEY_FILE = "signer-pub.pem";
    /** Heading of the command block printed by {@code export-package}; every following line is a shell line. */
    static final String OPENSSL_HEADING = "check without this software, with OpenSSL 3";

    private int exportPackage(Map<String, String> o) throws IOException, PkiException {
        Path wireFile = Path.of(o.get("wire"));
        if (!Files.isRegularFile(wireFile)) {
            throw new IOException(wireFile + " does not exist or is not a file");
        }
        byte[] wire = Files.readAllBytes(wireFile);
        SignedPackage signed;
        try {
            // a stored document was accepted by some node, possibly with a limit above the default: no size limit
            signed = SignedPackage.fromWire(wire, Math.max(SignedPackage.DEFAULT_MAX_BYTES, wire.length));
        } catch (MalformedPackageException e) {
            throw new PkiException(wireFile + " is not a readable wire document (" + e.code() + "): "
                    + e.getMessage(), e);
        }
        DataPackage pkg = signed.pkg();
        Envelope env = pkg.envelope();
        byte[] canonical = pkg.canonicalBytes();
        byte[] cms = signed.signature();
        SignerParts signer = signerParts(cms);
        X509Certificate cert = signer.certificate();
        SignatureAlgorithm alg;
        try {
            alg = SignatureAlgorithm.of(cert.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new PkiException("the signer certificate's key is neither SM2 nor P-256: " + e.getMessage(), e);
        }
        byte[] signedAttributes;
        byte[] signatureValue;
        try {
            signedAttributes = CmsParts.signedAttributesDer(cms);
            signatureValue = CmsParts.signatureValue(cms);
        } catch (IllegalArgumentException e) {
            throw new PkiException("the signature is not a CMS SignedData in the exchange profile: "
                    + e.getMessage(), e);
        }

        Path dir = Path.of(o.get("out-dir"));
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CANONICAL_FILE), canonical, false);
        AtomicFiles.write(dir.resolve(SIGNATURE_FILE), cms, false);
        Pem.write(dir.resolve(SIGNER_FILE), cert);
        AtomicFiles.write(dir.resolve(SIGNED_ATTRS_FILE), signedAttributes, false);
        AtomicFiles.write(dir.resolve(SIGNATURE_VALUE_FILE), signatureValue, false);
        Pem.write(dir.resolve(SIGNER_KEY_FILE), cert.getPublicKey());

        String signerNode;
        String signerText;
        try {
            NodeIdentity identity = NodeIdentity.fromCertificate(cert);
            signerNode = identity.nodeId();
            signerText = identity.toString();
        } catch (IllegalArgumentException e) {
            signerNode = null;
            signerText = "- (subject '" + cert.getSubjectX500Principal().getName() + "' is not a node identity)";
        }
        boolean rootIsSm2 = SignatureAlgorithm.SM2_SM3.signatureOid().equals(cert.getSigAlgOID());

        out.println("package:      " + env.id() + " (" + env.type() + " v" + env.schemaVersion() + ") from "
                + env.sender() + " to " + env.receiver() + ", created " + env.createdAt());
        out.println("digest:       " + pkg.digest());
        out.println("algorithm:    " + alg.configName() + " (" + alg.jcaSignatureName() + ")");
        out.println("signer:       " + signerText);
        out.println("certificate:  serial " + IssuedCert.hex(cert.getSerialNumber()) + ", issuer '"
                + cert.getIssuerX500Principal().getName() + "' (" + (rootIsSm2 ? "sm2" : "p256") + " root), valid "
                + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant());
        out.println("signing time: " + (signer.signingTime() == null ? "-" : signer.signingTime()));

        List<String> problems = new ArrayList<>();
        try {
            CmsVerifier.verify(canonical, cms);
        } catch (CmsVerificationException e) {
            problems.add("the signature does not verify (" + e.reason() + "): " + e.getMessage());
        }
        if (signerNode == null || !signerNode.equals(env.sender().value())) {
            problems.add("the signer is not the envelope sender " + env.sender());
        }
        if (!pkg.payloadDigestMatches()) {
            problems.add("payloadDigest does not match the payload");
        }
        out.println("own check:    " + (problems.isEmpty()
                ? "signature verifies, signer = sender, payloadDigest matches (trust in the root is yours to check)"
                : String.join("; ", problems)));
        out.println("files in " + dir + ":");
        out.println("  " + CANONICAL_FILE + "  the signed bytes: canonical form of the package object ("
                + canonical.length + " bytes)");
        out.println("  " + SIGNATURE_FILE + "           the detached CMS SignedData (DER)");
        out.println("  " + SIGNER_FILE + "              the signer certificate, taken from the CMS");
        out.println("  " + SIGNED_ATTRS_FILE + "        the signed attributes as signed (DER SET OF)");
        out.println("  " + SIGNATURE_VALUE_FILE + "           the signature value (DER SEQUENCE {r, s})");
        out.println("  " + SIGNER_KEY_FILE + "          the signer's public key (SubjectPublicKeyInfo)");
        out.println();
        out.println(OPENSSL_HEADING + " in " + dir + ", next to root.pem (the federation root certificate, as "
                + "installed on every node):");
        for (String line : opensslCommands(alg, rootIsSm2, signer.messageDigest())) {
            out.println(line);
        }
        out.println();
        out.println("then check by eye: the certificate subject CN (" + (signerNode == null ? "-" : signerNode)
                + ") is the sender (" + env.sender() + "), and the signing time is what you expect.");
        return problems.isEmpty() ? EXIT_OK : EXIT_REJECTED;
    }

    /** The shell lines (comments start with '#') that check an exported package with OpenSSL 3.0. */
    static List<String> opensslCommands(SignatureAlgorithm alg, boolean rootIsSm2, byte[] messageDigest) {
        String distid = "distid:" + SignatureAlgorithm.SM2_DEFAULT_USER_ID;
        String chain = rootIsSm2
                ? "openssl verify -vfyopt " + distid + " -CAfile root.pem " + SIGNER_FILE
                : "openssl verify -CAfile root.pem " + SIGNER_FILE;
        List<String> lines = new ArrayList<>();
        if (alg == SignatureAlgorithm.ECDSA_P256_SHA256 && !rootIsSm2) {
            lines.add("# the CMS signature over the signed bytes and the certificate chain in one step"
                    + " -> \"CMS Verification successful\"");
            lines.add("openssl cms -verify -binary -inform DER -in " + SIGNATURE_FILE + " -content " + CANONICAL_FILE
                    + " -CAfile root.pem -out /dev/null");
            return lines;
        }
        if (alg == SignatureAlgorithm.ECDSA_P256_SHA256) {
            lines.add("# 1. the CMS signature over the signed bytes -> \"CMS Verification successful\" (-noverify:"
                    + " openssl cms cannot check a certificate signed by an SM2 root)");
            lines.add("openssl cms -verify -binary -inform DER -in " + SIGNATURE_FILE + " -content " + CANONICAL_FILE
                    + " -noverify -out /dev/null");
            lines.add("# 2. the signer certificate chains to the federation root -> \"" + SIGNER_FILE + ": OK\"");
            lines.add(chain);
            return lines;
        }
        String hex = HexFormat.of().formatHex(messageDigest);
        lines.add("# 1. the SM3 digest of the signed bytes must be the signed messageDigest attribute: expected");
        lines.add("#    " + hex + ", shown by asn1parse after ':messageDigest' in upper case");
        lines.add("openssl asn1parse -inform DER -in " + SIGNED_ATTRS_FILE);
        lines.add("test \"$(openssl dgst -sm3 -binary " + CANONICAL_FILE + " | od -An -v -tx1 | tr -d ' \\n')\" = "
                + hex + " && echo \"messageDigest OK\"");
        lines.add("# 2. the SM2 signature over the signed attributes -> \"Signature Verified Successfully\"");
        lines.add("openssl pkeyutl -verify -pubin -inkey " + SIGNER_KEY_FILE + " -rawin -in " + SIGNED_ATTRS_FILE
                + " -sigfile " + SIGNATURE_VALUE_FILE + " -digest sm3 -pkeyopt " + distid);
        lines.add("# 3. the signer certificate chains to the federation root -> \"" + SIGNER_FILE + ": OK\"");
        lines.add(chain);
        return lines;
    }

    /** The signer certificate, the messageDigest attribute and the signing time of a one-signer CMS SignedData. */
    private record SignerParts(X509Certificate certificate, byte[] messageDigest, Instant signingTime) {
    }

    private static SignerParts signerParts(byte[] cms) throws PkiException {
        try {
            CMSSignedData data = new CMSSignedData(cms);
            var signers = data.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new PkiException("the signature has " + signers.size() + " signers, expected one");
            }
            SignerInformation signer = signers.iterator().next();
            var matches = data.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new PkiException("the signature does not carry its signer's certificate");
            }
            X509Certificate cert = Pem.toX509((X509CertificateHolder) matches.iterator().next());
            AttributeTable attributes = signer.getSignedAttributes();
            Attribute digest = attributes == null ? null : attributes.get(CMSAttributes.messageDigest);
            if (digest == null) {
                throw new PkiException("the signature has no messageDigest signed attribute");
            }
            Attribute time = attributes.get(CMSAttributes.signingTime);
            return new SignerParts(cert, ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0))
                    .getOctets(), time == null ? null
                            : Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (CMSException | RuntimeException e) {
            throw new PkiException("the signature is not a readable CMS SignedData: " + oneLine(e), e);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static Map<String, String> parse(String name, Command command, List<String> args) throws UsageException {
        Map<String, String> options = new HashMap<>();
        Set<String> known = new HashSet<>(command.required());
        known.addAll(command.optional().keySet());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (key.equals("password") || key.endsWith("-password")) {
                throw new UsageException("passwords are read from " + CA_PASSWORD_ENV + " / " + KEYSTORE_PASSWORD_ENV
                        + ", never from the command line");
            }
            if (command.flags().contains(key)) {
                if (value != null) {
                    throw new UsageException("--" + key + " takes no value");
                }
                value = "true";
            } else if (known.contains(key)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + key + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (value.isEmpty()) {
                    throw new UsageException("--" + key + " needs a value");
                }
            } else {
                throw new UsageException("unknown option --" + key + " for " + name);
            }
            if (options.put(key, value) != null) {
                throw new UsageException("--" + key + " given twice");
            }
        }
        for (String required : command.required()) {
            if (!options.containsKey(required)) {
                throw new UsageException("missing --" + required);
            }
        }
        command.optional().forEach(options::putIfAbsent);
        return options;
    }

    private static SignatureAlgorithm algorithm(String name) throws UsageException {
        try {
            return SignatureAlgorithm.fromConfigName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--alg: " + e.getMessage());
        }
    }

    private static NodeIdentity identity(String node) throws UsageException {
        try {
            return NodeIdentity.of(node);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--node: " + e.getMessage());
        }
    }

    private static Duration days(Map<String, String> o, String key) throws UsageException {
        try {
            long days = Long.parseLong(o.get(key));
            if (days <= 0 || days > 36_500) {
                throw new NumberFormatException();
            }
            return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number of days between 1 and 36500, got '"
                    + o.get(key) + "'");
        }
    }

    private char[] password(String variable) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(variable + " is not set (passwords are read from the environment, "
                    + "never from the command line)");
        }
        return value.toCharArray();
    }

    private static String requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String usage() {
        return String.format(Locale.ROOT, USAGE, CA_PASSWORD_ENV, KEYSTORE_PASSWORD_ENV,
                String.join("|", CrlReasons.names()));
    }
}
