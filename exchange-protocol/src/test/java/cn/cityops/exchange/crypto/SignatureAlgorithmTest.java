package cn.cityops.exchange.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.junit.jupiter.api.Test;

class SignatureAlgorithmTest {

    @Test
    void configNamesRoundTrip() {
        assertEquals(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.fromConfigName("sm2"));
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.fromConfigName("P256"));
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            assertEquals(alg, SignatureAlgorithm.fromConfigName(alg.configName()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.fromConfigName("rsa"));
        assertTrue(e.getMessage().contains("'rsa'") && e.getMessage().contains("sm2, p256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.fromConfigName(null));
    }

    @Test
    void namesOfTheProfile() {
        assertEquals("SM3withSM2", SignatureAlgorithm.SM2_SM3.jcaSignatureName());
        assertEquals("sm2p256v1", SignatureAlgorithm.SM2_SM3.curveName());
        assertEquals("1.2.156.10197.1.501", SignatureAlgorithm.SM2_SM3.signatureOid());
        assertEquals("1.2.156.10197.1.401", SignatureAlgorithm.SM2_SM3.digestOid());
        assertEquals("SHA256withECDSA", SignatureAlgorithm.ECDSA_P256_SHA256.jcaSignatureName());
        assertEquals("secp256r1", SignatureAlgorithm.ECDSA_P256_SHA256.curveName());
        assertEquals("1.2.840.10045.4.3.2", SignatureAlgorithm.ECDSA_P256_SHA256.signatureOid());
    }

    @Test
    void detectsTheCurveOfBouncyCastleAndJdkKeys() throws Exception {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            assertEquals(alg, SignatureAlgorithm.of(KeyPairs.generate(alg).getPublic()));
        }
        KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC", "SunEC");
        jdk.initialize(new ECGenParameterSpec("secp256r1"));
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.of(jdk.generateKeyPair().getPublic()));

        jdk.initialize(new ECGenParameterSpec("secp384r1"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SignatureAlgorithm.of(jdk.generateKeyPair().getPublic()));
        assertTrue(e.getMessage().contains("1.3.132.0.34"), e.getMessage());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.of(rsa.generateKeyPair().getPublic()));
    }
}
