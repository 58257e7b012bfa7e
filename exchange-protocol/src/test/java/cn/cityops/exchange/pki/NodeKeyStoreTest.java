package cn.cityops.exchange.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void createsOnceThenReopensTheSameKey() throws Exception {
        Path file = dir.resolve("keys/node.p12");
        NodeKeyStore created = NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "node-140600-jwt");
        assertTrue(Files.exists(file));
        NodeKeyStore reopened = NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "ignored");
        assertArrayEquals(created.jwtPublicKey().getEncoded(), reopened.jwtPublicKey().getEncoded());

        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(reopened.jwtPrivateKey());
        signer.update("payload".getBytes());
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(created.jwtPublicKey());
        verifier.update("payload".getBytes());
        assertTrue(verifier.verify(sig));
        assertTrue(created.jwtPublicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void wrongPasswordIsReportedWithThePath() throws Exception {
        Path file = dir.resolve("node.p12");
        NodeKeyStore.openOrCreate(file, "secret".toCharArray(), "n");
        var e = assertThrows(NodeKeyStore.KeyStoreProblem.class,
                () -> NodeKeyStore.openOrCreate(file, "wrong".toCharArray(), "n"));
        assertTrue(e.getMessage().contains(file.toString()));
    }
}
