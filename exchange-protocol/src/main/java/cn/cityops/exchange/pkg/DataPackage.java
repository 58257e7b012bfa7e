package cn.cityops.exchange.pkg;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import cn.cityops.model.node.NodeId;

/**
 * An immutable data package: the {@code "package"} object of the wire document (SPEC.md §3), i.e. the envelope and
 * the payload. The signature is not part of it (see {@link SignedPackage}).
 *
 * <p>The canonical bytes are computed once, when the package is created or read, and are what the signature
 * covers; {@link #digest()} is their SHA-256. A package read with {@link #fromJson(JsonObject)} keeps the object
 * exactly as received, so members a later minor protocol version adds still count for the signature and digest.
 */
public final class DataPackage {

    /** Name of the payload member. */
    public static final String PAYLOAD = "payload";

    private static final Set<String> V1_MEMBERS = Set.of("protocol", "id", "type", "schemaVersion", "sender",
            "receiver", "createdAt", "correlationId", "sequence", "payloadDigest", PAYLOAD);

    private final Envelope envelope;
    private final JsonObject payload;
    private final JsonObject json;
    private final byte[] canonical;
    private final int payloadStart;
    private final int payloadEnd;
    private final String digest;
    /** 0 = not computed, 1 = matches, 2 = does not match. */
    private volatile int payloadDigestState;

    private DataPackage(Envelope envelope, JsonObject payload, JsonObject json, CanonicalJson.Written written,
            boolean digestKnownToMatch) {
        this.envelope = envelope;
        this.payload = payload;
        this.json = json;
        this.canonical = written.bytes();
        this.payloadStart = written.markStart();
        this.payloadEnd = written.markEnd();
        this.digest = CanonicalJson.sha256Digest(canonical);
        this.payloadDigestState = digestKnownToMatch ? 1 : 0;
    }

    /**
     * Creates a new package with a random id.
     *
     * @param type          registered type such as {@code task.issue}
     * @param schemaVersion payload schema version, &ge; 1
     * @param sender        this node
     * @param receiver      final receiver
     * @param correlationId conversation / stream key, 1–128 of {@code [A-Za-z0-9._:-]}
     * @param sequence      position in the stream (sender, correlationId), or {@code null} for unordered
     * @param payload       the payload; every number must be an integer within &plusmn;(2<sup>53</sup>&minus;1)
     * @param now           creation time, truncated to milliseconds
     * @throws IllegalArgumentException naming the field that breaks the envelope rules or the canonical profile
     */
    public static DataPackage create(String type, int schemaVersion, NodeId sender, NodeId receiver,
            String correlationId, Long sequence, JsonObject payload, Instant now) {
        return create(UUID.randomUUID(), type, schemaVersion, sender, receiver, correlationId, sequence, payload,
                now);
    }

