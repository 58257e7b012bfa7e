package cn.cityops.exchange.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import cn.cityops.exchange.crypto.BcProvider;

/**
 * PKCS#12 files through BouncyCastle's key store. The JDK's PKCS12 key store cannot hold keys (or even load
 * certificates) on curve sm2p256v1, so every file that may contain an SM2 key is read and written here.
 * <p>
 * Files are written with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC for keys, AES-128-CBC for certificates) and a
 * HMAC-SHA1 MAC, which the JDK and OpenSSL 3 read as well (for P-256 content). BouncyCastle's iteration counts apply
 * (600 000 by default, about 1.5 s per load or store on one core); the system property
 * {@code org.bouncycastle.pkcs12.store_it_count} changes them. Any PKCS#12 file loads, including those written by the
 * JDK.
 */
final class Pkcs12 {

    /** BouncyCastle's AES variant of PKCS12 (its plain "PKCS12" type still writes 3DES and RC2-40). */
    static final String TYPE = "PKCS12-AES256-AES128";

    private Pkcs12() {
    }

    static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance(TYPE, BcProvider.get());
        keyStore.load(null, null);
        return keyStore;
    }

    /** Loads a PKCS#12 file; a wrong password surfaces as an IOException (MAC check). */
    static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance(TYPE, BcProvider.get());
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password);
        }
        return keyStore;
    }

    /** Writes the key store atomically, readable by the owner only. */
    static void store(KeyStore keyStore, Path file, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, password);
        AtomicFiles.write(file, out.toByteArray(), true);
    }
}
