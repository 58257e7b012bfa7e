package cn.cityops.core.complaint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

import cn.cityops.core.supervision.Payloads;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The 12319 packages as the national node writes and reads them (SPEC.md §6.7): {@code complaint.forward} from a stored
 * item, {@code satisfaction.result} from a rating, and the content of a {@code complaint.result}.
 */
public final class ComplaintPayloads {

    /** 处理结果 of complaint.result v1, with the words the complainant sees. */
    public static final Map<String, String> OUTCOMES = Map.of("RESOLVED", "已解决", "EXPLAINED", "已解释说明",
            "NOT_IN_SCOPE", "不属于受理范围", "UNFOUNDED", "不属实");

    private ComplaintPayloads() {
    }

    /** A stored 12319 item, as far as the city needs it. */
    public record Item(String complaintId, String kind, String channel, String title, String text, String matterClass,
            String divisionCode, String address, String lon, String lat, String contactName, String contactPhone,
            boolean anonymous, boolean replyRequested, JsonArray photos, Instant receivedAt) {
    }

    /** What a city reported back. */
    public record Result(String complaintId, String outcome, String text, String caseId, String handler,
            Instant handledAt) {
    }

    /** complaint.forward v1; the matter code is the 11-digit form (division + class) when a class is known. */
    public static JsonObject forward(Item i, Instant handleDeadline) {
        JsonObjectBuilder location = Json.createObjectBuilder().add("divisionCode", i.divisionCode());
        Payloads.putIfPresent(location, "address", i.address());
        if (i.lon() != null && i.lat() != null) {
            location.add("point", Json.createObjectBuilder().add("lon", i.lon()).add("lat", i.lat()));
        }
        JsonObjectBuilder contact = Json.createObjectBuilder().add("anonymous", i.anonymous())
                .add("replyRequested", i.replyRequested());
        if (!i.anonymous()) {
            Payloads.putIfPresent(contact, "name", i.contactName());
            Payloads.putIfPresent(contact, "phone", i.contactPhone());
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("complaintId", i.complaintId())
                .add("channel", i.channel()).add("kind", i.kind()).add("text", i.text())
                .add("location", location).add("contact", contact)
                .add("receivedAt", Payloads.ts(i.receivedAt())).add("handleDeadline", Payloads.ts(handleDeadline));
        if (i.matterClass() != null) {
            b.add("matterCode", i.divisionCode().substring(0, 6) + i.matterClass());
        }
        Payloads.putIfPresent(b, "title", i.title());
        if (i.photos() != null && !i.photos().isEmpty()) {
            b.add("photos", i.photos());
        }
        return b.build();
    }

    /** satisfaction.result v1: the complainant's rating, surveyed by the national 12319 centre. */
    public static JsonObject satisfaction(String complaintId, Satisfaction s, String method, String comment,
            Instant surveyedAt, String nodeId, String person) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("complaintId", complaintId).add("satisfaction", s.name())
                .add("method", method).add("surveyedAt", Payloads.ts(surveyedAt))
                .add("surveyedBy", Payloads.party(nodeId, "12319", person));
        if (comment != null && !comment.isBlank()) {
            b.add("comment", comment.length() > 2000 ? comment.substring(0, 2000) : comment);
        }
        return b.build();
    }

    /** The content of a complaint.result v1 (already schema-valid). */
    public static Result result(JsonObject p) {
        return new Result(p.getString("complaintId"), p.getString("outcome"), p.getString("text"),
                Payloads.optString(p, "caseId"), Payloads.describe(p.getJsonObject("handler")),
                Payloads.ts(p.getString("handledAt")));
    }

    /**
     * A coordinate as the decimal string packages carry (at most 8 fraction digits, no exponent).
     *
     * @throws IllegalArgumentException outside -180…180
     */
    public static String degrees(double value) {
        if (Double.isNaN(value) || value < -180 || value > 180) {
            throw new IllegalArgumentException("not a coordinate: " + value);
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(8, RoundingMode.HALF_UP).stripTrailingZeros();
        String s = d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        return "-0".equals(s) ? "0" : s;
    }
}
