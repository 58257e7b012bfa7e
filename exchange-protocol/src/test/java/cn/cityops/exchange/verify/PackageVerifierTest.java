package cn.cityops.exchange.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.crypto.KeyPairs;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pkg.DataPackage;
import cn.cityops.exchange.pkg.Envelope;
import cn.cityops.exchange.pkg.JsonReading;
import cn.cityops.exchange.pkg.Receipts;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.Receipts.ReceiptView;
import cn.cityops.exchange.pkg.RejectionCode;
import cn.cityops.exchange.pkg.SignedPackage;
import cn.cityops.exchange.pki.CrlReasons;
import cn.cityops.exchange.pki.FederationCa;
import cn.cityops.exchange.pki.FederationTrust;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.exchange.schema.PackageTypes;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.node.NodeLevel;

/**
 * The receiver's pipeline (SPEC.md §8) with real keys and certificates: a federation CA with an SM2 root, the national
 * node 100000 (P-256 key), the province 140000 (SM2) and the city 140600 (SM2). The verifier under test is the
 * province's: packages for 140000 are its own, packages for 100000 and the cities 14xx00 are forwarded. One test per
 * rejection code, each checking the exact code and whether the envelope travels with the rejection.
 */
class PackageVerifierTest {

    private static final char[] CA_PASSWORD = "ca-secret".toCharArray();

    /** The receiver's fixed "now"; certificates are issued by the CA at real time, a few moments before. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration FRESHNESS = Duration.ofHours(168);

    private static final NodeId NATIONAL = NodeId.NATIONAL;
    private static final NodeId SHANXI = NodeId.of("140000");
    private static final NodeId SHUOZHOU = NodeId.of("140600");
    private static final Set<NodeId> DIRECTORY = Set.of(NATIONAL, SHANXI, SHUOZHOU);

    @TempDir
    static Path dir;

    private static PackageTypes types;
    private static FederationCa ca;
    private static FederationTrust trust;
    private static Node national;
    private static Node province;
    private static Node city;

    /** A node's key and CA-issued certificate. */
    private record Node(NodeIdentity identity, SignatureAlgorithm alg, KeyPair keys, X509Certificate cert) {
        CmsSigner signer(Clock clock) {
            return new CmsSigner(keys.getPrivate(), cert, alg, clock);
        }

        NodeId id() {
            return identity.node();
        }
    }

