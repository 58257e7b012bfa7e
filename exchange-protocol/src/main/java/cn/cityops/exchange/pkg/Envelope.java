package cn.cityops.exchange.pkg;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.cityops.model.node.NodeId;

/**
 * The envelope of a data package: every member of the {@code "package"} object except {@code payload}
 * (SPEC.md §3). Instances are always valid; the constructor refuses values that break the field rules with an
 * {@link IllegalArgumentException} naming the field.
 *
 * <p>{@code sequence} is an {@link OptionalLong}: empty when the package is unordered, otherwise 1 &le; n &le;
 * 2<sup>53</sup>&minus;1, ordering the packages of one stream (sender, correlationId).
 *
 * @param protocol       {@code cityops-exchange/1} (or a later minor of major 1, {@code cityops-exchange/1.N})
 * @param id             package id, written as a lowercase UUID
 * @param type           registered package type such as {@code task.issue}
 * @param schemaVersion  version of the payload schema, &ge; 1
 * @param sender         node that created and signed the package
 * @param receiver       final receiver
 * @param createdAt      creation time, whole milliseconds
 * @param correlationId  conversation / stream key, 1–128 characters of {@code [A-Za-z0-9._:-]}
 * @param sequence       position in the stream, or empty
 * @param payloadDigest  {@code sha256:<base64url>} of the canonical payload
 */
public record Envelope(String protocol, UUID id, String type, int schemaVersion, NodeId sender, NodeId receiver,
        Instant createdAt, String correlationId, OptionalLong sequence, String payloadDigest) {

    /** The protocol name and version written by this implementation. */
    public static final String PROTOCOL = "cityops-exchange/1";
    /** Major protocol version spoken by this implementation. */
    public static final int PROTOCOL_MAJOR = 1;
    /** Media type of the wire document. */
    public static final String MEDIA_TYPE = "application/vnd.cityops.package+json";

    static final Pattern PROTOCOL_SHAPE =
            Pattern.compile("cityops-exchange/(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8}))?");
    static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern TYPE_SHAPE = Pattern.compile("[a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*");
    static final Pattern CORRELATION_SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern DIGEST_SHAPE = Pattern.compile("sha256:[A-Za-z0-9_-]{43}");
    static final int MAX_TYPE_LENGTH = 64;

    /** Validates every field; see the class description. */
    public Envelope {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sequence, "sequence (use OptionalLong.empty())");
        check("protocol", protocolProblem(protocol));
        check("type", typeProblem(type));
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion: must be at least 1, got " + schemaVersion);
        }
        if (createdAt.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("createdAt: must be whole milliseconds, got " + createdAt);
        }
        check("createdAt", createdAtProblem(createdAt));
        check("correlationId", correlationProblem(correlationId));
        if (sequence.isPresent()) {
            check("sequence", sequenceProblem(sequence.getAsLong()));
        }
        check("payloadDigest", digestProblem(payloadDigest));
    }

    /** Minor version of {@link #protocol()}: 0 for {@code cityops-exchange/1}, N for {@code cityops-exchange/1.N}. */
    public int protocolMinor() {
        Matcher m = PROTOCOL_SHAPE.matcher(protocol);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    /** The stream key {@code <sender>/<correlationId>} that {@link #sequence()} orders. */
    public String streamKey() {
        return sender.value() + "/" + correlationId;
    }

    private static void check(String field, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /** Major version in a well-formed protocol string, or -1. */
    static int protocolMajor(String protocol) {
        Matcher m = PROTOCOL_SHAPE.matcher(protocol);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String protocolProblem(String protocol) {
        if (protocolMajor(protocol) != PROTOCOL_MAJOR) {
            return "'" + shorten(protocol) + "' is not supported; this node speaks " + PROTOCOL
                    + " (and later minor versions of major " + PROTOCOL_MAJOR + ")";
        }
        return null;
    }

    static String typeProblem(String type) {
        if (type == null) {
            return "is required";
        }
        if (type.length() > MAX_TYPE_LENGTH || !TYPE_SHAPE.matcher(type).matches()) {
            return "must be dot-separated lowercase words such as task.issue (at most " + MAX_TYPE_LENGTH
                    + " characters), got '" + shorten(type) + "'";
        }
        return null;
    }

    static String createdAtProblem(Instant createdAt) {
        try {
            Timestamps.format(createdAt);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String correlationProblem(String correlationId) {
        if (correlationId == null) {
            return "is required";
        }
        if (!CORRELATION_SHAPE.matcher(correlationId).matches()) {
            return "must be 1-128 characters of A-Z a-z 0-9 . _ : -, got '" + shorten(correlationId) + "'";
        }
        return null;
    }

    static String sequenceProblem(long sequence) {
        if (sequence < 1 || sequence > CanonicalJson.MAX_SAFE_INTEGER) {
            return "must be between 1 and 2^53-1, got " + sequence;
        }
        return null;
    }

    static String digestProblem(String digest) {
        if (digest == null) {
            return "is required";
        }
        if (!DIGEST_SHAPE.matcher(digest).matches()) {
            return "must be 'sha256:' followed by 43 base64url characters, got '" + shorten(digest) + "'";
        }
        return null;
    }

    static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
