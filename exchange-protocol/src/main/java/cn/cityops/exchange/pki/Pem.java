package cn.cityops.exchange.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import cn.cityops.exchange.crypto.BcProvider;

/**
 * PEM reading and writing of certificates, certificate chains, CRLs and PKCS#10 requests (BouncyCastle
 * {@code PEMParser}/{@code JcaPEMWriter}). Certificates and CRLs are returned as BouncyCastle-backed JCA objects, which
 * (unlike the JDK's) understand SM2 keys and signatures. Parse errors are {@link IllegalArgumentException}s that say
 * what was expected and where.
 */
public final class Pem {

    private Pem() {
    }

    /**
     * PEM text of the given objects, one block each: {@link X509Certificate}, {@link X509CRL},
     * {@link PKCS10CertificationRequest}, {@link PublicKey} (SubjectPublicKeyInfo).
     */
    public static String toPem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes {@link #toPem(Object...)} to {@code file} atomically. */
    public static void write(Path file, Object... objects) throws IOException {
        AtomicFiles.write(file, toPem(objects).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate readCertificate(String pem) {
        return parseCertificates(pem, "PEM text").get(0);
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        return parseCertificates(read(file), file.toString()).get(0);
    }

    /** All certificates in {@code pem}, in order (a chain is leaf first); at least one. */
    public static List<X509Certificate> readCertificates(String pem) {
        return parseCertificates(pem, "PEM text");
    }

    /** All certificates in a PEM file, in order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(read(file), file.toString());
    }

    /** The CRL in {@code pem}. */
    public static X509CRL readCrl(String pem) {
        return parseCrl(pem, "PEM text");
    }

    /** The CRL in a PEM file. */
    public static X509CRL readCrl(Path file) throws IOException {
        return parseCrl(read(file), file.toString());
    }

    /** The PKCS#10 certification request in {@code pem}. */
    public static PKCS10CertificationRequest readCsr(String pem) {
        return parseCsr(pem, "PEM text");
    }

    /** The PKCS#10 certification request in a PEM file. */
    public static PKCS10CertificationRequest readCsr(Path file) throws IOException {
        return parseCsr(read(file), file.toString());
    }

    /** Converts a BouncyCastle certificate holder to a BouncyCastle-backed {@link X509Certificate}. */
    static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(BcProvider.get()).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unusable certificate: " + e.getMessage(), e);
        }
    }

    /** Converts a BouncyCastle CRL holder to a BouncyCastle-backed {@link X509CRL}. */
    static X509CRL toX509(X509CRLHolder holder) {
        try {
            return new JcaX509CRLConverter().setProvider(BcProvider.get()).getCRL(holder);
        } catch (CRLException e) {
            throw new IllegalArgumentException("unusable CRL: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> result = new ArrayList<>();
        for (Object object : parseAll(pem, source)) {
            if (object instanceof X509CertificateHolder holder) {
                result.add(toX509(holder));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no CERTIFICATE block in " + source);
        }
        return result;
    }

    private static X509CRL parseCrl(String pem, String source) {
        for (Object object : parseAll(pem, source)) {
            if (object instanceof X509CRLHolder holder) {
                return toX509(holder);
            }
        }
        throw new IllegalArgumentException("no X509 CRL block in " + source);
    }

    private static PKCS10CertificationRequest parseCsr(String pem, String source) {
        for (Object object : parseAll(pem, source)) {
            if (object instanceof PKCS10CertificationRequest request) {
                return request;
            }
        }
        throw new IllegalArgumentException("no CERTIFICATE REQUEST block in " + source);
    }

    private static List<Object> parseAll(String pem, String source) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse PEM in " + source + ": " + e.getMessage(), e);
        }
        return objects;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