    @BeforeAll
    static void federation() throws Exception {
        // BouncyCastle's PKCS#12 default of 600 000 PBKDF2 iterations makes every CA key store write take ~1.5 s
        System.setProperty("org.bouncycastle.pkcs12.store_it_count", "2048");
        types = PackageTypes.standard();
        ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, CA_PASSWORD, Duration.ofDays(30));
        trust = new FederationTrust(ca.rootCertificate(), Optional.empty());
        national = certify(ca, "100000", SignatureAlgorithm.ECDSA_P256_SHA256, Duration.ofDays(5));
        province = certify(ca, "140000", SignatureAlgorithm.SM2_SM3, Duration.ofDays(5));
        city = certify(ca, "140600", SignatureAlgorithm.SM2_SM3, Duration.ofDays(5));
    }

    private static Node certify(FederationCa issuer, String nodeId, SignatureAlgorithm alg, Duration validity)
            throws Exception {
        NodeIdentity identity = NodeIdentity.of(nodeId);
        KeyPair keys = KeyPairs.generate(alg);
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(identity.x500Name(),
                keys.getPublic()).build(new JcaContentSignerBuilder(alg.jcaSignatureName())
                        .setProvider(BcProvider.get()).build(keys.getPrivate()));
        return new Node(identity, alg, keys, issuer.issue(csr, identity, validity));
    }

    // --- set-up helpers ---------------------------------------------------------------------------------------------

    /** The province's verifier with the given clock, directory and trust. */
    private static PackageVerifier verifier(Clock clock, Predicate<NodeId> knownSender, FederationTrust federation,
            int maxBytes) {
        // the province relays between its cities and the national node
        java.util.function.BiPredicate<NodeId, NodeId> routable = (s, r) -> r.equals(NATIONAL)
                || (r.level() == NodeLevel.MUNICIPAL && r.value().startsWith("14"));
        return new PackageVerifier(SHANXI, maxBytes, FRESHNESS, types, () -> federation, knownSender, routable,
                clock);
    }

    private static PackageVerifier verifier() {
        return verifier(CLOCK, DIRECTORY::contains, trust, SignedPackage.DEFAULT_MAX_BYTES);
    }

    private static JsonObject ping(String text) {
        return Json.createObjectBuilder().add("text", text).build();
    }

    private static DataPackage pingPackage(NodeId sender, NodeId receiver, Instant createdAt) {
        return DataPackage.create("ping", 1, sender, receiver, "ping-1", null, ping("hello from " + sender),
                createdAt);
    }

    private static SignedPackage sign(DataPackage pkg, Node signer, Clock clock) {
        return new SignedPackage(pkg, signer.signer(clock).signDetached(pkg.canonicalBytes()));
    }

    private static SignedPackage sign(DataPackage pkg, Node signer) {
        return sign(pkg, signer, CLOCK);
    }

    /** A correctly signed ping from the city to the province. */
    private static SignedPackage cityPing() {
        return sign(pingPackage(SHUOZHOU, SHANXI, NOW), city);
    }

    private static JsonObject json(byte[] wire) throws Exception {
        return JsonReading.parseObject(wire, JsonReading.DEFAULT_MAX_DEPTH);
    }

    private static byte[] bytes(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The wire document of {@code signed} with its package object changed (the signature is kept). */
    private static byte[] tamperPackage(SignedPackage signed, UnaryOperator<JsonObjectBuilder> change)
            throws Exception {
        JsonObject wire = json(signed.toWire());
        JsonObject pkg = change.apply(Json.createObjectBuilder(wire.getJsonObject("package"))).build();
        return bytes(Json.createObjectBuilder(wire).add("package", pkg).build());
    }

    private static JsonObject sample(String type) throws Exception {
        try (InputStream in = PackageVerifierTest.class.getResourceAsStream(
                "/cn/cityops/exchange/schema/samples/" + type + ".v1.json")) {
            assertNotNull(in, "sample of " + type);
            return json(in.readAllBytes());
        }
    }

    private static PackageRejectedException rejected(RejectionCode expected, PackageVerifier verifier, byte[] wire) {
        PackageRejectedException e = assertThrows(PackageRejectedException.class, () -> verifier.verify(wire));
        assertEquals(expected, e.code(), e.getMessage());
        assertNotNull(e.getMessage());
        return e;
    }

    /** Expects a rejection with a readable envelope and returns it. */
    private static Envelope rejectedWithEnvelope(RejectionCode expected, PackageVerifier verifier, byte[] wire) {
        PackageRejectedException e = rejected(expected, verifier, wire);
        assertTrue(e.envelope().isPresent(), "envelope travels with " + expected);
        return e.envelope().get();
    }

    private static void rejectedWithoutEnvelope(RejectionCode expected, PackageVerifier verifier, byte[] wire) {
        PackageRejectedException e = rejected(expected, verifier, wire);
        assertTrue(e.envelope().isEmpty(), "no envelope with " + expected + ": " + e.getMessage());
    }

    // --- happy paths ------------------------------------------------------------------------------------------------

    @Test
    void acceptsAnSm2SignedPackageForThisNode() throws Exception {
        SignedPackage signed = cityPing();
        byte[] wire = signed.toWire();
        VerifiedPackage v = verifier().verify(wire);
        assertTrue(v.forThisNode());
        assertEquals(city.identity(), v.signer());
        assertEquals(NOW.truncatedTo(ChronoUnit.SECONDS), v.signingTime(), "CMS signingTime (UTCTime: seconds)");
        assertEquals(signed.pkg(), v.pkg());
        assertEquals(signed.pkg().envelope(), v.envelope());
        assertArrayEquals(wire, v.wire());
        assertArrayEquals(signed.signature(), v.signed().signature());
        assertEquals(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.of(city.cert().getPublicKey()));
    }

    @Test
    void acceptsAP256SignedPackageForThisNode() throws Exception {
        VerifiedPackage v = verifier().verify(sign(pingPackage(NATIONAL, SHANXI, NOW), national).toWire());
        assertTrue(v.forThisNode());
        assertEquals(national.identity(), v.signer());
        assertEquals(NodeLevel.NATIONAL, v.signer().level());
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.of(national.cert().getPublicKey()));
    }

    @Test
    void acceptsAnyLayoutOfTheWireDocument() throws Exception {
        SignedPackage signed = cityPing();
        JsonObject wire = json(signed.toWire());
        String pretty = "{\n  \"signature\": \"" + wire.getString("signature") + "\",\n  \"package\": "
                + wire.getJsonObject("package") + "\n}\n";
        VerifiedPackage v = verifier().verify(pretty.getBytes(StandardCharsets.UTF_8));
        assertEquals(signed.pkg().digest(), v.pkg().digest());
    }

    @Test
    void acceptsAPackageRoutedThroughThisNodeAsNotForThisNode() throws Exception {
        // 100000 → 140600 travels through 140000; the province verifies it fully and forwards it
        VerifiedPackage down = verifier().verify(sign(pingPackage(NATIONAL, SHUOZHOU, NOW), national).toWire());
        assertFalse(down.forThisNode());
        assertEquals(SHUOZHOU, down.envelope().receiver());
        // 140600 → 100000 travels up through 140000
        VerifiedPackage up = verifier().verify(sign(pingPackage(SHUOZHOU, NATIONAL, NOW), city).toWire());
        assertFalse(up.forThisNode());
    }

    @Test
    void acceptsALaterMinorProtocolVersionWithAnExtraSignedMember() throws Exception {
        JsonObject original = pingPackage(SHUOZHOU, SHANXI, NOW).toJson();
        JsonObject newer = Json.createObjectBuilder(original).add("protocol", "cityops-exchange/1.1")
                .add("priorityHint", "LOW").build();
        DataPackage pkg = DataPackage.fromJson(newer);
        VerifiedPackage v = verifier().verify(sign(pkg, city).toWire());
        assertEquals(1, v.envelope().protocolMinor());
        // the extra member is signed: removing it breaks the signature
        byte[] stripped = tamperPackage(sign(pkg, city), b -> b.remove("priorityHint"));
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(), stripped);
    }

    // --- step 1, 2, 3: size, well-formedness, protocol -----------------------------------------------------------------

    @Test
    void refusesADocumentLargerThanTheLimitBeforeParsing() throws Exception {
        byte[] wire = cityPing().toWire();
        verifier(CLOCK, DIRECTORY::contains, trust, wire.length).verify(wire); // exactly at the limit: fine
        rejectedWithoutEnvelope(RejectionCode.PKG_TOO_LARGE,
                verifier(CLOCK, DIRECTORY::contains, trust, wire.length - 1), wire);
        byte[] garbage = new byte[4096];
        rejectedWithoutEnvelope(RejectionCode.PKG_TOO_LARGE,
                verifier(CLOCK, DIRECTORY::contains, trust, 4095), garbage);
    }

    @Test
    void refusesMalformedJson() throws Exception {
        byte[] wire = cityPing().toWire();
        String text = new String(wire, StandardCharsets.UTF_8);
        PackageVerifier verifier = verifier();
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier, "not json".getBytes(StandardCharsets.UTF_8));
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier, new byte[0]);
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier,
                text.substring(0, text.length() - 2).getBytes(StandardCharsets.UTF_8));
        // duplicate member name
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier,
                text.replace("{\"package\":{", "{\"package\":{\"id\":\"x\",").getBytes(StandardCharsets.UTF_8));
        // a non-integer number in the payload
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier,
                tamperPackage(cityPing(), b -> b.add("payload", Json.createObjectBuilder().add("text", "x")
                        .add("n", 1.5))));
        // a top-level member other than package and signature
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier,
                bytes(Json.createObjectBuilder(json(wire)).add("comment", "x").build()));
        // signature is not base64
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier,
                bytes(Json.createObjectBuilder(json(wire)).add("signature", "not base64!").build()));
    }

    @Test
    void refusesAMalformedEnvelopeMemberNamingIt() throws Exception {
        byte[] wire = tamperPackage(cityPing(), b -> b.add("createdAt", "2026-11-21T08:00:00Z"));
        PackageRejectedException e = rejected(RejectionCode.PKG_MALFORMED, verifier(), wire);
        assertTrue(e.getMessage().startsWith("createdAt:"), e.getMessage());
        assertTrue(e.envelope().isEmpty());

        PackageRejectedException missing = rejected(RejectionCode.PKG_MALFORMED, verifier(),
                tamperPackage(cityPing(), b -> b.remove("correlationId")));
        assertTrue(missing.getMessage().startsWith("correlationId:"), missing.getMessage());
    }

    @Test
    void refusesAnotherProtocolMajor() throws Exception {
        PackageRejectedException e = rejected(RejectionCode.PKG_UNSUPPORTED_PROTOCOL, verifier(),
                tamperPackage(cityPing(), b -> b.add("protocol", "cityops-exchange/2")));
        assertTrue(e.getMessage().startsWith("protocol:"), e.getMessage());
        assertTrue(e.envelope().isEmpty());
        rejectedWithoutEnvelope(RejectionCode.PKG_UNSUPPORTED_PROTOCOL, verifier(),
                tamperPackage(cityPing(), b -> b.add("protocol", "x-road/1")));
        // the protocol is checked before the other members, even when they are broken too
        rejectedWithoutEnvelope(RejectionCode.PKG_UNSUPPORTED_PROTOCOL, verifier(),
                tamperPackage(cityPing(), b -> b.add("protocol", "cityops-exchange/2").add("createdAt", "yesterday")));
    }

    // --- steps 4, 5: registry -----------------------------------------------------------------------------------------

    @Test
    void refusesAnUnknownType() throws Exception {
        DataPackage pkg = DataPackage.create("weather.report", 1, SHUOZHOU, SHANXI, "w-1", null, ping("sunny"), NOW);
        Envelope env = rejectedWithEnvelope(RejectionCode.PKG_UNKNOWN_TYPE, verifier(), sign(pkg, city).toWire());
        assertEquals("weather.report", env.type());
    }

    @Test
    void refusesAnUnsupportedSchemaVersionListingTheSupportedOnes() throws Exception {
        DataPackage pkg = DataPackage.create("ping", 99, SHUOZHOU, SHANXI, "p-99", null, ping("v99"), NOW);
        PackageRejectedException e = rejected(RejectionCode.PKG_UNSUPPORTED_SCHEMA_VERSION, verifier(),
                sign(pkg, city).toWire());
        assertEquals(99, e.envelope().orElseThrow().schemaVersion());
        assertTrue(e.getMessage().contains("schema version 99 of 'ping' is not supported; supported: [1]"),
                e.getMessage());
    }

    // --- steps 6, 7: receiver and sender ----------------------------------------------------------------------------

    @Test
    void refusesAPackageForANodeNotReachedThroughThisNode() throws Exception {
        NodeId hebeiCity = NodeId.of("130100");
        Envelope env = rejectedWithEnvelope(RejectionCode.PKG_WRONG_RECEIVER, verifier(),
                sign(pingPackage(NATIONAL, hebeiCity, NOW), national).toWire());
        assertEquals(hebeiCity, env.receiver());
    }

    @Test
    void refusesASenderNotInTheDirectory() throws Exception {
        PackageVerifier withoutCity = verifier(CLOCK, n -> !n.equals(SHUOZHOU), trust,
                SignedPackage.DEFAULT_MAX_BYTES);
        Envelope env = rejectedWithEnvelope(RejectionCode.PKG_UNKNOWN_SENDER, withoutCity, cityPing().toWire());
        assertEquals(SHUOZHOU, env.sender());
        assertTrue(RejectionCode.PKG_UNKNOWN_SENDER.retryable());
    }

    @Test
    void acceptsADirectoryUpdateFromTheNationalNodeEvenWhenTheSenderIsUnknown() throws Exception {
        PackageVerifier emptyDirectory = verifier(CLOCK, n -> false, trust, SignedPackage.DEFAULT_MAX_BYTES);
        DataPackage update = DataPackage.create(PackageVerifier.DIRECTORY_UPDATE, 1, NATIONAL, SHANXI, "directory",
                null, sample("directory.update"), NOW);
        VerifiedPackage v = emptyDirectory.verify(sign(update, national).toWire());
        assertEquals(NodeLevel.NATIONAL, v.signer().level());
        assertTrue(v.forThisNode());
        // any other type from the national node is still refused while the directory does not know it
        rejectedWithEnvelope(RejectionCode.PKG_UNKNOWN_SENDER, emptyDirectory,
                sign(pingPackage(NATIONAL, SHANXI, NOW), national).toWire());
    }

    @Test
    void refusesADirectoryUpdateClaimingTheNationalSenderButSignedByAProvince() throws Exception {
        DataPackage update = DataPackage.create(PackageVerifier.DIRECTORY_UPDATE, 1, NATIONAL, SHANXI, "directory",
                null, sample("directory.update"), NOW);
        rejectedWithEnvelope(RejectionCode.CERT_SENDER_MISMATCH, verifier(), sign(update, province).toWire());
        rejectedWithEnvelope(RejectionCode.CERT_SENDER_MISMATCH,
                verifier(CLOCK, n -> false, trust, SignedPackage.DEFAULT_MAX_BYTES), sign(update, province).toWire());
    }

    /**
     * SPEC.md §7.5 and §10: a directory update is accepted only from sender 100000 with the national certificate,
     * otherwise CERT_SENDER_MISMATCH. The verifier only enforces this when the sender is 100000; a directory update
     * sent and signed by a province (a known sender) passes, and node-core's DirectoryService.apply relies on the
     * verifier ("the verifier checked the signer is national").
     */
    @Test
    void refusesADirectoryUpdateFromAnyOtherSender() throws Exception {
        DataPackage update = DataPackage.create(PackageVerifier.DIRECTORY_UPDATE, 1, SHANXI, SHUOZHOU, "directory",
                null, sample("directory.update"), NOW);
        rejectedWithEnvelope(RejectionCode.CERT_SENDER_MISMATCH, verifier(), sign(update, province).toWire());
    }

    // --- steps 8, 9: certificate ------------------------------------------------------------------------------------

    @Test
    void refusesACertificateOfAnotherNodeThanTheSender() throws Exception {
        // claims to come from the city, signed (validly) by the province
        Envelope env = rejectedWithEnvelope(RejectionCode.CERT_SENDER_MISMATCH, verifier(),
                sign(pingPackage(SHUOZHOU, SHANXI, NOW), province).toWire());
        assertEquals(SHUOZHOU, env.sender());
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        Node shortLived = certify(ca, "140600", SignatureAlgorithm.SM2_SM3, Duration.ofHours(1));
        Instant later = shortLived.cert().getNotAfter().toInstant().plus(Duration.ofHours(1));
        Clock laterClock = Clock.fixed(later, ZoneOffset.UTC);
        // fresh at the receiver's clock; only the certificate is out of date
        byte[] wire = sign(pingPackage(SHUOZHOU, SHANXI, later), shortLived, laterClock).toWire();
        PackageVerifier atLater = verifier(laterClock, DIRECTORY::contains, trust, SignedPackage.DEFAULT_MAX_BYTES);
        PackageRejectedException e = rejected(RejectionCode.CERT_EXPIRED, atLater, wire);
        assertTrue(e.envelope().isPresent());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        // the same package is fine while the certificate is valid
        Clock earlier = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        verifier(earlier, DIRECTORY::contains, trust, SignedPackage.DEFAULT_MAX_BYTES)
                .verify(sign(pingPackage(SHUOZHOU, SHANXI, NOW), shortLived, earlier).toWire());
    }

    @Test
    void refusesARevokedCertificate() throws Exception {
        Node compromised = certify(ca, "140600", SignatureAlgorithm.SM2_SM3, Duration.ofDays(5));
        byte[] wire = sign(pingPackage(SHUOZHOU, SHANXI, NOW), compromised).toWire();
        verifier().verify(wire); // not yet on a CRL
        ca.revoke(compromised.cert().getSerialNumber(), CrlReasons.code("keyCompromise"));
        FederationTrust withCrl = trust.withCrl(ca.crl(Duration.ofDays(7)));
        PackageVerifier verifier = verifier(CLOCK, DIRECTORY::contains, withCrl, SignedPackage.DEFAULT_MAX_BYTES);
        rejectedWithEnvelope(RejectionCode.CERT_REVOKED, verifier, wire);
        // the city's current certificate is not affected
        verifier.verify(cityPing().toWire());
    }

    @Test
    void refusesACertificateFromAnotherRoot() throws Exception {
        // same root subject, another key: the issuer name matches but the signature does not
        FederationCa rogue = FederationCa.init(dir.resolve("rogue-ca"), SignatureAlgorithm.ECDSA_P256_SHA256,
                CA_PASSWORD, Duration.ofDays(30));
        Node impostor = certify(rogue, "140600", SignatureAlgorithm.SM2_SM3, Duration.ofDays(5));
        Envelope env = rejectedWithEnvelope(RejectionCode.CERT_UNTRUSTED, verifier(),
                sign(pingPackage(SHUOZHOU, SHANXI, NOW), impostor).toWire());
        assertEquals(SHUOZHOU, env.sender());
    }

    // --- steps 10, 11: signature and payload digest -----------------------------------------------------------------

    @Test
    void refusesATamperedPayload() throws Exception {
        byte[] wire = tamperPackage(cityPing(), b -> b.add("payload", ping("hello from somebody else")));
        Envelope env = rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(), wire);
        assertEquals(SHUOZHOU, env.sender());
    }

    @Test
    void refusesAPayloadChangedAndReSignedWithAStalePayloadDigest() throws Exception {
        JsonObject original = cityPing().pkg().toJson();
        JsonObject changed = Json.createObjectBuilder(original).add("payload", ping("changed after digesting"))
                .build();
        DataPackage pkg = DataPackage.fromJson(changed);
        assertFalse(pkg.payloadDigestMatches());
        Envelope env = rejectedWithEnvelope(RejectionCode.PKG_DIGEST_MISMATCH, verifier(), sign(pkg, city).toWire());
        assertEquals(original.getString("payloadDigest"), env.payloadDigest());
    }

    @Test
    void refusesATamperedEnvelopeMember() throws Exception {
        SignedPackage signed = cityPing();
        // the province's own city is routable, so only the signature can catch the change
        Envelope env = rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(),
                tamperPackage(signed, b -> b.add("receiver", "140600")));
        assertEquals(SHUOZHOU, env.receiver());
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(),
                tamperPackage(signed, b -> b.add("createdAt", "2026-01-01T00:00:00.000Z")));
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(),
                tamperPackage(signed, b -> b.add("sequence", 7)));
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(),
                tamperPackage(signed, b -> b.add("id", UUID.randomUUID().toString())));
    }

    @Test
    void refusesASignatureOfOtherContentOrNoCmsAtAll() throws Exception {
        SignedPackage signed = cityPing();
        SignedPackage other = sign(pingPackage(SHUOZHOU, SHANXI, NOW), city);
        JsonObject wire = json(signed.toWire());
        byte[] swapped = bytes(Json.createObjectBuilder(wire)
                .add("signature", Base64.getEncoder().encodeToString(other.signature())).build());
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(), swapped);
        byte[] garbage = bytes(Json.createObjectBuilder(wire)
                .add("signature", Base64.getEncoder().encodeToString("no CMS here".getBytes(StandardCharsets.UTF_8)))
                .build());
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(), garbage);
        byte[] sig = signed.signature();
        sig[sig.length - 5] ^= 1; // inside the signature value
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier(), new SignedPackage(signed.pkg(), sig).toWire());
    }

    // --- step 12: freshness -----------------------------------------------------------------------------------------

    @Test
    void refusesAReplayedOldPackage() throws Exception {
        Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
        byte[] replay = sign(pingPackage(SHUOZHOU, SHANXI, eightDaysAgo), city,
                Clock.fixed(eightDaysAgo, ZoneOffset.UTC)).toWire();
        PackageRejectedException e = rejected(RejectionCode.PKG_STALE, verifier(), replay);
        assertTrue(e.envelope().isPresent());
        // freshness is measured on the signing time, not on createdAt: a new package with an old signature ...
        Instant justOutside = NOW.minus(FRESHNESS).minusSeconds(2);
        rejectedWithEnvelope(RejectionCode.PKG_STALE, verifier(),
                sign(pingPackage(SHUOZHOU, SHANXI, NOW), city, Clock.fixed(justOutside, ZoneOffset.UTC)).toWire());
        // ... is stale, while an old package signed anew (a retry after an outage) is fine
        verifier().verify(sign(pingPackage(SHUOZHOU, SHANXI, eightDaysAgo), city).toWire());
        Instant justInside = NOW.minus(FRESHNESS).plusSeconds(2);
        verifier().verify(sign(pingPackage(SHUOZHOU, SHANXI, justInside), city,
                Clock.fixed(justInside, ZoneOffset.UTC)).toWire());
    }

    @Test
    void refusesAFutureDatedPackage() throws Exception {
        Instant tenMinutesAhead = NOW.plus(Duration.ofMinutes(10));
        // signed by a clock running ahead
        rejectedWithEnvelope(RejectionCode.PKG_STALE, verifier(), sign(pingPackage(SHUOZHOU, SHANXI, NOW), city,
                Clock.fixed(tenMinutesAhead, ZoneOffset.UTC)).toWire());
        // created in the future, signed now
        rejectedWithEnvelope(RejectionCode.PKG_STALE, verifier(),
                sign(pingPackage(SHUOZHOU, SHANXI, tenMinutesAhead), city).toWire());
        // within the 5 minutes of clock skew: fine
        Instant fourMinutesAhead = NOW.plus(Duration.ofMinutes(4));
        verifier().verify(sign(pingPackage(SHUOZHOU, SHANXI, fourMinutesAhead), city,
                Clock.fixed(fourMinutesAhead, ZoneOffset.UTC)).toWire());
    }

    // --- step 13: payload schema ------------------------------------------------------------------------------------

    @Test
    void refusesAPayloadViolatingTheSchemaNamingThePointer() throws Exception {
        JsonObject payload = Json.createObjectBuilder().add("text", "x".repeat(1025)).add("colour", "red").build();
        DataPackage pkg = DataPackage.create("ping", 1, SHUOZHOU, SHANXI, "ping-1", null, payload, NOW);
        PackageRejectedException e = rejected(RejectionCode.PAYLOAD_SCHEMA_INVALID, verifier(),
                sign(pkg, city).toWire());
        assertTrue(e.envelope().isPresent());
        assertTrue(e.getMessage().contains("/text: "), e.getMessage());
        assertTrue(e.getMessage().contains("/colour: is not allowed"), e.getMessage());

        DataPackage missing = DataPackage.create("ping", 1, SHUOZHOU, SHANXI, "ping-1", null,
                Json.createObjectBuilder().build(), NOW);
        PackageRejectedException m = rejected(RejectionCode.PAYLOAD_SCHEMA_INVALID, verifier(),
                sign(missing, city).toWire());
        assertTrue(m.getMessage().contains("/text: is required"), m.getMessage());
    }

    @Test
    void checksRunInTheSpecifiedOrder() throws Exception {
        // stale and schema-invalid: freshness (12) comes before the schema (13)
        Instant old = NOW.minus(Duration.ofDays(9));
        DataPackage bad = DataPackage.create("ping", 1, SHUOZHOU, SHANXI, "ping-1", null,
                Json.createObjectBuilder().add("colour", "red").build(), old);
        rejected(RejectionCode.PKG_STALE, verifier(), sign(bad, city, Clock.fixed(old, ZoneOffset.UTC)).toWire());
        // unknown type (4) before the wrong receiver (6) and the unknown sender (7)
        DataPackage unknown = DataPackage.create("weather.report", 1, SHUOZHOU, NodeId.of("130100"), "w", null,
                ping("x"), NOW);
        rejected(RejectionCode.PKG_UNKNOWN_TYPE, verifier(CLOCK, n -> false, trust, SignedPackage.DEFAULT_MAX_BYTES),
                sign(unknown, city).toWire());
        // wrong receiver (6) before the unknown sender (7)
        rejected(RejectionCode.PKG_WRONG_RECEIVER, verifier(CLOCK, n -> false, trust, SignedPackage.DEFAULT_MAX_BYTES),
                sign(pingPackage(SHUOZHOU, NodeId.of("130100"), NOW), city).toWire());
        // unknown sender (7) before the certificate (8, 9)
        rejected(RejectionCode.PKG_UNKNOWN_SENDER, verifier(CLOCK, n -> false, trust, SignedPackage.DEFAULT_MAX_BYTES),
                sign(pingPackage(SHUOZHOU, SHANXI, NOW), province).toWire());
    }

    // --- receipts ---------------------------------------------------------------------------------------------------

    @Test
    void receiptRoundTrip() throws Exception {
        SignedPackage received = cityPing();
        VerifiedPackage v = verifier().verify(received.toWire());
        Instant receivedAt = NOW.minusMillis(250);

        // the province answers the city (its previous hop) with a signed receipt
        DataPackage receipt = Receipts.create(SHANXI, SHUOZHOU, v.envelope().id(), v.pkg().digest(),
                Outcome.ACCEPTED, null, "", receivedAt, NOW);
        assertEquals(Receipts.TYPE, receipt.envelope().type());
        assertEquals(v.envelope().id().toString(), receipt.envelope().correlationId());
        assertTrue(receipt.envelope().sequence().isEmpty());
        byte[] wire = sign(receipt, province).toWire();

        // the city verifies it with its own verifier
        PackageVerifier cityVerifier = new PackageVerifier(SHUOZHOU, SignedPackage.DEFAULT_MAX_BYTES, FRESHNESS,
                types, () -> trust, DIRECTORY::contains, (s, r) -> false, CLOCK);
        VerifiedPackage back = cityVerifier.verify(wire);
        assertTrue(back.forThisNode());
        assertEquals(province.identity(), back.signer());
        ReceiptView view = Receipts.read(back.pkg());
        assertEquals(new ReceiptView(received.pkg().envelope().id(), received.pkg().digest(), Outcome.ACCEPTED,
                null, "", receivedAt), view);
        assertFalse(view.rejected());

        // a rejection receipt built directly with DataPackage.create, carrying the code
        JsonObject payload = Receipts.payload(null, null, Outcome.REJECTED, RejectionCode.PKG_MALFORMED,
                "createdAt: bad", receivedAt);
        DataPackage rejection = DataPackage.create(Receipts.TYPE, Receipts.SCHEMA_VERSION, SHANXI, SHUOZHOU,
                "unreadable-1", null, payload, NOW);
        ReceiptView refused = Receipts.read(cityVerifier.verify(sign(rejection, province).toWire()).pkg());
        assertTrue(refused.rejected());
        assertEquals(RejectionCode.PKG_MALFORMED, refused.code());
        assertNull(refused.refPackageId());
        assertEquals("createdAt: bad", refused.reason());

        // a receipt whose outcome was changed in transit does not verify
        byte[] forged = tamperPackage(sign(receipt, province), b -> b.add("payload", Receipts.payload(
                v.envelope().id(), v.pkg().digest(), Outcome.DUPLICATE, null, "", receivedAt)));
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, cityVerifier, forged);
    }

    @Test
    void theSampleDirectoryUpdateIsReadable() throws Exception {
        // guards the fixture used above: a valid payload of directory.update v1
        assertTrue(types.validate(PackageVerifier.DIRECTORY_UPDATE, 1, sample("directory.update")).isEmpty());
    }

    @Test
    void aBatchIsVerifiedPackageByPackageAndAnsweredByOneSignedBatchReceipt() throws Exception {
        // a city sends three packages in one batch: two good ones and one with a broken signature, plus garbage
        SignedPackage one = cityPing();
        SignedPackage two = sign(pingPackage(SHUOZHOU, SHANXI, NOW), city);
        byte[] forged = tamperPackage(sign(pingPackage(SHUOZHOU, SHANXI, NOW), city),
                b -> b.add("correlationId", "changed"));
        byte[] body = cn.cityops.exchange.pkg.BatchDocument.write(java.util.List.of(one.toWire(), forged,
                "{\"package\":1}".getBytes(StandardCharsets.UTF_8), two.toWire()));
        java.util.List<byte[]> elements = cn.cityops.exchange.pkg.BatchDocument.split(body, 200, 1 << 20);
        assertEquals(4, elements.size());
        PackageVerifier verifier = verifier();
        assertEquals(one.pkg().digest(), verifier.verify(elements.get(0)).pkg().digest());
        rejectedWithEnvelope(RejectionCode.SIG_INVALID, verifier, elements.get(1));
        rejectedWithoutEnvelope(RejectionCode.PKG_MALFORMED, verifier, elements.get(2));
        assertEquals(two.pkg().digest(), verifier.verify(elements.get(3)).pkg().digest());

        // the province answers with one receipt.batch, which the city verifies once
        java.util.List<cn.cityops.exchange.pkg.BatchReceipts.Entry> entries = java.util.List.of(
                new cn.cityops.exchange.pkg.BatchReceipts.Entry(0, one.pkg().envelope().id(), one.pkg().digest(),
                        Outcome.ACCEPTED, null, "applied"),
                cn.cityops.exchange.pkg.BatchReceipts.Entry.rejected(1, null, RejectionCode.SIG_INVALID, "bad"),
                cn.cityops.exchange.pkg.BatchReceipts.Entry.rejected(2, null, RejectionCode.PKG_MALFORMED, "bad"),
                new cn.cityops.exchange.pkg.BatchReceipts.Entry(3, two.pkg().envelope().id(), two.pkg().digest(),
                        Outcome.DUPLICATE, null, ""));
        DataPackage receipt = cn.cityops.exchange.pkg.BatchReceipts.create(SHANXI, SHUOZHOU, entries, NOW, NOW);
        PackageVerifier cityVerifier = new PackageVerifier(SHUOZHOU, SignedPackage.DEFAULT_MAX_BYTES, FRESHNESS,
                types, () -> trust, DIRECTORY::contains, (s, r) -> false, CLOCK);
        VerifiedPackage back = cityVerifier.verify(sign(receipt, province).toWire());
        assertEquals(province.identity(), back.signer());
        assertEquals(entries, cn.cityops.exchange.pkg.BatchReceipts.read(back.pkg()).entries());
        // signed by another node than the hop it answers for: the verifier refuses the claimed sender
        rejectedWithEnvelope(RejectionCode.CERT_SENDER_MISMATCH, cityVerifier, sign(receipt, national).toWire());
    }
}
