package cn.cityops.exchange.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPublicKey;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/** Shared internals of the signature profile: digests, signature engines and key translation. */
final class Cms {

    private static final byte[] SM2_ID = SignatureAlgorithm.SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII);

    private Cms() {
    }

    /**
     * The content digest. SHA-256 comes from the JDK provider (several times faster than BouncyCastle's), SM3 from
     * BouncyCastle.
     */
    static byte[] digest(SignatureAlgorithm alg, byte[] content) {
        return newDigest(alg).digest(content);
    }

    static MessageDigest newDigest(SignatureAlgorithm alg) {
        try {
            return alg == SignatureAlgorithm.SM2_SM3 ? MessageDigest.getInstance("SM3", BcProvider.get())
                    : MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest " + alg.digestName() + " unavailable", e);
        }
    }

    /**
     * A fresh signature engine (engines are not thread-safe; creating one is cheap next to the EC operation). Both
     * algorithms use BouncyCastle: with BouncyCastle keys it is several times faster than SunEC for P-256.
     */
    static Signature newSignature(SignatureAlgorithm alg) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(alg.jcaSignatureName(), BcProvider.get());
        if (alg == SignatureAlgorithm.SM2_SM3) {
            signature.setParameter(new SM2ParameterSpec(SM2_ID));
        }
        return signature;
    }

    /** The same private key as a BouncyCastle key object (avoids a translation on every signature). */
    static PrivateKey toBcPrivateKey(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof BCECPrivateKey) {
            return key;
        }
        return KeyFactory.getInstance("EC", BcProvider.get()).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    /** The same public key as a BouncyCastle key object. */
    static PublicKey toBcPublicKey(PublicKey key) throws GeneralSecurityException {
        if (key instanceof BCECPublicKey) {
            return key;
        }
        return KeyFactory.getInstance("EC", BcProvider.get()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
}
