package cn.cityops.exchange.crypto;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The two signature algorithms of the exchange signature profile: SM2 with SM3 (国密, the default) and ECDSA on
 * P-256 with SHA-256. Both are elliptic-curve algorithms on 256-bit curves; the curve of a key decides its algorithm.
 */
public enum SignatureAlgorithm {

    /** SM2 signature with SM3 digest on curve sm2p256v1 (GB/T 32918, GM/T 0003), SM2 user ID {@code 1234567812345678}. */
    SM2_SM3("sm2", "SM3withSM2", "sm2p256v1", GMObjectIdentifiers.sm2p256v1, "SM3", GMObjectIdentifiers.sm3,
            GMObjectIdentifiers.sm2sign_with_sm3, GMNamedCurves.getByName("sm2p256v1").getCurve().getField()
                    .getCharacteristic()),

    /** ECDSA on NIST P-256 (secp256r1) with SHA-256. */
    ECDSA_P256_SHA256("p256", "SHA256withECDSA", "secp256r1", SECObjectIdentifiers.secp256r1, "SHA-256",
            NISTObjectIdentifiers.id_sha256, X9ObjectIdentifiers.ecdsa_with_SHA256,
            SECNamedCurves.getByName("secp256r1").getCurve().getField().getCharacteristic());

    /** The SM2 user ID (distinguishing identifier) used for every SM2 signature: the GM/T 0009 default. */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private final String configName;
    private final String jcaName;
    private final String curveName;
    private final ASN1ObjectIdentifier curveOid;
    private final String digestName;
    private final ASN1ObjectIdentifier digestOid;
    private final ASN1ObjectIdentifier signatureOid;
    private final BigInteger fieldPrime;

    SignatureAlgorithm(String configName, String jcaName, String curveName, ASN1ObjectIdentifier curveOid,
            String digestName, ASN1ObjectIdentifier digestOid, ASN1ObjectIdentifier signatureOid,
            BigInteger fieldPrime) {
        this.configName = configName;
        this.jcaName = jcaName;
        this.curveName = curveName;
        this.curveOid = curveOid;
        this.digestName = digestName;
        this.digestOid = digestOid;
        this.signatureOid = signatureOid;
        this.fieldPrime = fieldPrime;
    }

    /** Name used in configuration and on the command line: {@code sm2} or {@code p256}. */
    public String configName() {
        return configName;
    }

    /** JCA signature algorithm name: {@code SM3withSM2} or {@code SHA256withECDSA}. */
    public String jcaSignatureName() {
        return jcaName;
    }

    /** Curve name: {@code sm2p256v1} or {@code secp256r1}. */
    public String curveName() {
        return curveName;
    }

    /** Curve OID: {@code 1.2.156.10197.1.301} or {@code 1.2.840.10045.3.1.7}. */
    public String curveOid() {
        return curveOid.getId();
    }

    /** JCA digest name: {@code SM3} or {@code SHA-256}. */
    public String digestName() {
        return digestName;
    }

    /** Digest algorithm OID used in CMS: {@code 1.2.156.10197.1.401} (SM3) or {@code 2.16.840.1.101.3.4.2.1}. */
    public String digestOid() {
        return digestOid.getId();
    }

    /**
     * Signature algorithm OID used in CMS and certificates: {@code 1.2.156.10197.1.501} (SM2-with-SM3) or
     * {@code 1.2.840.10045.4.3.2} (ecdsa-with-SHA256).
     */
    public String signatureOid() {
        return signatureOid.getId();
    }

    AlgorithmIdentifier digestAlgorithmIdentifier() {
        return new AlgorithmIdentifier(digestOid); // parameters absent (RFC 5754 for SHA-2; GM/T 0010 for SM3)
    }

    AlgorithmIdentifier signatureAlgorithmIdentifier() {
        return new AlgorithmIdentifier(signatureOid); // parameters absent (RFC 5758 for ECDSA)
    }

    ASN1ObjectIdentifier digestAsn1Oid() {
        return digestOid;
    }

    ASN1ObjectIdentifier signatureAsn1Oid() {
        return signatureOid;
    }

    /**
     * Parses a configuration name ({@code sm2}, {@code p256}; case-insensitive).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static SignatureAlgorithm fromConfigName(String name) {
        if (name != null) {
            for (SignatureAlgorithm alg : values()) {
                if (alg.configName.equals(name.toLowerCase(Locale.ROOT))) {
                    return alg;
                }
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm " + (name == null ? "null" : "'" + name + "'")
                + ", expected one of " + Arrays.stream(values()).map(a -> a.configName)
                        .collect(Collectors.joining(", ")));
    }

    /**
     * The algorithm of an EC public key, from its curve (named-curve OID, or the field prime for keys with explicit
     * parameters).
     *
     * @throws IllegalArgumentException if the key is not on sm2p256v1 or secp256r1
     */
    public static SignatureAlgorithm of(PublicKey key) {
        if (key == null) {
            throw new IllegalArgumentException("public key is null");
        }
        ASN1ObjectIdentifier curve = namedCurve(key);
        if (curve != null) {
            for (SignatureAlgorithm alg : values()) {
                if (alg.curveOid.equals(curve)) {
                    return alg;
                }
            }
            throw new IllegalArgumentException("unsupported key curve " + curve.getId()
                    + ", expected sm2p256v1 or secp256r1");
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField()
                instanceof java.security.spec.ECFieldFp fp) {
            for (SignatureAlgorithm alg : values()) {
                if (alg.fieldPrime.equals(fp.getP())) {
                    return alg;
                }
            }
        }
        throw new IllegalArgumentException("unsupported public key (" + key.getAlgorithm()
                + "), expected an EC key on sm2p256v1 or secp256r1");
    }

    private static ASN1ObjectIdentifier namedCurve(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return null;
        }
        try {
            AlgorithmIdentifier algId = SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
            return algId.getParameters() instanceof ASN1ObjectIdentifier oid ? oid : null;
        } catch (RuntimeException e) {
            return null; // not a SubjectPublicKeyInfo we understand; the JCA view decides
        }
    }
}
