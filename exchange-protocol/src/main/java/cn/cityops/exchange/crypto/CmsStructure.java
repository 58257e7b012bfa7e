package cn.cityops.exchange.crypto;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;

import cn.cityops.exchange.crypto.CmsVerificationException.Reason;

/** Parsing of a detached SignedData with exactly one signer; every failure is {@link Reason#MALFORMED}. */
record CmsStructure(SignedData signedData, SignerInfo signerInfo) {

    static CmsStructure parse(byte[] cmsDer) throws CmsVerificationException {
        if (cmsDer == null || cmsDer.length == 0) {
            throw malformed("no signature bytes");
        }
        try {
            ASN1Primitive top;
            try (ASN1InputStream in = new ASN1InputStream(cmsDer)) { // limit = input length
                top = in.readObject();
                if (top == null) {
                    throw malformed("no ASN.1 object in signature bytes");
                }
                if (in.available() > 0) {
                    throw malformed("trailing bytes after the CMS structure");
                }
            }
            ContentInfo contentInfo = ContentInfo.getInstance(top);
            if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
                throw malformed("content type is " + contentInfo.getContentType().getId() + ", not SignedData");
            }
            if (contentInfo.getContent() == null) {
                throw malformed("SignedData content is missing");
            }
            SignedData signedData = SignedData.getInstance(contentInfo.getContent());
            ContentInfo encap = signedData.getEncapContentInfo();
            if (!CMSObjectIdentifiers.data.equals(encap.getContentType())) {
                throw malformed("encapsulated content type is " + encap.getContentType().getId() + ", not id-data");
            }
            if (encap.getContent() != null) {
                throw malformed("the signature is not detached (it carries eContent)");
            }
            ASN1Set signerInfos = signedData.getSignerInfos();
            if (signerInfos == null || signerInfos.size() != 1) {
                throw malformed("expected exactly one signer, found " + (signerInfos == null ? 0 : signerInfos.size()));
            }
            return new CmsStructure(signedData, SignerInfo.getInstance(signerInfos.getObjectAt(0)));
        } catch (CmsVerificationException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new CmsVerificationException(Reason.MALFORMED, "not a CMS SignedData structure: "
                    + describe(e), e instanceof StackOverflowError ? null : e);
        }
    }

    static CmsVerificationException malformed(String message) {
        return new CmsVerificationException(Reason.MALFORMED, message);
    }

    static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "nesting too deep";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
