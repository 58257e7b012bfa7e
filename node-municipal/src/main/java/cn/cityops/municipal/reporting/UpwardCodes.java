package cn.cityops.municipal.reporting;

import java.util.Map;

/**
 * The city's case sources and workflow states in the federation's vocabulary (the {@code case.batch} names that
 * {@code statistics.report} uses for {@code bySource} and {@code byStatus} keys, SPEC.md Appendix A).
 */
final class UpwardCodes {

    private UpwardCodes() {
    }

    private static final Map<String, String> SOURCES = Map.of("INSPECTOR", "SUPERVISOR", "HOTLINE", "PUBLIC",
            "PUBLIC_ACCOUNT", "PUBLIC", "APP", "PUBLIC", "NATIONAL_12319", "HOTLINE_12319", "VIDEO", "SENSOR",
            "OTHER", "OTHER");

    private static final Map<String, String> STAGES = Map.of("ACCEPTANCE", "REPORTED", "VERIFICATION", "REPORTED",
            "FILING", "REPORTED", "DISPATCH", "FILED", "HANDLING", "HANDLING", "CHECK", "CHECKING", "CLOSING",
            "CHECKING");

    /** A case source of this city (CaseSource name) as a federation source name. */
    static String source(String citySource) {
        return SOURCES.getOrDefault(citySource, "OTHER");
    }

    /**
     * A workflow state as a federation status: the terminal states by name, the others by the stage whose clock runs
     * in them (the workflow is data, so a state added by the operators still lands somewhere sensible).
     */
    static String status(String state, String stage, boolean terminal) {
        if (terminal) {
            return switch (state) {
                case "CLOSED" -> "CLOSED";
                case "NOT_ACCEPTED", "NOT_FILED" -> "NOT_FILED";
                default -> "CANCELLED";
            };
        }
        if ("SUSPENDED".equals(state)) {
            return "SUSPENDED";
        }
        return STAGES.getOrDefault(stage, "HANDLING");
    }
}
