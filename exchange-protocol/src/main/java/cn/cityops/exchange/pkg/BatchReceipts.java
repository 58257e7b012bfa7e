package cn.cityops.exchange.pkg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.model.node.NodeId;

/**
 * Batch receipts (SPEC.md §13.3): the one signed answer to a batch of packages, a package of type {@value #TYPE}
 * from the receiving node to the previous hop, whose payload lists per element of the batch, in request order, what
 * a single receipt (§9) would say:
 * <pre>
 * { "receivedAt": timestamp,
 *   "entries": [ { "index": 0, "refPackageId": uuid|null, "refDigest": "sha256:…"|null,
 *                  "outcome": "ACCEPTED"|"DUPLICATE"|"FORWARDED"|"REJECTED", "code": "…" (only when REJECTED),
 *                  "reason": "text" }, … ] }
 * </pre>
 * Entry codes are the rejection codes of §10 plus {@value #PROCESSING_FAILED} (retryable, batch receipts only).
 */
public final class BatchReceipts {

    /** Package type of batch receipts. */
    public static final String TYPE = "receipt.batch";
    /** Schema version of the payload written here. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * Entry code of a package that passed verification but could not be stored or applied (a failing handler, a
     * database error): nothing of it was stored; the sender retries it like a transport failure.
     */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private BatchReceipts() {
    }

    /**
     * One entry: what became of element {@code index} of the batch.
     *
     * @param code a {@link RejectionCode} name or {@value #PROCESSING_FAILED}; present exactly when REJECTED
     */
    public record Entry(int index, UUID refPackageId, String refDigest, Outcome outcome, String code, String reason) {

