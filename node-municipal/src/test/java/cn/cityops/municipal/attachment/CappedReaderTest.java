package cn.cityops.municipal.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CappedReaderTest {

    @Test
    void readsUpToTheLimitAndHashes() throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        CappedReader.Content c = CappedReader.read(new ByteArrayInputStream(data), data.length);
        assertArrayEquals(data, c.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), c.sha256());
    }

    @Test
    void emptyIsEmpty() throws IOException {
        CappedReader.Content c = CappedReader.read(new ByteArrayInputStream(new byte[0]), 10);
        assertEquals(0, c.size());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", c.sha256());
    }

    @Test
    void oneByteOverTheLimitFails() {
        CappedReader.TooLarge e = assertThrows(CappedReader.TooLarge.class,
                () -> CappedReader.read(new ByteArrayInputStream(new byte[1001]), 1000));
        assertEquals(1000, e.max());
    }

    @Test
    void stopsReadingSoonAfterTheLimitOnAnEndlessStream() {
        CountingEndless endless = new CountingEndless();
        assertThrows(CappedReader.TooLarge.class, () -> CappedReader.read(endless, 100_000));
        assertTrue(endless.served <= 100_001, "read no more than one byte past the limit, read " + endless.served);
    }

    @Test
    void handlesShortReads() throws IOException {
        byte[] data = new byte[5000];
        new Random(2).nextBytes(data);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertArrayEquals(data, CappedReader.read(trickle, 5000).bytes());
    }

    /** An infinite stream that counts what it served. */
    private static final class CountingEndless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
        }
    }
}
