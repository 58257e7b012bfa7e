package cn.cityops.exchange.pkg;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import cn.cityops.model.node.NodeId;

/**
 * Receipts (SPEC.md §9): a receipt is itself a package of type {@value #TYPE}, sent by the receiving node to the
 * node it received the package from (the previous hop), with {@code correlationId} = the received package id.
 * Receipts are never receipted. This class builds and reads the receipt payload
 * <pre>
 * { "refPackageId": uuid|null, "refDigest": "sha256:…"|null, "outcome": "ACCEPTED"|"DUPLICATE"|"FORWARDED"|"REJECTED",
 *   "code": "&lt;RejectionCode&gt;" (only when REJECTED), "reason": "text", "receivedAt": timestamp }
 * </pre>
 */
public final class Receipts {

    /** Package type of receipts. */
    public static final String TYPE = "receipt";
    /** Schema version of the receipt payload written here. */
    public static final int SCHEMA_VERSION = 1;
    /** Longest {@code reason}, in code points; longer reasons are cut and end with {@code …}. */
    public static final int MAX_REASON_LENGTH = 1024;

    private Receipts() {
    }

    /** What the receiver did with a package. */
    public enum Outcome {
        /** Verified, stored and (in stream order) applied or queued for application at this node. */
        ACCEPTED,
        /** Already stored with the same digest: acknowledged again, not applied again. */
        DUPLICATE,
        /** Verified and stored by an intermediate node, which forwards the original bytes to the next hop. */
        FORWARDED,
        /** Refused before any state change; {@code code} says why. */
        REJECTED;

        /** True for every outcome but {@link #REJECTED}: the sender's delivery is complete. */
        public boolean delivered() {
            return this != REJECTED;
        }
    }

    /**
     * A receipt payload as read back.
     *
     * @param refPackageId id of the package this receipt is about, or {@code null} when it could not be read
     * @param refDigest    digest of that package as received, or {@code null} when it could not be computed
     * @param outcome      what the receiver did
     * @param code         the rejection code, present exactly when {@code outcome} is {@link Outcome#REJECTED}
     * @param reason       human-readable text (may be empty)
     * @param receivedAt   when the receiver got the package
     */
    public record ReceiptView(UUID refPackageId, String refDigest, Outcome outcome, RejectionCode code,
            String reason, Instant receivedAt) {

        /** True if the receipt refuses the package. */
        public boolean rejected() {
            return outcome == Outcome.REJECTED;
        }
    }

