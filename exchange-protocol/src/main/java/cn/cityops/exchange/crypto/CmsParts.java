package cn.cityops.exchange.crypto;

import java.io.IOException;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;

/**
 * Pieces of a CMS signature for checks outside Java. OpenSSL 3.0's {@code cms} command cannot verify SM2 SignedData,
 * but {@code openssl pkeyutl -verify -rawin -digest sm3} can verify the SM2 signature over the signed attributes
 * (see the module README). Also the PEM form ({@code -----BEGIN CMS-----}) that {@code openssl cms -inform PEM} reads.
 */
public final class CmsParts {

    private CmsParts() {
    }

    /**
     * The signed attributes exactly as they are signed: the DER encoding of the SET OF attributes, with the universal
     * SET tag {@code 0x31} instead of the {@code [0] IMPLICIT} tag they carry inside the SignerInfo.
     *
     * @throws IllegalArgumentException if {@code cmsDer} is not a one-signer detached SignedData or has no signed
     *                                  attributes
     */
    public static byte[] signedAttributesDer(byte[] cmsDer) {
        ASN1Set attributes = parse(cmsDer).signerInfo().getAuthenticatedAttributes();
        if (attributes == null) {
            throw new IllegalArgumentException("the SignerInfo has no signed attributes");
        }
        try {
            return attributes.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode signed attributes: " + e.getMessage(), e);
        }
    }

    /**
     * The signature value (for SM2 and ECDSA: the DER {@code SEQUENCE {r, s}}).
     *
     * @throws IllegalArgumentException if {@code cmsDer} is not a one-signer detached SignedData
     */
    public static byte[] signatureValue(byte[] cmsDer) {
        return parse(cmsDer).signerInfo().getEncryptedDigest().getOctets();
    }

    /** PEM armour: {@code -----BEGIN CMS-----}, base64 in 64-character lines, {@code -----END CMS-----}. */
    public static String toPem(byte[] cmsDer) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cmsDer);
        return "-----BEGIN CMS-----\n" + body + "\n-----END CMS-----\n";
    }

    private static CmsStructure parse(byte[] cmsDer) {
        try {
            return CmsStructure.parse(cmsDer);
        } catch (CmsVerificationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
