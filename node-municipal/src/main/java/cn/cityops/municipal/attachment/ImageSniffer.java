package cn.cityops.municipal.attachment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the accepted image formats by their magic bytes, so the stored media type is what the content really
 * is, whatever the client declared.
 */
public final class ImageSniffer {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String WEBP = "image/webp";
    public static final String GIF = "image/gif";

    /** The media types accepted for upload. */
    public static final List<String> ACCEPTED = List.of(JPEG, PNG, WEBP, GIF);

    /** Bytes needed to recognise every accepted format. */
    public static final int HEADER_BYTES = 12;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    private ImageSniffer() {
    }

    /** The media type the content starts like, if it is one of {@link #ACCEPTED}. */
    public static Optional<String> sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, n, PNG_MAGIC, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, n, ascii("GIF87a"), 0) || startsWith(head, n, ascii("GIF89a"), 0)) {
            return Optional.of(GIF);
        }
        if (startsWith(head, n, ascii("RIFF"), 0) && startsWith(head, n, ascii("WEBP"), 8)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    public static Optional<String> sniff(byte[] content) {
        return sniff(content, content.length);
    }

    /**
     * The declared Content-Type reduced to its lower-case essence ({@code "Image/PNG; q=1"} → {@code "image/png"}),
     * or null when absent.
     */
    public static String essence(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    public static boolean accepted(String essence) {
        return essence != null && ACCEPTED.contains(essence);
    }

    /** Usual file extension of an accepted type. */
    public static String extension(String mediaType) {
        return switch (mediaType) {
            case JPEG -> "jpg";
            case PNG -> "png";
            case WEBP -> "webp";
            case GIF -> "gif";
            default -> "bin";
        };
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix, int at) {
        if (length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
