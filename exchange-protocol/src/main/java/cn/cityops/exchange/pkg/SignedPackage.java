package cn.cityops.exchange.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A package with its detached CMS signature: the wire document
 * {@code {"package": {...}, "signature": "<base64 DER CMS SignedData>"}} (media type
 * {@value Envelope#MEDIA_TYPE}, UTF-8). The signature array is copied in and out.
 *
 * @param pkg       the signed package
 * @param signature DER-encoded CMS SignedData, detached, over {@code pkg.canonicalBytes()}
 */
public record SignedPackage(DataPackage pkg, byte[] signature) {

    /** Default size limit of a wire document: 8 MiB (a full {@code case.batch} is about 1.5 MB). */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

    private static final byte[] HEAD = "{\"package\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = ",\"signature\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** Checks that both parts are present and the signature is not empty; copies the signature. */
    public SignedPackage {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0) {
            throw new IllegalArgumentException("signature must not be empty");
        }
        signature = signature.clone();
    }

    /** A copy of the DER-encoded CMS SignedData. */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The wire document in canonical form: {@code {"package":<canonical package>,"signature":"<base64>"}}. Writing
     * it canonically means a package forwarded by an intermediate node keeps the same bytes.
     */
    public byte[] toWire() {
        byte[] canonical = pkg.canonicalBytesShared();
        byte[] b64 = Base64.getEncoder().encode(signature);
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                HEAD.length + canonical.length + MIDDLE.length + b64.length + TAIL.length);
        out.writeBytes(HEAD);
        out.writeBytes(canonical);
        out.writeBytes(MIDDLE);
        out.writeBytes(b64);
        out.writeBytes(TAIL);
        return out.toByteArray();
    }

    /**
     * Reads a wire document: size limit first (nothing is parsed when it is exceeded), then strict JSON
     * ({@link JsonReading}, depth {@value JsonReading#DEFAULT_MAX_DEPTH}), then the package object
     * ({@link DataPackage#fromJson(JsonObject)}), then the top-level members and the signature encoding (standard
     * base64 with padding, RFC 4648 §4, no line breaks). Signature, payload digest and schema are not checked here.
     *
     * @param bytes    the document as received
     * @param maxBytes size limit in bytes, for example {@link #DEFAULT_MAX_BYTES}
     * @throws PackageTooLargeException  when {@code bytes.length > maxBytes}
     * @throws MalformedPackageException otherwise, with the rejection code and a message naming the place
     */
    public static SignedPackage fromWire(byte[] bytes, int maxBytes) throws MalformedPackageException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > maxBytes) {
            throw new PackageTooLargeException(bytes.length, maxBytes);
        }
        JsonObject document = JsonReading.parseObject(bytes, JsonReading.DEFAULT_MAX_DEPTH);
        JsonValue packageValue = document.get("package");
        if (packageValue == null) {
            throw new MalformedPackageException("package: is required");
        }
        if (packageValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPackageException("package: must be an object");
        }
        DataPackage pkg = DataPackage.fromJson(packageValue.asJsonObject());
        Envelope env = pkg.envelope();
        try {
            if (env.protocolMinor() == 0) {
                for (String name : document.keySet()) {
                    if (!name.equals("package") && !name.equals("signature")) {
                        throw new MalformedPackageException(Envelope.shorten(name) + ": is not a member of the "
                                + Envelope.PROTOCOL + " wire document");
                    }
                }
            }
            JsonValue signatureValue = document.get("signature");
            if (signatureValue == null) {
                throw new MalformedPackageException("signature: is required");
            }
            if (signatureValue.getValueType() != JsonValue.ValueType.STRING) {
                throw new MalformedPackageException("signature: must be a string");
            }
            byte[] signature = decodePaddedBase64(((JsonString) signatureValue).getString());
            if (signature == null) {
                throw new MalformedPackageException(
                        "signature: must be non-empty standard base64 with padding and no line breaks");
            }
            return new SignedPackage(pkg, signature);
        } catch (MalformedPackageException e) {
            throw e.withContext(env.id(), env.sender(), pkg.digest());
        }
    }

    /**
     * Decodes non-empty RFC 4648 §4 base64 (alphabet only, length a multiple of 4, at most two '=' at the very end),
     * or returns null. The JDK's basic decoder refuses every character outside the alphabet, line breaks included,
     * and padding anywhere but at the end; with the length check it accepts exactly that form.
     */
    static byte[] decodePaddedBase64(String s) {
        if (s.isEmpty() || s.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SignedPackage s && pkg.equals(s.pkg)
                && Arrays.equals(signature, s.signature));
    }

    @Override
    public int hashCode() {
        return 31 * pkg.hashCode() + Arrays.hashCode(signature);
    }

    /** The package description and the signature length. */
    @Override
    public String toString() {
        return "SignedPackage[" + pkg + ", signature " + signature.length + " bytes]";
    }
}
