package cn.cityops.municipal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UpwardCodesTest {

    @Test
    void citySourcesMapToFederationSources() {
        assertEquals("SUPERVISOR", UpwardCodes.source("INSPECTOR"));
        assertEquals("HOTLINE_12319", UpwardCodes.source("NATIONAL_12319"));
        assertEquals("PUBLIC", UpwardCodes.source("APP"));
        assertEquals("SENSOR", UpwardCodes.source("VIDEO"));
        assertEquals("OTHER", UpwardCodes.source("SOMETHING_NEW"));
    }

    @Test
    void statesMapByNameWhenTerminalElseByStage() {
        assertEquals("CLOSED", UpwardCodes.status("CLOSED", null, true));
        assertEquals("NOT_FILED", UpwardCodes.status("NOT_ACCEPTED", null, true));
        assertEquals("CANCELLED", UpwardCodes.status("MERGED", null, true));
        assertEquals("SUSPENDED", UpwardCodes.status("SUSPENDED", "HANDLING", false));
        assertEquals("REPORTED", UpwardCodes.status("VERIFYING", "VERIFICATION", false));
        assertEquals("FILED", UpwardCodes.status("PENDING_DISPATCH", "DISPATCH", false));
        assertEquals("HANDLING", UpwardCodes.status("EXTENSION_REQUESTED", "HANDLING", false));
        assertEquals("CHECKING", UpwardCodes.status("PENDING_CLOSE", "CLOSING", false));
        assertEquals("HANDLING", UpwardCodes.status("OPERATOR_ADDED", "SOME_STAGE", false));
    }
}