    /**
     * Builds a receipt payload.
     *
     * @param refId      the received package id, or {@code null} if it could not be read
     * @param refDigest  {@link DataPackage#digest()} of the package as received, or {@code null}
     * @param outcome    the outcome
     * @param code       the rejection code: required for {@link Outcome#REJECTED}, must be null otherwise
     * @param reason     text for people, may be null (written as empty); cut to {@value #MAX_REASON_LENGTH} code
     *                   points
     * @param receivedAt when the package arrived (truncated to milliseconds)
     * @throws IllegalArgumentException if {@code code} and {@code outcome} disagree or the digest is malformed
     */
    public static JsonObject payload(UUID refId, String refDigest, Outcome outcome, RejectionCode code,
            String reason, Instant receivedAt) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if ((outcome == Outcome.REJECTED) != (code != null)) {
            throw new IllegalArgumentException("code: required exactly when the outcome is REJECTED (outcome "
                    + outcome + ", code " + code + ")");
        }
        if (refDigest != null && !Envelope.DIGEST_SHAPE.matcher(refDigest).matches()) {
            throw new IllegalArgumentException("refDigest: must be 'sha256:' and 43 base64url characters");
        }
        JsonObjectBuilder b = JsonReading.provider().createObjectBuilder();
        if (refId == null) {
            b.addNull("refPackageId");
        } else {
            b.add("refPackageId", refId.toString());
        }
        if (refDigest == null) {
            b.addNull("refDigest");
        } else {
            b.add("refDigest", refDigest);
        }
        b.add("outcome", outcome.name());
        if (code != null) {
            b.add("code", code.name());
        }
        return b.add("reason", cut(reason == null ? "" : reason))
                .add("receivedAt", Timestamps.format(receivedAt))
                .build();
    }

    /**
     * Builds a receipt package (to be signed by the caller). Its {@code correlationId} is {@code refId}, or the
     * receipt's own id when the received package id could not be read; it has no sequence.
     *
     * @param self         this node, the receipt's sender
     * @param previousHop  the node the package was received from (see {@link Routing#nextHop(NodeId, NodeId)}:
     *                     the next hop from this node towards the package's sender)
     * @param now          creation time of the receipt
     * @see #payload(UUID, String, Outcome, RejectionCode, String, Instant)
     */
    public static DataPackage create(NodeId self, NodeId previousHop, UUID refId, String refDigest, Outcome outcome,
            RejectionCode code, String reason, Instant receivedAt, Instant now) {
        JsonObject payload = payload(refId, refDigest, outcome, code, reason, receivedAt);
        UUID id = UUID.randomUUID();
        String correlationId = (refId == null ? id : refId).toString();
        return DataPackage.create(id, TYPE, SCHEMA_VERSION, self, previousHop, correlationId, null, payload, now);
    }

    /**
     * Reads the payload of a receipt package (type {@value #TYPE}, schema version 1).
     *
     * @throws IllegalArgumentException  if the package is not a receipt
     * @throws MalformedPackageException ({@link RejectionCode#PAYLOAD_SCHEMA_INVALID}) naming the bad member, also
     *                                   when {@code code} is missing for REJECTED or present otherwise
     */
    public static ReceiptView read(DataPackage receipt) throws MalformedPackageException {
        Envelope env = receipt.envelope();
        if (!TYPE.equals(env.type())) {
            throw new IllegalArgumentException("not a receipt but a package of type " + env.type());
        }
        if (env.schemaVersion() != SCHEMA_VERSION) {
            throw new MalformedPackageException(RejectionCode.PKG_UNSUPPORTED_SCHEMA_VERSION,
                    "receipt schema version " + env.schemaVersion() + " is not supported; supported: [1]");
        }
        JsonObject p = receipt.payload();
        for (String name : p.keySet()) {
            switch (name) {
                case "refPackageId", "refDigest", "outcome", "code", "reason", "receivedAt" -> { }
                default -> throw invalid(name, "is not allowed");
            }
        }
        UUID refId = null;
        String idText = nullableString(p, "refPackageId");
        if (idText != null) {
            if (!Envelope.UUID_SHAPE.matcher(idText).matches()) {
                throw invalid("refPackageId", "must be a lowercase UUID or null");
            }
            refId = UUID.fromString(idText);
        }
        String refDigest = nullableString(p, "refDigest");
        if (refDigest != null && !Envelope.DIGEST_SHAPE.matcher(refDigest).matches()) {
            throw invalid("refDigest", "must be 'sha256:' and 43 base64url characters, or null");
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(requiredString(p, "outcome"));
        } catch (IllegalArgumentException e) {
            throw invalid("outcome", "must be one of ACCEPTED, DUPLICATE, FORWARDED, REJECTED");
        }
        RejectionCode code = null;
        if (p.containsKey("code")) {
            try {
                code = RejectionCode.valueOf(requiredString(p, "code"));
            } catch (IllegalArgumentException e) {
                throw invalid("code", "is not a known rejection code");
            }
        }
        if ((outcome == Outcome.REJECTED) != (code != null)) {
            throw invalid("code", outcome == Outcome.REJECTED ? "is required when the outcome is REJECTED"
                    : "must be absent unless the outcome is REJECTED");
        }
        String reason = requiredString(p, "reason");
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_LENGTH) {
            throw invalid("reason", "must be at most " + MAX_REASON_LENGTH + " characters long");
        }
        Instant receivedAt;
        try {
            receivedAt = Timestamps.parse(requiredString(p, "receivedAt"));
        } catch (IllegalArgumentException e) {
            throw invalid("receivedAt", e.getMessage());
        }
        return new ReceiptView(refId, refDigest, outcome, code, reason, receivedAt);
    }

    private static String requiredString(JsonObject p, String name) throws MalformedPackageException {
        JsonValue v = p.get(name);
        if (v == null) {
            throw invalid(name, "is required");
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(name, "must be a string");
        }
        return s.getString();
    }

    private static String nullableString(JsonObject p, String name) throws MalformedPackageException {
        JsonValue v = p.get(name);
        if (v == null) {
            throw invalid(name, "is required (null when unknown)");
        }
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(name, "must be a string or null");
        }
        return s.getString();
    }

    private static MalformedPackageException invalid(String name, String problem) {
        return new MalformedPackageException(RejectionCode.PAYLOAD_SCHEMA_INVALID,
                "/" + CanonicalJson.escapePointer(name) + ": " + problem);
    }

    private static String cut(String reason) {
        if (reason.codePointCount(0, reason.length()) <= MAX_REASON_LENGTH) {
            return reason;
        }
        int end = reason.offsetByCodePoints(0, MAX_REASON_LENGTH - 1);
        return reason.substring(0, end) + "…";
    }
}
