package cn.cityops.exchange.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for signature tests (trust is not the crypto package's concern). */
final class TestCertificates {

    private TestCertificates() {
    }

    /** A key pair and a certificate for it with the given subject and serial, self-signed. */
    static X509Certificate selfSigned(KeyPair pair, SignatureAlgorithm alg, String subject, long serial)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name(subject);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic());
        var signer = new JcaContentSignerBuilder(alg.jcaSignatureName()).setProvider(BcProvider.get())
                .build(pair.getPrivate());
        return new JcaX509CertificateConverter().setProvider(BcProvider.get()).getCertificate(builder.build(signer));
    }

    record Signer(KeyPair pair, X509Certificate certificate, CmsSigner cms) {
    }

    static Signer signer(SignatureAlgorithm alg, String subject, long serial) throws Exception {
        KeyPair pair = KeyPairs.generate(alg);
        X509Certificate cert = selfSigned(pair, alg, subject, serial);
        return new Signer(pair, cert, new CmsSigner(pair.getPrivate(), cert, alg));
    }
}
