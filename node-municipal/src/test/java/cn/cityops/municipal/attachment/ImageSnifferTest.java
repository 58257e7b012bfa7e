package cn.cityops.municipal.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImageSnifferTest {

    static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "JDK writes " + format);
        return out.toByteArray();
    }

    @Test
    void recognisesRealImagesWrittenByTheJdk() throws IOException {
        assertEquals(Optional.of("image/png"), ImageSniffer.sniff(image("png")));
        assertEquals(Optional.of("image/jpeg"), ImageSniffer.sniff(image("jpg")));
        assertEquals(Optional.of("image/gif"), ImageSniffer.sniff(image("gif")));
    }

    @Test
    void recognisesWebpAndBothGifVersions() {
        byte[] webp = "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.of("image/webp"), ImageSniffer.sniff(webp));
        assertEquals(Optional.of("image/gif"), ImageSniffer.sniff("GIF87a....".getBytes(StandardCharsets.US_ASCII)));
        byte[] wav = "RIFF\u0024\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.empty(), ImageSniffer.sniff(wav), "RIFF alone is not WebP");
    }

    @Test
    void refusesTextTruncatedHeadersAndOtherFormats() {
        assertEquals(Optional.empty(), ImageSniffer.sniff("hello, this is text".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), ImageSniffer.sniff(new byte[0]));
        assertEquals(Optional.empty(), ImageSniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xd8}), "2 bytes only");
        assertEquals(Optional.empty(), ImageSniffer.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), "short PNG");
        assertEquals(Optional.empty(), ImageSniffer.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageSniffer.sniff("<svg xmlns=".getBytes(StandardCharsets.US_ASCII)));
        // the length argument counts, not the array size
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0};
        assertEquals(Optional.empty(), ImageSniffer.sniff(jpeg, 2));
        assertEquals(Optional.of("image/jpeg"), ImageSniffer.sniff(jpeg, 3));
    }

    @Test
    void reducesDeclaredTypesToTheirEssence() {
        assertEquals("image/png", ImageSniffer.essence("Image/PNG; q=1"));
        assertNull(ImageSniffer.essence(" "));
        assertTrue(ImageSniffer.accepted("image/webp"));
        assertFalse(ImageSniffer.accepted("image/svg+xml"), "SVG can carry scripts");
        assertFalse(ImageSniffer.accepted(null));
    }

    @Test
    void fileNamesAreMadeSafe() {
        java.util.UUID id = java.util.UUID.fromString("12345678-0000-0000-0000-000000000000");
        assertEquals("12345678.jpg", Attachments.fileName(null, id, "image/jpeg"));
        assertEquals("12345678.png", Attachments.fileName("  ", id, "image/png"));
        assertEquals("现场照片 1.jpg", Attachments.fileName("C:\\Users\\x\\现场照片 1.jpg", id, "image/jpeg"));
        assertEquals("passwd", Attachments.fileName("../../etc/passwd", id, "image/jpeg"));
        assertEquals("ab.png", Attachments.fileName("a\"\nb.png", id, "image/png"));
        assertEquals(200, Attachments.fileName("x".repeat(300) + ".png", id, "image/png").length());
        assertTrue(Attachments.fileName("x".repeat(300) + ".png", id, "image/png").endsWith(".png"));
        assertEquals("%E7%8E%B0%E5%9C%BA%20a.jpg", AttachmentResource.encode("现场 a.jpg"));
    }
}
