package cn.cityops.exchange.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/** Key pair generation for the exchange signature algorithms (BouncyCastle provider). */
public final class KeyPairs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /** A fresh key pair on the algorithm's curve. */
    public static KeyPair generate(SignatureAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BcProvider.get());
            generator.initialize(new ECGenParameterSpec(algorithm.curveName()), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm.curveName() + " key pair", e);
        }
    }
}
