package cn.cityops.municipal.complaint;

import java.time.Instant;
import java.util.Optional;

import cn.cityops.core.supervision.Payloads;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** How a finished case answers the 12319 complaint it handled ({@code complaint.result} v1). */
public final class ComplaintResults {

    private ComplaintResults() {
    }

    /**
     * The outcome a terminal state reports: 结案 → RESOLVED, 不予受理 / 不予立案 → NOT_IN_SCOPE, 作废 → UNFOUNDED; empty for
     * 合并 (the complaint follows the case it was merged into) and for any other state.
     */
    public static Optional<String> outcome(String terminalState) {
        return Optional.ofNullable(switch (terminalState) {
            case "CLOSED" -> "RESOLVED";
            case "NOT_ACCEPTED", "NOT_FILED" -> "NOT_IN_SCOPE";
            case "VOIDED" -> "UNFOUNDED";
            default -> null;
        });
    }

    /** complaint.result v1; {@code text} falls back to the outcome's words when the case recorded none. */
    public static JsonObject result(String complaintId, String outcome, String text, String caseNo, String nodeId,
            String department, Instant handledAt) {
        String t = text == null || text.isBlank() ? switch (outcome) {
            case "RESOLVED" -> "已办结";
            case "NOT_IN_SCOPE" -> "不属于受理范围";
            default -> "经核实不属实";
        } : text.length() > 20000 ? text.substring(0, 20000) : text;
        return Json.createObjectBuilder().add("complaintId", complaintId).add("outcome", outcome).add("text", t)
                .add("caseId", caseNo).add("handler", Payloads.party(nodeId, department, null))
                .add("handledAt", Payloads.ts(handledAt)).build();
    }
}
