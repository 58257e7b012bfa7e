package cn.cityops.exchange.pki;

import static cn.cityops.exchange.pki.PkiTestSupport.CA_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.CmsParts;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.model.node.NodeId;

/**
 * {@code pki export-package}: the files it writes are exactly the signed parts, no password is needed, and the OpenSSL
 * commands it prints succeed on the export and fail once one byte of the signed bytes changes (the OpenSSL part is
 * skipped when {@code openssl} is not on the PATH).
 */
class ExportPackageTest {

    private static final String[] FILES = {"package.canonical.json", "signature.der", "signer.pem",
        "signed-attrs.der", "signature.bin", "signer-pub.pem"};

    @TempDir
    Path dir;

    private String out;
    private String err;

    @BeforeAll
    static void fast() {
        PkiTestSupport.fastKeyStores();
    }

    private record Exported(SignedPackage signed, FederationCa ca, NodeKeyStore.ExchangeCredentials node,
            Path outDir, int exit) {
    }

    /** A CA with a root of {@code rootAlg}, node 140600 with a {@code nodeAlg} key, one signed package exported. */
    private Exported export(SignatureAlgorithm rootAlg, SignatureAlgorithm nodeAlg) throws Exception {
        FederationCa ca = FederationCa.init(dir.resolve("ca"), rootAlg, CA_PASSWORD, Duration.ofDays(30));
        NodeKeyStore.ExchangeCredentials node = PkiTestSupport.certifiedNode(dir.resolve("node.p12"), ca, "140600",
                nodeAlg, Duration.ofDays(5)).exchangeCredentials().orElseThrow();
        DataPackage pkg = DataPackage.create("task.feedback", 1, NodeId.of("140600"), NodeId.of("140000"),
                "T-2026-0042", 3L, Json.createObjectBuilder()
                        .add("taskId", "T-2026-0042")
                        .add("reporter", Json.createObjectBuilder().add("nodeId", "140600").add("department", "城管局"))
                        .add("reportedAt", "2026-11-21T08:00:00.000Z")
                        .add("kind", "PROGRESS")
                        .add("percent", 80)
                        .add("text", "主次干道积雪已清除八成 \"ok\"\n")
                        .build(), Instant.now());
        SignedPackage signed = new SignedPackage(pkg, node.signer().signDetached(pkg.canonicalBytes()));
        Path wire = dir.resolve("downloaded.json");
        Files.write(wire, signed.toWire());
        Path outDir = dir.resolve("audit");
        int exit = pki(Map.of(), "export-package", "--wire", wire.toString(), "--out-dir", outDir.toString());
        return new Exported(signed, ca, node, outDir, exit);
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

    private void assertFilesAreTheSignedParts(Exported x) throws Exception {
        assertEquals(PkiTool.EXIT_OK, x.exit(), err + out);
        for (String f : FILES) {
            assertTrue(Files.isRegularFile(x.outDir().resolve(f)), f);
        }
        byte[] cms = x.signed().signature();
        assertArrayEquals(x.signed().pkg().canonicalBytes(), Files.readAllBytes(x.outDir().resolve(FILES[0])));
        assertArrayEquals(cms, Files.readAllBytes(x.outDir().resolve("signature.der")));
        assertEquals(x.node().certificate(), Pem.readCertificate(x.outDir().resolve("signer.pem")));
        assertArrayEquals(CmsParts.signedAttributesDer(cms), Files.readAllBytes(x.outDir().resolve("signed-attrs.der")));
        assertArrayEquals(CmsParts.signatureValue(cms), Files.readAllBytes(x.outDir().resolve("signature.bin")));
        assertEquals(Pem.toPem(x.node().certificate().getPublicKey()),
                Files.readString(x.outDir().resolve("signer-pub.pem")));
        assertTrue(Files.readString(x.outDir().resolve("signer-pub.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(out.contains("algorithm:    " + x.node().algorithm().configName() + " ("), out);
        assertTrue(out.contains("signer:       140600 (municipal)"), out);
        assertTrue(out.contains("own check:    signature verifies"), out);
        assertTrue(err.isEmpty(), err);
    }

    /** The shell lines printed under the OpenSSL heading, comments left out. */
    private List<String> commands() {
        List<String> lines = out.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(PkiTool.OPENSSL_HEADING)) {
                start = i + 1;
            }
        }
        assertTrue(start > 0, out);
        List<String> commands = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).isBlank(); i++) {
            if (!lines.get(i).startsWith("#")) {
                commands.add(lines.get(i));
            }
        }
        assertFalse(commands.isEmpty(), out);
        commands.forEach(c -> assertTrue(c.startsWith("openssl ") || c.startsWith("test \"$(openssl "), c));
        return commands;
    }

    // --- without OpenSSL ------------------------------------------------------------------------------------------

    @Test
    void writesTheSignedPartsOfAP256Package() throws Exception {
        Exported x = export(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertFilesAreTheSignedParts(x);
        List<String> commands = commands();
        assertEquals(List.of("openssl cms -verify -binary -inform DER -in signature.der -content "
                + "package.canonical.json -CAfile root.pem -out /dev/null"), commands);
    }

    @Test
    void writesTheSignedPartsOfAnSm2PackageAndTheExpectedDigest() throws Exception {
        Exported x = export(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.SM2_SM3);
        assertFilesAreTheSignedParts(x);
        String sm3 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SM3", BcProvider.get())
                .digest(x.signed().pkg().canonicalBytes()));
        assertTrue(out.contains(sm3), "expected messageDigest printed: " + out);
        List<String> commands = commands();
        assertTrue(commands.contains("openssl pkeyutl -verify -pubin -inkey signer-pub.pem -rawin -in signed-attrs.der"
                + " -sigfile signature.bin -digest sm3 -pkeyopt distid:1234567812345678"), out);
        assertTrue(commands.contains("openssl verify -vfyopt distid:1234567812345678 -CAfile root.pem signer.pem"),
                out);
        assertTrue(commands.stream().anyMatch(c -> c.contains("openssl dgst -sm3 -binary package.canonical.json")),
                out);
    }

    @Test
    void needsNoPasswordAndRefusesBadInput() throws Exception {
        assertEquals(PkiTool.EXIT_USAGE, pki(Map.of(), "export-package", "--wire", "x.json"));
        assertTrue(err.contains("missing --out-dir"), err);
        assertEquals(PkiTool.EXIT_USAGE, pki(Map.of(), "export-package", "--wire", "x.json", "--out-dir", "o",
                "--password", "p"));
        assertEquals(PkiTool.EXIT_FAILED, pki(Map.of(), "export-package", "--wire", dir.resolve("none.json")
                .toString(), "--out-dir", dir.resolve("o").toString()));
        assertTrue(err.startsWith("pki export-package: ") && err.contains("does not exist"), err);
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"package\":{}}");
        assertEquals(PkiTool.EXIT_FAILED, pki(Map.of(), "export-package", "--wire", garbage.toString(), "--out-dir",
                dir.resolve("o").toString()));
        assertTrue(err.contains("PKG_MALFORMED"), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(Files.exists(dir.resolve("o")));

        assertEquals(PkiTool.EXIT_OK, pki(Map.of(), "help"));
        assertTrue(out.contains("export-package --wire FILE --out-dir DIR"), out);
    }

    @Test
    void exportsATamperedPackageButSaysItsSignatureDoesNotVerify() throws Exception {
        Exported x = export(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertEquals(PkiTool.EXIT_OK, x.exit(), err + out);
        String text = Files.readString(dir.resolve("downloaded.json"));
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, text.replace("\"percent\":80", "\"percent\":100"));
        Path outDir = dir.resolve("forged-audit");
        assertEquals(PkiTool.EXIT_REJECTED, pki(Map.of(), "export-package", "--wire", forged.toString(),
                "--out-dir", outDir.toString()), err + out);
        assertTrue(out.contains("own check:    the signature does not verify (DIGEST_MISMATCH)"), out);
        for (String f : FILES) {
            assertTrue(Files.isRegularFile(outDir.resolve(f)), f);
        }
    }

    // --- with OpenSSL ---------------------------------------------------------------------------------------------

    @Test
    void opensslChecksAP256PackageAndItsChainInOneStep() throws Exception {
        requireOpenSsl();
        Exported x = export(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertFilesAreTheSignedParts(x);
        Pem.write(x.outDir().resolve("root.pem"), x.ca().rootCertificate());
        List<String> commands = commands();
        String all = runAll(x.outDir(), commands);
        assertTrue(all.contains("CMS Verification successful"), all);

        tamper(x.outDir());
        Result broken = run(x.outDir(), commands.get(0));
        assertNotEquals(0, broken.exit(), broken.toString());
        assertTrue(broken.output().contains("Verification failure"), broken.toString());
    }

    @Test
    void opensslChecksAP256PackageUnderAnSm2Root() throws Exception {
        requireOpenSsl();
        Exported x = export(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertFilesAreTheSignedParts(x);
        Pem.write(x.outDir().resolve("root.pem"), x.ca().rootCertificate());
        List<String> commands = commands();
        assertEquals(List.of("openssl cms -verify -binary -inform DER -in signature.der -content "
                + "package.canonical.json -noverify -out /dev/null",
                "openssl verify -vfyopt distid:1234567812345678 -CAfile root.pem signer.pem"), commands);
        String all = runAll(x.outDir(), commands);
        assertTrue(all.contains("CMS Verification successful"), all);
        assertTrue(all.contains("signer.pem: OK"), all);

        tamper(x.outDir());
        Result broken = run(x.outDir(), commands.get(0));
        assertNotEquals(0, broken.exit(), broken.toString());
        // the chain check does not depend on the content; a foreign root fails it
        FederationCa other = FederationCa.init(dir.resolve("other-ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD,
                Duration.ofDays(30));
        Pem.write(x.outDir().resolve("root.pem"), other.rootCertificate());
        assertNotEquals(0, run(x.outDir(), commands.get(1)).exit());
    }

    @Test
    void opensslChecksAnSm2Package() throws Exception {
        requireOpenSsl();
        Exported x = export(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.SM2_SM3);
        assertFilesAreTheSignedParts(x);
        Pem.write(x.outDir().resolve("root.pem"), x.ca().rootCertificate());
        List<String> commands = commands();
        String all = runAll(x.outDir(), commands);
        String sm3 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SM3", BcProvider.get())
                .digest(x.signed().pkg().canonicalBytes()));
        assertTrue(all.contains(":messageDigest") && all.contains(sm3.toUpperCase(Locale.ROOT)),
                "asn1parse shows the signed messageDigest: " + all);
        assertTrue(all.contains("messageDigest OK"), all);
        assertTrue(all.contains("Signature Verified Successfully"), all);
        assertTrue(all.contains("signer.pem: OK"), all);

        tamper(x.outDir());
        // the signed attributes are untouched, so only the digest comparison can see the change — and it does
        String digestCheck = commands.stream().filter(c -> c.startsWith("test ")).findFirst().orElseThrow();
        Result broken = run(x.outDir(), digestCheck);
        assertNotEquals(0, broken.exit(), broken.toString());
        assertFalse(broken.output().contains("messageDigest OK"), broken.toString());
        // and a changed signed-attrs.der fails the signature check
        Path attrs = x.outDir().resolve("signed-attrs.der");
        byte[] changed = Files.readAllBytes(attrs);
        changed[changed.length - 1] ^= 1;
        Files.write(attrs, changed);
        String pkeyutl = commands.stream().filter(c -> c.startsWith("openssl pkeyutl")).findFirst().orElseThrow();
        assertNotEquals(0, run(x.outDir(), pkeyutl).exit());
    }

    private static void tamper(Path outDir) throws IOException {
        Path content = outDir.resolve("package.canonical.json");
        byte[] bytes = Files.readAllBytes(content);
        bytes[bytes.length / 2] ^= 1;
        Files.write(content, bytes);
    }

    private static void requireOpenSsl() {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !p.isEmpty() && Files.isExecutable(Path.of(p, "openssl"));
        }
        Assumptions.assumeTrue(found, "openssl is not on the PATH");
    }

    /** Exit status and output of one command; {@code output} is the process output only. */
    private record Result(String command, int exit, String output) {
        @Override
        public String toString() {
            return command + " -> " + exit + "\n" + output;
        }
    }

    /** Runs every command, each must succeed; returns their combined output. */
    private static String runAll(Path workDir, List<String> commands) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String command : commands) {
            Result r = run(workDir, command);
            assertEquals(0, r.exit(), r.toString());
            all.append(r.output()).append('\n');
        }
        return all.toString();
    }

    private static Result run(Path workDir, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        return new Result(command, process.exitValue(), output);
    }
}