    /**
     * Creates a new package with the given id (for example when re-stamping a package an operator resends).
     *
     * @see #create(String, int, NodeId, NodeId, String, Long, JsonObject, Instant)
     */
    public static DataPackage create(UUID id, String type, int schemaVersion, NodeId sender, NodeId receiver,
            String correlationId, Long sequence, JsonObject payload, Instant now) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(now, "now");
        byte[] payloadBytes;
        try {
            payloadBytes = CanonicalJson.bytes(payload);
        } catch (MalformedPackageException e) {
            throw new IllegalArgumentException("payload: " + e.getMessage(), e);
        }
        Envelope envelope = new Envelope(Envelope.PROTOCOL, id, type, schemaVersion, sender, receiver,
                Timestamps.truncate(now), correlationId,
                sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence),
                CanonicalJson.sha256Digest(payloadBytes));
        JsonObject json = toJson(envelope, payload);
        try {
            return new DataPackage(envelope, payload, json, CanonicalJson.write(json, PAYLOAD), true);
        } catch (MalformedPackageException e) {
            throw new IllegalStateException("envelope does not canonicalise: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code "package"} object. Checks, in this order, the canonical profile (numbers, strings), the
     * protocol (another major gives {@link RejectionCode#PKG_UNSUPPORTED_PROTOCOL}), then the presence and format
     * of every envelope member ({@link RejectionCode#PKG_MALFORMED}, the message starts with the member name).
     * Unknown members are refused under {@code cityops-exchange/1} and kept (and signed) but ignored under a later
     * minor version. Neither the payload schema nor the payload digest is checked here; see
     * {@link #payloadDigestMatches()}.
     *
     * @throws MalformedPackageException with, when readable, the package id, sender and digest as context
     */
    public static DataPackage fromJson(JsonObject packageObject) throws MalformedPackageException {
        Objects.requireNonNull(packageObject, "packageObject");
        UUID contextId = readableId(packageObject);
        NodeId contextSender = readableSender(packageObject);
        CanonicalJson.Written written;
        try {
            written = CanonicalJson.write(packageObject, PAYLOAD);
        } catch (MalformedPackageException e) {
            throw e.withContext(contextId, contextSender, null);
        }
        String contextDigest = CanonicalJson.sha256Digest(written.bytes());
        try {
            Envelope envelope = readEnvelope(packageObject);
            JsonValue payload = packageObject.get(PAYLOAD);
            if (payload == null) {
                throw malformed("payload", "is required");
            }
            if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("payload", "must be an object");
            }
            return new DataPackage(envelope, payload.asJsonObject(), packageObject, written, false);
        } catch (MalformedPackageException e) {
            throw e.withContext(contextId, contextSender, contextDigest);
        }
    }

    private static Envelope readEnvelope(JsonObject p) throws MalformedPackageException {
        String protocol = requiredString(p, "protocol");
        String problem = Envelope.protocolProblem(protocol);
        if (problem != null) {
            throw new MalformedPackageException(RejectionCode.PKG_UNSUPPORTED_PROTOCOL, "protocol: " + problem);
        }
        int minor = protocolMinor(protocol);
        if (minor == 0) {
            for (String name : p.keySet()) {
                if (!V1_MEMBERS.contains(name)) {
                    throw malformed(Envelope.shorten(name), "is not a member of the " + Envelope.PROTOCOL
                            + " envelope (only a later minor version may add members)");
                }
            }
        }
        String idText = requiredString(p, "id");
        if (!Envelope.UUID_SHAPE.matcher(idText).matches()) {
            throw malformed("id", "must be a lowercase UUID such as 0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b, got '"
                    + Envelope.shorten(idText) + "'");
        }
        UUID id = UUID.fromString(idText);
        String type = requiredString(p, "type");
        fail("type", Envelope.typeProblem(type));
        int schemaVersion = (int) requiredInteger(p, "schemaVersion", 1, Integer.MAX_VALUE);
        NodeId sender = node(p, "sender");
        NodeId receiver = node(p, "receiver");
        String createdAtText = requiredString(p, "createdAt");
        Instant createdAt;
        try {
            createdAt = Timestamps.parse(createdAtText);
        } catch (IllegalArgumentException e) {
            throw malformed("createdAt", e.getMessage());
        }
        String correlationId = requiredString(p, "correlationId");
        fail("correlationId", Envelope.correlationProblem(correlationId));
        OptionalLong sequence = OptionalLong.empty();
        if (p.containsKey("sequence")) {
            sequence = OptionalLong.of(requiredInteger(p, "sequence", 1, CanonicalJson.MAX_SAFE_INTEGER));
        }
        String payloadDigest = requiredString(p, "payloadDigest");
        fail("payloadDigest", Envelope.digestProblem(payloadDigest));
        try {
            return new Envelope(protocol, id, type, schemaVersion, sender, receiver, createdAt, correlationId,
                    sequence, payloadDigest);
        } catch (IllegalArgumentException e) {
            throw new MalformedPackageException(RejectionCode.PKG_MALFORMED, e.getMessage());
        }
    }

    private static int protocolMinor(String protocol) {
        java.util.regex.Matcher m = Envelope.PROTOCOL_SHAPE.matcher(protocol);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    private static String requiredString(JsonObject p, String name) throws MalformedPackageException {
        JsonValue v = p.get(name);
        if (v == null) {
            throw malformed(name, "is required");
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw malformed(name, "must be a string, got " + describe(v));
        }
        return ((JsonString) v).getString();
    }

    private static long requiredInteger(JsonObject p, String name, long min, long max)
            throws MalformedPackageException {
        JsonValue v = p.get(name);
        if (v == null) {
            throw malformed(name, "is required");
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            throw malformed(name, "must be an integer, got " + describe(v));
        }
        long n;
        try {
            n = ((JsonNumber) v).bigDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
            throw malformed(name, "must be an integer, got " + v);
        }
        if (n < min || n > max) {
            throw malformed(name, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static NodeId node(JsonObject p, String name) throws MalformedPackageException {
        String value = requiredString(p, name);
        try {
            return NodeId.of(value);
        } catch (IllegalArgumentException e) {
            throw malformed(name, e.getMessage());
        }
    }

    private static void fail(String field, String problem) throws MalformedPackageException {
        if (problem != null) {
            throw malformed(field, problem);
        }
    }

    private static MalformedPackageException malformed(String field, String problem) {
        return new MalformedPackageException(RejectionCode.PKG_MALFORMED, field + ": " + problem);
    }

    private static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    private static UUID readableId(JsonObject p) {
        JsonValue v = p.get("id");
        if (v instanceof JsonString s && Envelope.UUID_SHAPE.matcher(s.getString()).matches()) {
            return UUID.fromString(s.getString());
        }
        return null;
    }

    private static NodeId readableSender(JsonObject p) {
        JsonValue v = p.get("sender");
        if (v instanceof JsonString s) {
            try {
                return NodeId.of(s.getString());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonObject toJson(Envelope e, JsonObject payload) {
        JsonObjectBuilder b = JsonReading.provider().createObjectBuilder()
                .add("protocol", e.protocol())
                .add("id", e.id().toString())
                .add("type", e.type())
                .add("schemaVersion", e.schemaVersion())
                .add("sender", e.sender().value())
                .add("receiver", e.receiver().value())
                .add("createdAt", Timestamps.format(e.createdAt()))
                .add("correlationId", e.correlationId());
        if (e.sequence().isPresent()) {
            b.add("sequence", e.sequence().getAsLong());
        }
        return b.add("payloadDigest", e.payloadDigest()).add(PAYLOAD, payload).build();
    }

    /** The envelope. */
    public Envelope envelope() {
        return envelope;
    }

    /** The payload object. */
    public JsonObject payload() {
        return payload;
    }

    /** The {@code "package"} object (exactly as received for a package read with {@link #fromJson(JsonObject)}). */
    public JsonObject toJson() {
        return json;
    }

    /** The canonical UTF-8 bytes of {@link #toJson()}, which the signature covers (a copy of the cached array). */
    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    /** Length of {@link #canonicalBytes()} without copying. */
    public int canonicalLength() {
        return canonical.length;
    }

    /** The internal canonical array; callers in this package must not modify it. */
    byte[] canonicalBytesShared() {
        return canonical;
    }

    /** {@code sha256:<base64url>} of {@link #canonicalBytes()}: the package digest used by receipts and logs. */
    public String digest() {
        return digest;
    }

    /** True if {@code payloadDigest} is the SHA-256 of the canonical payload (computed once, from the same bytes). */
    public boolean payloadDigestMatches() {
        int state = payloadDigestState;
        if (state == 0) {
            String actual = CanonicalJson.DIGEST_PREFIX + CanonicalJson.base64Url(
                    CanonicalJson.sha256(canonical, payloadStart, payloadEnd - payloadStart));
            state = actual.equals(envelope.payloadDigest()) ? 1 : 2;
            payloadDigestState = state;
        }
        return state == 1;
    }

    /** Packages are equal when their canonical bytes are. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DataPackage d && digest.equals(d.digest)
                && Arrays.equals(canonical, d.canonical));
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    /** Short description: id, type, version, sender → receiver, digest. */
    @Override
    public String toString() {
        return "DataPackage[" + envelope.id() + " " + envelope.type() + " v" + envelope.schemaVersion() + " "
                + envelope.sender() + "→" + envelope.receiver() + " " + digest + "]";
    }
}
