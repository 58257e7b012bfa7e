package cn.cityops.municipal.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.cityops.exchange.schema.PackageTypes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ComplaintResultsTest {

    @Test
    void terminalStatesMapToOutcomesAndAMergeSendsNothing() {
        assertEquals(Optional.of("RESOLVED"), ComplaintResults.outcome("CLOSED"));
        assertEquals(Optional.of("NOT_IN_SCOPE"), ComplaintResults.outcome("NOT_ACCEPTED"));
        assertEquals(Optional.of("NOT_IN_SCOPE"), ComplaintResults.outcome("NOT_FILED"));
        assertEquals(Optional.of("UNFOUNDED"), ComplaintResults.outcome("VOIDED"));
        assertTrue(ComplaintResults.outcome("MERGED").isEmpty());
        assertTrue(ComplaintResults.outcome("HANDLING").isEmpty());
    }

    @Test
    void theResultIsAValidComplaintResultWithTheCaseNumberAndDepartment() {
        JsonObject r = ComplaintResults.result("12319-20261121-000031", "RESOLVED", "已清运并增加清运频次", "20261121000007",
                "140600", "朔城区环卫中心", Instant.parse("2026-11-22T03:00:00Z"));
        assertEquals(List.of(), PackageTypes.standard().validate("complaint.result", 1, r));
        assertEquals("20261121000007", r.getString("caseId"));
        assertEquals("朔城区环卫中心", r.getJsonObject("handler").getString("department"));
        assertEquals("2026-11-22T03:00:00.000Z", r.getString("handledAt"));
    }

    @Test
    void aCaseWithoutRecordedTextStillSaysWhatHappened() {
        JsonObject r = ComplaintResults.result("C-1", "NOT_IN_SCOPE", " ", "20261121000008", "140600", null,
                Instant.parse("2026-11-22T03:00:00Z"));
        assertEquals(List.of(), PackageTypes.standard().validate("complaint.result", 1, r));
        assertEquals("不属于受理范围", r.getString("text"));
        assertTrue(!r.getJsonObject("handler").containsKey("department"));
    }
}
