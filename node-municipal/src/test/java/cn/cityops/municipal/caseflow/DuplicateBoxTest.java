package cn.cityops.municipal.caseflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The duplicate search's index pre-filter must never cut off a case inside the radius. */
class DuplicateBoxTest {

    /** Metres along a parallel (east–west) for {@code degrees} of longitude at {@code lat} on the WGS84/CGCS2000 ellipsoid. */
    static double eastWestMetres(double degrees, double lat) {
        double a = 6378137.0;
        double e2 = 0.00669438;
        double phi = Math.toRadians(lat);
        double n = a / Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
        return Math.toRadians(degrees) * n * Math.cos(phi);
    }

    /** Metres along a meridian for {@code degrees} of latitude (shortest at the equator: ~110.6 km per degree). */
    static double northSouthMetres(double degrees) {
        return degrees * 110_574;
    }

    @Test
    void theBoxCoversTheRadiusEverywhereInChina() {
        for (int r : new int[] {1, 10, 50, 200, 1000, 5000}) {
            double d = CaseQueries.boxDegrees(r);
            for (double lat = 3; lat <= 54; lat += 0.5) {
                assertTrue(eastWestMetres(d, lat) >= r, "east-west at " + lat + "° for " + r + " m");
            }
            assertTrue(northSouthMetres(d) >= r, "north-south for " + r + " m");
        }
    }

    @Test
    void theBoxIsNotWastefullyLargeAtTheDemoCity() {
        // 朔州 at 39.3° N: the box should stay within twice the radius east-west
        double d = CaseQueries.boxDegrees(50);
        assertTrue(eastWestMetres(d, 39.3) < 100, "box " + eastWestMetres(d, 39.3) + " m for 50 m");
    }
}
