package cn.cityops.core.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import cn.cityops.exchange.schema.PackageTypes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ComplaintPayloadsTest {

    static final PackageTypes TYPES = PackageTypes.standard();
    static final Instant RECEIVED = Instant.parse("2026-11-21T00:45:00Z");
    static final JsonArray PHOTO = Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "现场.jpg")
            .add("mediaType", "image/jpeg").add("size", 4821).add("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0"
                    + "b822cd15d6c15b0f00a08").add("url", "https://12319.example.gov.cn/photos/1.jpg")).build();

    static ComplaintPayloads.Item item(boolean anonymous, String matter, String lon, String lat, JsonArray photos) {
        return new ComplaintPayloads.Item("12319-20261121-000031", "COMPLAINT", "HOTLINE", "小区门口垃圾堆积",
                "北城街道某小区门口垃圾三天未清运。", matter, "140602001", "朔城区北城街道文远路12号", lon, lat, "刘女士",
                "13800000000", anonymous, true, photos, RECEIVED);
    }

    @Test
    void aForwardedComplaintIsAValidComplaintForwardWithTheElevenDigitMatterCode() {
        JsonObject p = ComplaintPayloads.forward(item(false, "06010", "112.4301", "39.342", PHOTO),
                Instant.parse("2026-11-28T09:00:00Z"));
        assertEquals(List.of(), TYPES.validate("complaint.forward", 1, p));
        assertEquals("14060206010", p.getString("matterCode"));
        assertEquals("112.4301", p.getJsonObject("location").getJsonObject("point").getString("lon"));
        assertEquals("刘女士", p.getJsonObject("contact").getString("name"));
        assertEquals("2026-11-21T00:45:00.000Z", p.getString("receivedAt"));
        assertEquals(1, p.getJsonArray("photos").size());
    }

    @Test
    void anAnonymousComplaintWithoutPointMatterOrPhotosCarriesNoneOfThem() {
        JsonObject p = ComplaintPayloads.forward(item(true, null, null, null, Json.createArrayBuilder().build()),
                Instant.parse("2026-11-28T09:00:00Z"));
        assertEquals(List.of(), TYPES.validate("complaint.forward", 1, p));
        assertFalse(p.containsKey("matterCode"));
        assertFalse(p.containsKey("photos"));
        assertFalse(p.getJsonObject("location").containsKey("point"));
        assertFalse(p.getJsonObject("contact").containsKey("name"));
        assertTrue(p.getJsonObject("contact").getBoolean("anonymous"));
    }

    @Test
    void aRatingIsAValidSatisfactionResult() {
        JsonObject p = ComplaintPayloads.satisfaction("12319-20261121-000031", Satisfaction.DISSATISFIED, "PHONE",
                "垃圾仍未清运", Instant.parse("2026-11-22T08:00:00Z"), "100000", "部督查员张三");
        assertEquals(List.of(), TYPES.validate("satisfaction.result", 1, p));
        assertEquals("DISSATISFIED", p.getString("satisfaction"));
        assertEquals("12319", p.getJsonObject("surveyedBy").getString("department"));
        assertEquals(Satisfaction.DISSATISFIED, Satisfaction.parse("不满意").orElseThrow());
        assertEquals(Satisfaction.BASICALLY_SATISFIED, Satisfaction.parse("BASICALLY_SATISFIED").orElseThrow());
        assertTrue(Satisfaction.parse("一般").isEmpty());
    }

    @Test
    void aCityResultIsReadWithItsHandlerDescribed() {
        JsonObject p = Json.createObjectBuilder().add("complaintId", "12319-20261121-000031")
                .add("outcome", "RESOLVED").add("text", "已清运").add("caseId", "20261121000007")
                .add("handler", Json.createObjectBuilder().add("nodeId", "140600").add("department", "环卫中心"))
                .add("handledAt", "2026-11-22T03:00:00.000Z").build();
        assertEquals(List.of(), TYPES.validate("complaint.result", 1, p));
        ComplaintPayloads.Result r = ComplaintPayloads.result(p);
        assertEquals("环卫中心 (140600)", r.handler());
        assertEquals(Instant.parse("2026-11-22T03:00:00Z"), r.handledAt());
        assertEquals("已解决", ComplaintPayloads.OUTCOMES.get(r.outcome()));
    }

    @Test
    void coordinatesBecomeDecimalStringsThePointPatternAccepts() {
        assertEquals("112.43", ComplaintPayloads.degrees(112.43));
        assertEquals("39.12345679", ComplaintPayloads.degrees(39.123456789));
        assertEquals("-0.5", ComplaintPayloads.degrees(-0.5));
        assertEquals("0", ComplaintPayloads.degrees(-0.0));
        assertEquals("180", ComplaintPayloads.degrees(180));
        assertEquals("0.00000001", ComplaintPayloads.degrees(1e-8));
        assertThrows(IllegalArgumentException.class, () -> ComplaintPayloads.degrees(181));
    }
}
