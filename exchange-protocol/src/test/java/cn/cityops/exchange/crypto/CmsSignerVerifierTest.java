package cn.cityops.exchange.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.cityops.exchange.crypto.CmsVerificationException.Reason;
import cn.cityops.exchange.crypto.TestCertificates.Signer;

class CmsSignerVerifierTest {

    private static final byte[] CONTENT = "{\"type\":\"case.report\",\"城市\":\"朔州\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signsAndVerifies(SignatureAlgorithm alg) throws Exception {
        Instant fixed = Instant.parse("2026-03-01T08:30:00Z");
        KeyPair pair = KeyPairs.generate(alg);
        X509Certificate cert = TestCertificates.selfSigned(pair, alg, "CN=signer", 7);
        CmsSigner signer = new CmsSigner(pair.getPrivate(), cert, alg, Clock.fixed(fixed, ZoneOffset.UTC));

        byte[] cms = signer.signDetached(CONTENT);
        CmsVerifier.SignedBy by = CmsVerifier.verify(CONTENT, cms);

        assertEquals(cert, by.certificate());
        assertEquals(alg, by.algorithm());
        assertEquals(fixed, by.signingTime());
        assertEquals(alg, signer.algorithm());
        assertEquals(cert, signer.certificate());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void structureFollowsTheProfile(SignatureAlgorithm alg) throws Exception {
        Signer s = TestCertificates.signer(alg, "CN=profile", 42);
        byte[] cms = s.cms().signDetached(CONTENT);

        ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
        assertArrayEquals(contentInfo.getEncoded(ASN1Encoding.DER), cms, "output is DER");
        assertEquals(CMSObjectIdentifiers.signedData, contentInfo.getContentType());
        SignedData sd = SignedData.getInstance(contentInfo.getContent());
        assertEquals(1, sd.getVersion().intValueExact());
        assertEquals(CMSObjectIdentifiers.data, sd.getEncapContentInfo().getContentType());
        assertEquals(null, sd.getEncapContentInfo().getContent(), "detached");
        assertEquals(1, sd.getCertificates().size());
        assertArrayEquals(s.certificate().getEncoded(), sd.getCertificates().getObjectAt(0).toASN1Primitive()
                .getEncoded());
        assertEquals(null, sd.getCRLs());
        assertEquals(1, sd.getSignerInfos().size());
        SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
        assertEquals(1, si.getVersion().intValueExact());
        IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(si.getSID().getId());
        assertEquals(BigInteger.valueOf(42), ias.getSerialNumber().getValue());
        assertEquals(alg.digestOid(), si.getDigestAlgorithm().getAlgorithm().getId());
        assertEquals(null, si.getDigestAlgorithm().getParameters());
        assertEquals(alg.signatureOid(), si.getDigestEncryptionAlgorithm().getAlgorithm().getId());
        List<ASN1ObjectIdentifier> types = new ArrayList<>();
        for (var a : si.getAuthenticatedAttributes()) {
            types.add(Attribute.getInstance(a).getAttrType());
        }
        assertEquals(3, types.size());
        assertTrue(types.containsAll(List.of(CMSAttributes.contentType, CMSAttributes.messageDigest,
                CMSAttributes.signingTime)));
        assertEquals(null, si.getUnauthenticatedAttributes());

        byte[] attrs = CmsParts.signedAttributesDer(cms);
        assertEquals(0x31, attrs[0] & 0xff, "signed attributes are signed with the SET tag");
        Signature verifier = Signature.getInstance(alg.jcaSignatureName(), BcProvider.get());
        verifier.initVerify(s.certificate().getPublicKey());
        verifier.update(attrs);
        assertTrue(verifier.verify(CmsParts.signatureValue(cms)));
        assertTrue(CmsParts.toPem(cms).startsWith("-----BEGIN CMS-----\n"));
        assertArrayEquals(cms, Base64.getMimeDecoder().decode(CmsParts.toPem(cms)
                .replace("-----BEGIN CMS-----", "").replace("-----END CMS-----", "")));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void bouncyCastleCmsApiAcceptsOurSignatures(SignatureAlgorithm alg) throws Exception {
        Signer s = TestCertificates.signer(alg, "CN=interop", 3);
        CMSSignedData parsed = new CMSSignedData(new CMSProcessableByteArray(CONTENT), s.cms().signDetached(CONTENT));
        SignerInformation info = parsed.getSignerInfos().getSigners().iterator().next();
        assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BcProvider.get())
                .build(s.certificate())));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void tamperedContentIsADigestMismatch(SignatureAlgorithm alg) throws Exception {
        byte[] cms = TestCertificates.signer(alg, "CN=t", 1).cms().signDetached(CONTENT);
        byte[] changed = CONTENT.clone();
        changed[5] ^= 1;
        assertReason(Reason.DIGEST_MISMATCH, changed, cms);
        assertReason(Reason.DIGEST_MISMATCH, new byte[0], cms);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void tamperedSignatureValueIsRefused(SignatureAlgorithm alg) throws Exception {
        byte[] cms = TestCertificates.signer(alg, "CN=t", 1).cms().signDetached(CONTENT);
        byte[] value = CmsParts.signatureValue(cms);
        int at = indexOf(cms, value);
        for (int offset : new int[] {value.length - 1, value.length / 2, 6}) {
            byte[] tampered = cms.clone();
            tampered[at + offset] ^= 0x10;
            var e = assertThrows(CmsVerificationException.class, () -> CmsVerifier.verify(CONTENT, tampered));
            assertTrue(e.reason() == Reason.BAD_SIGNATURE || e.reason() == Reason.MALFORMED, e.reason().name());
        }
        byte[] lastByte = cms.clone();
        lastByte[at + value.length - 1] ^= 0x01; // inside s: still a well-formed DER signature
        assertReason(Reason.BAD_SIGNATURE, CONTENT, lastByte);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void tamperedSignedAttributesAreABadSignature(SignatureAlgorithm alg) throws Exception {
        Signer s = TestCertificates.signer(alg, "CN=t", 1);
        byte[] cms = s.cms().signDetached(CONTENT);
        // re-sign nothing, but move the signing time: attributes no longer match the signature
        byte[] rebuilt = rebuild(cms, si -> {
            List<Attribute> attrs = new ArrayList<>();
            for (var a : si.getAuthenticatedAttributes()) {
                Attribute attr = Attribute.getInstance(a);
                attrs.add(attr.getAttrType().equals(CMSAttributes.signingTime)
                        ? new Attribute(CMSAttributes.signingTime, new DERSet(new org.bouncycastle.asn1.cms.Time(
                                java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z")))))
                        : attr);
            }
            return new SignerInfo(si.getSID(), si.getDigestAlgorithm(), new DERSet(attrs.toArray(Attribute[]::new)),
                    si.getDigestEncryptionAlgorithm(), si.getEncryptedDigest(), null);
        }, null);
        assertReason(Reason.BAD_SIGNATURE, CONTENT, rebuilt);
    }

    @Test
    void garbageIsMalformed() {
        Random random = new Random(1);
        List<byte[]> inputs = new ArrayList<>(List.of(new byte[0], new byte[] {0x30}, new byte[] {0x30, (byte) 0x84,
                0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, "not a signature".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x30, (byte) 0x80, 0x06, 0x00, 0x00, 0x00}));
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[random.nextInt(400)];
            random.nextBytes(b);
            if (b.length > 0) {
                b[0] = 0x30;
            }
            inputs.add(b);
        }
        byte[] deep = new byte[200_000]; // deeply nested indefinite-length sequences
        for (int i = 0; i + 1 < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80;
        }
        inputs.add(deep);
        for (byte[] input : inputs) {
            assertReason(Reason.MALFORMED, CONTENT, input);
        }
        assertReason(Reason.MALFORMED, CONTENT, null);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void truncatedOrExtendedSignaturesAreMalformed(SignatureAlgorithm alg) throws Exception {
        byte[] cms = TestCertificates.signer(alg, "CN=t", 1).cms().signDetached(CONTENT);
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            byte[] cut = java.util.Arrays.copyOf(cms, random.nextInt(cms.length));
            assertReason(Reason.MALFORMED, CONTENT, cut);
        }
        byte[] longer = java.util.Arrays.copyOf(cms, cms.length + 1);
        assertReason(Reason.MALFORMED, CONTENT, longer);
        // random single-byte corruption anywhere must never escape as an unchecked exception
        for (int i = 0; i < 500; i++) {
            byte[] corrupt = cms.clone();
            corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                CmsVerifier.verify(CONTENT, corrupt);
            } catch (CmsVerificationException expected) {
                assertNotNull(expected.reason());
            }
        }
    }

    @Test
    void embeddedCertificateOfAnotherKeyIsABadSignature() throws Exception {
        Signer real = TestCertificates.signer(SignatureAlgorithm.SM2_SM3, "CN=node", 5);
        // an impostor certificate with the same issuer and serial but another key
        KeyPair other = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
        X509Certificate impostor = TestCertificates.selfSigned(other, SignatureAlgorithm.SM2_SM3, "CN=node", 5);
        byte[] swapped = rebuild(real.cms().signDetached(CONTENT), si -> si, impostor);
        assertReason(Reason.BAD_SIGNATURE, CONTENT, swapped);
    }

    @Test
    void missingSignerCertificateIsMalformed() throws Exception {
        Signer real = TestCertificates.signer(SignatureAlgorithm.ECDSA_P256_SHA256, "CN=node", 5);
        X509Certificate unrelated = TestCertificates.signer(SignatureAlgorithm.ECDSA_P256_SHA256, "CN=other", 6)
                .certificate();
        byte[] swapped = rebuild(real.cms().signDetached(CONTENT), si -> si, unrelated);
        var e = assertReason(Reason.MALFORMED, CONTENT, swapped);
        assertTrue(e.getMessage().contains("not embedded"), e.getMessage());
    }

    @Test
    void certificateOnTheOtherCurveIsMalformed() throws Exception {
        Signer real = TestCertificates.signer(SignatureAlgorithm.SM2_SM3, "CN=node", 5);
        KeyPair p256 = KeyPairs.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate other = TestCertificates.selfSigned(p256, SignatureAlgorithm.ECDSA_P256_SHA256, "CN=node", 5);
        assertReason(Reason.MALFORMED, CONTENT, rebuild(real.cms().signDetached(CONTENT), si -> si, other));
    }

    @Test
    void signerRefusesAKeyThatIsNotTheCertificates() throws Exception {
        Signer a = TestCertificates.signer(SignatureAlgorithm.SM2_SM3, "CN=a", 1);
        KeyPair b = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CmsSigner(b.getPrivate(), a.certificate(), SignatureAlgorithm.SM2_SM3));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CmsSigner(a.pair().getPrivate(), a.certificate(), SignatureAlgorithm.ECDSA_P256_SHA256));
    }

    @Test
    void moreThanOneSignerOrAttachedContentIsMalformed() throws Exception {
        Signer s = TestCertificates.signer(SignatureAlgorithm.ECDSA_P256_SHA256, "CN=t", 1);
        byte[] cms = s.cms().signDetached(CONTENT);
        SignedData sd = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms)).getContent());
        SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
        byte[] two = new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(sd.getDigestAlgorithms(),
                sd.getEncapContentInfo(), sd.getCertificates(), null, new DERSet(new SignerInfo[] {si,
                        new SignerInfo(si.getSID(), si.getDigestAlgorithm(), si.getAuthenticatedAttributes(),
                                si.getDigestEncryptionAlgorithm(), new DEROctetString(new byte[] {1}), null)})))
                .getEncoded(ASN1Encoding.DER);
        assertReason(Reason.MALFORMED, CONTENT, two);
        byte[] attached = new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(sd.getDigestAlgorithms(),
                new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(CONTENT)), sd.getCertificates(), null,
                sd.getSignerInfos())).getEncoded(ASN1Encoding.DER);
        assertReason(Reason.MALFORMED, CONTENT, attached);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void successiveSignaturesOnOneThreadAreEachValidAndFreshlyRandomised(SignatureAlgorithm alg) throws Exception {
        Signer s = TestCertificates.signer(alg, "CN=again", 2);
        java.util.Set<String> values = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            byte[] content = i % 2 == 0 ? CONTENT : ("other " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] cms = s.cms().signDetached(content);
            assertEquals(s.certificate(), CmsVerifier.verify(content, cms).certificate(), "signature " + i);
            SignerInfo info = SignerInfo.getInstance(SignedData.getInstance(ContentInfo.getInstance(cms).getContent())
                    .getSignerInfos().getObjectAt(0));
            assertTrue(values.add(Base64.getEncoder().encodeToString(info.getEncryptedDigest().getOctets())),
                    "a fresh random k per signature");
        }
    }

    @Test
    void signingIsThreadSafe() throws Exception {
        Signer s = TestCertificates.signer(SignatureAlgorithm.SM2_SM3, "CN=threads", 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] content = ("content " + i).getBytes(StandardCharsets.US_ASCII);
                results.add(pool.submit(() -> {
                    byte[] cms = s.cms().signDetached(content);
                    return CmsVerifier.verify(content, cms).certificate().equals(s.certificate());
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void messageDigestIsSm3OfTheContent() throws Exception {
        Signer s = TestCertificates.signer(SignatureAlgorithm.SM2_SM3, "CN=t", 1);
        byte[] cms = s.cms().signDetached(CONTENT);
        ASN1Set attrs = ASN1Set.getInstance(CmsParts.signedAttributesDer(cms));
        byte[] digest = null;
        for (var a : attrs) {
            Attribute attr = Attribute.getInstance(a);
            if (attr.getAttrType().equals(CMSAttributes.messageDigest)) {
                digest = ASN1OctetString.getInstance(attr.getAttrValues().getObjectAt(0)).getOctets();
            }
        }
        assertArrayEquals(MessageDigest.getInstance("SM3", BcProvider.get()).digest(CONTENT), digest);
        assertFalse(MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(CONTENT), digest));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static CmsVerificationException assertReason(Reason reason, byte[] content, byte[] cms) {
        var e = assertThrows(CmsVerificationException.class, () -> CmsVerifier.verify(content, cms));
        assertEquals(reason, e.reason(), e.getMessage());
        assertNotNull(e.getMessage());
        return e;
    }

    private static byte[] rebuild(byte[] cms, java.util.function.UnaryOperator<SignerInfo> changeSigner,
            X509Certificate replacementCert) throws Exception {
        SignedData sd = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms)).getContent());
        SignerInfo si = changeSigner.apply(SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0)));
        ASN1Set certs = replacementCert == null ? sd.getCertificates()
                : new DERSet(Certificate.getInstance(replacementCert.getEncoded()));
        return new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(sd.getDigestAlgorithms(),
                sd.getEncapContentInfo(), certs, null, new DERSet(si))).getEncoded(ASN1Encoding.DER);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
