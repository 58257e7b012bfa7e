package cn.cityops.municipal.demo;

/**
 * Small plane geometry on lon/lat (CGCS2000 ≈ WGS84 ellipsoid) for the generator and its tests: metres per degree,
 * polygon area in m² (local equirectangular projection, exact enough for 100 m cells), point in polygon, convexity.
 * Rings are {@code [n][2]} arrays of lon, lat, closed (first point repeated last).
 */
public final class Geo {

    private Geo() {
    }

    /** Metres per degree of latitude at {@code lat} (series for the GRS80/WGS84 ellipsoid). */
    public static double metresPerDegreeLat(double lat) {
        double p = Math.toRadians(lat);
        return 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p) - 0.0023 * Math.cos(6 * p);
    }

    /** Metres per degree of longitude at {@code lat}. */
    public static double metresPerDegreeLon(double lat) {
        double p = Math.toRadians(lat);
        return 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p) + 0.118 * Math.cos(5 * p);
    }

    /** Area of a closed lon/lat ring in square metres (absolute value). */
    public static double areaM2(double[][] ring) {
        double lat0 = 0;
        for (int i = 0; i < ring.length - 1; i++) {
            lat0 += ring[i][1];
        }
        lat0 /= ring.length - 1;
        double kx = metresPerDegreeLon(lat0);
        double ky = metresPerDegreeLat(lat0);
        double s = 0;
        for (int i = 0; i < ring.length - 1; i++) {
            s += (ring[i][0] - ring[0][0]) * kx * (ring[i + 1][1] - ring[0][1]) * ky
                    - (ring[i + 1][0] - ring[0][0]) * kx * (ring[i][1] - ring[0][1]) * ky;
        }
        return Math.abs(s) / 2;
    }

    /** Signed area in degree² (positive = counter-clockwise). */
    public static double signedArea(double[][] ring) {
        double s = 0;
        for (int i = 0; i < ring.length - 1; i++) {
            s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        }
        return s / 2;
    }

    /** Even-odd rule; points on an edge may go either way. */
    public static boolean contains(double[][] ring, double x, double y) {
        boolean in = false;
        for (int i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
            double xi = ring[i][0];
            double yi = ring[i][1];
            double xj = ring[j][0];
            double yj = ring[j][1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    /** True when the ring is strictly convex (every turn has the same sign) — hence simple and valid. */
    public static boolean strictlyConvex(double[][] ring) {
        int n = ring.length - 1;
        int sign = 0;
        for (int i = 0; i < n; i++) {
            double[] a = ring[i];
            double[] b = ring[(i + 1) % n];
            double[] c = ring[(i + 2) % n];
            double cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
            int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
            if (s == 0 || (sign != 0 && s != sign)) {
                return false;
            }
            sign = s;
        }
        return true;
    }

    /**
     * True when two convex rings overlap in more than a boundary (separating axis theorem over their edge normals);
     * neighbours sharing an edge or a vertex do not overlap.
     */
    public static boolean convexOverlap(double[][] a, double[][] b) {
        return !separated(a, b) && !separated(b, a);
    }

    private static boolean separated(double[][] a, double[][] b) {
        double scale = 1e-12;
        for (int i = 0; i < a.length - 1; i++) {
            double nx = a[i + 1][1] - a[i][1];
            double ny = a[i][0] - a[i + 1][0];
            double minA = Double.MAX_VALUE;
            double maxA = -Double.MAX_VALUE;
            double minB = Double.MAX_VALUE;
            double maxB = -Double.MAX_VALUE;
            for (double[] p : a) {
                double d = p[0] * nx + p[1] * ny;
                minA = Math.min(minA, d);
                maxA = Math.max(maxA, d);
            }
            for (double[] p : b) {
                double d = p[0] * nx + p[1] * ny;
                minB = Math.min(minB, d);
                maxB = Math.max(maxB, d);
            }
            if (maxA <= minB + scale || maxB <= minA + scale) {
                return true;
            }
        }
        return false;
    }
}