        public Entry {
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.REJECTED) != (code != null)) {
                throw new IllegalArgumentException("code: required exactly when the outcome is REJECTED (outcome "
                        + outcome + ", code " + code + ")");
            }
            if (code != null && !knownCode(code)) {
                throw new IllegalArgumentException("code: unknown code " + code);
            }
            if (refDigest != null && !Envelope.DIGEST_SHAPE.matcher(refDigest).matches()) {
                throw new IllegalArgumentException("refDigest: must be 'sha256:' and 43 base64url characters");
            }
            if (index < 0) {
                throw new IllegalArgumentException("index: must not be negative");
            }
            reason = reason == null ? "" : reason;
        }

        /** An entry for a rejection with a protocol code. */
        public static Entry rejected(int index, UUID refPackageId, RejectionCode code, String reason) {
            return new Entry(index, refPackageId, null, Outcome.REJECTED, code.name(), reason);
        }

        /** True if the sender may retry the package: delivered outcomes never, rejections as their code says. */
        public boolean retryable() {
            if (outcome != Outcome.REJECTED) {
                return false;
            }
            return PROCESSING_FAILED.equals(code) || RejectionCode.valueOf(code).retryable();
        }
    }

    /** A batch receipt payload as read back. */
    public record BatchReceiptView(Instant receivedAt, List<Entry> entries) {
    }

    static boolean knownCode(String code) {
        if (PROCESSING_FAILED.equals(code)) {
            return true;
        }
        try {
            RejectionCode.valueOf(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The payload; entries must be non-empty and numbered 0, 1, … in order. */
    public static JsonObject payload(List<Entry> entries, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("entries: at least one");
        }
        JsonArrayBuilder list = JsonReading.provider().createArrayBuilder();
        int i = 0;
        for (Entry e : entries) {
            if (e.index() != i++) {
                throw new IllegalArgumentException("entries: entry " + (i - 1) + " has index " + e.index());
            }
            JsonObjectBuilder b = JsonReading.provider().createObjectBuilder().add("index", e.index());
            if (e.refPackageId() == null) {
                b.addNull("refPackageId");
            } else {
                b.add("refPackageId", e.refPackageId().toString());
            }
            if (e.refDigest() == null) {
                b.addNull("refDigest");
            } else {
                b.add("refDigest", e.refDigest());
            }
            b.add("outcome", e.outcome().name());
            if (e.code() != null) {
                b.add("code", e.code());
            }
            list.add(b.add("reason", cut(e.reason())));
        }
        return JsonReading.provider().createObjectBuilder().add("receivedAt", Timestamps.format(receivedAt))
                .add("entries", list).build();
    }

    /**
     * A batch receipt package (to be signed by the caller), from {@code self} to {@code previousHop}; its
     * correlationId is its own id; no sequence.
     */
    public static DataPackage create(NodeId self, NodeId previousHop, List<Entry> entries, Instant receivedAt,
            Instant now) {
        JsonObject payload = payload(entries, receivedAt);
        UUID id = UUID.randomUUID();
        return DataPackage.create(id, TYPE, SCHEMA_VERSION, self, previousHop, id.toString(), null, payload, now);
    }

    /**
     * Reads the payload of a batch receipt.
     *
     * @throws IllegalArgumentException  if the package is not a batch receipt
     * @throws MalformedPackageException ({@link RejectionCode#PAYLOAD_SCHEMA_INVALID}) naming the bad member, also
     *                                   when an index is out of order or {@code code} disagrees with the outcome
     */
    public static BatchReceiptView read(DataPackage receipt) throws MalformedPackageException {
        Envelope env = receipt.envelope();
        if (!TYPE.equals(env.type())) {
            throw new IllegalArgumentException("not a batch receipt but a package of type " + env.type());
        }
        if (env.schemaVersion() != SCHEMA_VERSION) {
            throw new MalformedPackageException(RejectionCode.PKG_UNSUPPORTED_SCHEMA_VERSION,
                    "receipt.batch schema version " + env.schemaVersion() + " is not supported; supported: [1]");
        }
        JsonObject p = receipt.payload();
        Instant receivedAt;
        try {
            receivedAt = Timestamps.parse(string(p, "receivedAt", "/receivedAt"));
        } catch (IllegalArgumentException e) {
            throw invalid("/receivedAt", e.getMessage());
        }
        JsonValue list = p.get("entries");
        if (!(list instanceof JsonArray array) || array.isEmpty()) {
            throw invalid("/entries", "must be a non-empty array");
        }
        List<Entry> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "/entries/" + i;
            if (!(array.get(i) instanceof JsonObject e)) {
                throw invalid(at, "must be an object");
            }
            for (String name : e.keySet()) {
                switch (name) {
                    case "index", "refPackageId", "refDigest", "outcome", "code", "reason" -> { }
                    default -> throw invalid(at + "/" + CanonicalJson.escapePointer(name), "is not allowed");
                }
            }
            if (!(e.get("index") instanceof JsonNumber n) || !n.isIntegral() || n.longValue() != i) {
                throw invalid(at + "/index", "must be " + i + " (entries are in request order)");
            }
            String idText = nullable(e, "refPackageId", at);
            UUID refId = null;
            if (idText != null) {
                if (!Envelope.UUID_SHAPE.matcher(idText).matches()) {
                    throw invalid(at + "/refPackageId", "must be a lowercase UUID or null");
                }
                refId = UUID.fromString(idText);
            }
            String digest = nullable(e, "refDigest", at);
            if (digest != null && !Envelope.DIGEST_SHAPE.matcher(digest).matches()) {
                throw invalid(at + "/refDigest", "must be 'sha256:' and 43 base64url characters, or null");
            }
            Outcome outcome;
            try {
                outcome = Outcome.valueOf(string(e, "outcome", at + "/outcome"));
            } catch (IllegalArgumentException x) {
                throw invalid(at + "/outcome", "must be one of ACCEPTED, DUPLICATE, FORWARDED, REJECTED");
            }
            String code = e.containsKey("code") ? string(e, "code", at + "/code") : null;
            if (code != null && !knownCode(code)) {
                throw invalid(at + "/code", "is not a known rejection code");
            }
            if ((outcome == Outcome.REJECTED) != (code != null)) {
                throw invalid(at + "/code", outcome == Outcome.REJECTED ? "is required when the outcome is REJECTED"
                        : "must be absent unless the outcome is REJECTED");
            }
            String reason = string(e, "reason", at + "/reason");
            if (reason.codePointCount(0, reason.length()) > Receipts.MAX_REASON_LENGTH) {
                throw invalid(at + "/reason", "must be at most " + Receipts.MAX_REASON_LENGTH + " characters long");
            }
            out.add(new Entry(i, refId, digest, outcome, code, reason));
        }
        return new BatchReceiptView(receivedAt, List.copyOf(out));
    }

    private static String string(JsonObject o, String name, String pointer) throws MalformedPackageException {
        JsonValue v = o.get(name);
        if (v == null) {
            throw invalid(pointer, "is required");
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(pointer, "must be a string");
        }
        return s.getString();
    }

    private static String nullable(JsonObject o, String name, String at) throws MalformedPackageException {
        JsonValue v = o.get(name);
        if (v == null) {
            throw invalid(at + "/" + name, "is required (null when unknown)");
        }
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(at + "/" + name, "must be a string or null");
        }
        return s.getString();
    }

    private static MalformedPackageException invalid(String pointer, String problem) {
        return new MalformedPackageException(RejectionCode.PAYLOAD_SCHEMA_INVALID, pointer + ": " + problem);
    }

    private static String cut(String reason) {
        if (reason.codePointCount(0, reason.length()) <= Receipts.MAX_REASON_LENGTH) {
            return reason;
        }
        return reason.substring(0, reason.offsetByCodePoints(0, Receipts.MAX_REASON_LENGTH - 1)) + "…";
    }
}
