package cn.cityops.municipal.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import cn.cityops.model.text.Csv;
import cn.cityops.model.security.Role;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/**
 * Generates the demo city 朔州市 (140600) deterministically from a seed: unit grids (单元网格) over a built-up area
 * around 112.43 E, 39.33 N in 朔城区 (140602) and 平鲁区 (140603), grouped into streets (街道) and communities (社区);
 * city components (部件) inside them; the professional departments (专业部门) and users of every role.
 *
 * <p>Grids are the cells of a lattice of ~100 m × 100 m (longitude steps corrected for latitude) whose vertices are
 * jittered by at most 15 % of a side. Neighbouring cells share their jittered vertices, so the grids tile the area
 * without gaps or overlaps, and every cell is a strictly convex quadrilateral (a vertex would have to move 35 % of a
 * side to cross the diagonal of its neighbours) — a valid polygon. The city outline is a noisy, star-shaped blob of
 * exactly {@code --grids} cells; streets and communities are compact clusters of cells (Lloyd's k-means on the
 * lattice).
 *
 * <p>Usage: {@code java … cn.cityops.municipal.demo.DemoCity [--out DIR] [--grids N] [--components N] [--seed S]}
 * (defaults {@code .run/demo-city}, 4000, 3000, 140600); see deploy/demo-city.sh. Coordinates are CGCS2000 lon/lat
 * (EPSG:4490), seven decimals.
 */
public final class DemoCity {

    public static final String CITY = "140600";
    public static final String MAIN_DISTRICT = "140602";
    public static final String SECOND_DISTRICT = "140603";
    public static final Map<String, String> DISTRICT_NAMES = Map.of(MAIN_DISTRICT, "朔城区", SECOND_DISTRICT, "平鲁区");
    public static final double CENTER_LON = 112.43;
    public static final double CENTER_LAT = 39.33;
    public static final double CELL_METRES = 100;
    public static final String VALID_FROM = "2026-01-01";
    static final double JITTER = 0.15;
    static final int GRIDS_PER_STREET = 500;
    static final int GRIDS_PER_COMMUNITY = 67;
    static final String CLASSES_RESOURCE = "reference/component-categories.csv";
    /** Looked up once: {@code Json.createXxx} would search the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Generator options. */
    public record Options(Path out, int grids, int components, long seed) {
        public static Options defaults() {
            return new Options(Path.of(".run", "demo-city"), 4000, 3000, 140600);
        }
    }

    /** A street (街道) of a district: {@code code} is 3 digits inside the district. */
    public record Street(String district, String code, String name, String departmentId) {
        /** District + street code, 9 digits. */
        public String fullCode() {
            return district + code;
        }
    }

    /** A community (社区) of a street: {@code code} is 3 digits inside the street. */
    public record Community(Street street, String code, String name) {
        /** District + street + community code, 12 digits. */
        public String fullCode() {
            return street.fullCode() + code;
        }
    }

    /** A unit grid: 15-digit code, its community, and its ring (closed, counter-clockwise, lon/lat). */
    public record Grid(String code, String name, Community community, double[][] ring) {
        public double areaM2() {
            return Geo.areaM2(ring);
        }
    }

    /** A professional department; {@code streetCode} (9 digits) only for a street's 综合执法队. */
    public record Department(String id, String name, String uscc, String streetCode) {
    }

    /** An organisation named on a component: code is a 统一社会信用代码. */
    public record Org(String code, String name) {
    }

    /** A component class taken from the reference data. */
    public record ComponentClass(String code, String name) {
    }

    /** A city component (部件): 17-digit id = district + class + 6-digit sequence. */
    public record Component(String id, ComponentClass type, Org competent, Org owner, Org maintainer, Grid grid,
            String status, String initialDate, String changeDate, String dataSource, String remark, double lon,
            double lat) {
    }

    /** A demo user; {@code streetCode} for inspectors, {@code departmentId} for department users. */
    public record User(String username, String displayName, List<String> roles, String streetCode, String streetName,
            String departmentId) {
    }

    /** Everything generated. */
    public record City(List<Street> streets, List<Community> communities, List<Grid> grids,
            List<Department> departments, List<Component> components, List<User> users) {

        public double totalAreaM2() {
            return grids.stream().mapToDouble(Grid::areaM2).sum();
        }
    }

    private DemoCity() {
    }

    public static void main(String[] args) throws IOException {
        Options o = parse(args);
        long t0 = System.nanoTime();
        City city = build(o.grids(), o.components(), o.seed());
        write(city, o.out());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> perDistrict = new TreeMap<>();
        city.grids().forEach(g -> perDistrict.merge(g.community().street().district(), 1L, Long::sum));
        System.out.printf(Locale.ROOT, "demo city 朔州市 %s (seed %d) written to %s in %d ms%n", CITY, o.seed(),
                o.out().toAbsolutePath().normalize(), ms);
        System.out.printf(Locale.ROOT, "  grids.geojson       %,d grids, %d streets, %d communities, total area %.2f km²"
                + " (mean %.0f m² per grid); per district %s%n", city.grids().size(), city.streets().size(),
                city.communities().size(), city.totalAreaM2() / 1e6, city.totalAreaM2() / city.grids().size(),
                perDistrict);
        System.out.printf(Locale.ROOT, "  components.geojson/.csv %,d components%n", city.components().size());
        System.out.printf(Locale.ROOT, "  departments.json    %d departments%n", city.departments().size());
        System.out.printf(Locale.ROOT, "  users.json          %d users%n", city.users().size());
    }

    static Options parse(String[] args) {
        Options d = Options.defaults();
        Path out = d.out();
        int grids = d.grids();
        int components = d.components();
        long seed = d.seed();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: DemoCity [--out DIR] [--grids N] [--components N] [--seed S]");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--grids" -> grids = Integer.parseInt(v);
                case "--components" -> components = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (grids < 1 || grids > 900_000 || components < 0) {
            throw new IllegalArgumentException("--grids must be 1…900000 and --components ≥ 0");
        }
        return new Options(out, grids, components, seed);
    }

    // ------------------------------------------------------------------------------------------------ generation

    /** Builds the whole city in memory; the same arguments always give the same city. */
    public static City build(int gridCount, int componentCount, long seed) {
        Random rnd = new Random(seed);
        List<int[]> cells = outline(gridCount, rnd);
        int[] streetOf = kMeans(cells, allIndexes(cells.size()), Math.max(1, Math.round(gridCount
                / (float) GRIDS_PER_STREET)), rnd);

        // streets: the north-western quarter belongs to 平鲁区, the rest to 朔城区; numbered north→south, west→east
        int streetCount = max(streetOf) + 1;
        List<List<Integer>> members = groups(streetOf, streetCount);
        List<double[]> centroids = new ArrayList<>();
        for (List<Integer> m : members) {
            centroids.add(centroid(cells, m));
        }
        List<Integer> order = allIndexes(streetCount);
        order.sort(Comparator.comparingDouble((Integer s) -> centroids.get(s)[0] + centroids.get(s)[1])
                .thenComparing(Function.identity()));
        int second = streetCount >= 2 ? Math.max(1, Math.round(streetCount * 0.25f)) : 0;
        Map<Integer, String> districtOf = new HashMap<>();
        for (int k = 0; k < streetCount; k++) {
            districtOf.put(order.get(k), k < second ? SECOND_DISTRICT : MAIN_DISTRICT);
        }
        Names names = new Names(rnd);
        List<Integer> byPosition = allIndexes(streetCount);
        byPosition.sort(Comparator.comparing((Integer s) -> districtOf.get(s))
                .thenComparingDouble(s -> Math.round(centroids.get(s)[1] / 10.0))
                .thenComparingDouble(s -> centroids.get(s)[0]).thenComparing(Function.identity()));
        Street[] streets = new Street[streetCount];
        Map<String, Integer> nextStreetCode = new HashMap<>();
        for (int s : byPosition) {
            String district = districtOf.get(s);
            int code = nextStreetCode.merge(district, 1, Integer::sum);
            streets[s] = new Street(district, three(code), names.street(), "zf-" + district + three(code));
        }

        // communities: clusters inside each street, numbered north→south, west→east; grids numbered the same way
        List<Street> streetList = new ArrayList<>();
        List<Community> communities = new ArrayList<>();
        List<Grid> grids = new ArrayList<>();
        Vertices vertices = new Vertices(seed);
        for (int s : byPosition) {
            Street street = streets[s];
            streetList.add(street);
            List<Integer> cellsOfStreet = members.get(s);
            int k = Math.max(1, Math.round(cellsOfStreet.size() / (float) GRIDS_PER_COMMUNITY));
            int[] communityOf = kMeans(cells, cellsOfStreet, k, rnd);
            List<List<Integer>> cm = groups(communityOf, max(communityOf) + 1);
            cm.removeIf(List::isEmpty);
            List<List<Integer>> byPlace = new ArrayList<>(cm);
            byPlace.sort(Comparator.comparingDouble((List<Integer> m) -> Math.round(centroidOf(cells, cellsOfStreet, m)[1] / 5.0))
                    .thenComparingDouble(m -> centroidOf(cells, cellsOfStreet, m)[0]));
            int c = 0;
            for (List<Integer> m : byPlace) {
                Community community = new Community(street, three(++c), names.community());
                communities.add(community);
                List<int[]> own = new ArrayList<>();
                for (int idx : m) {
                    own.add(cells.get(cellsOfStreet.get(idx)));
                }
                own.sort(Comparator.comparingInt((int[] cell) -> cell[1]).thenComparingInt(cell -> cell[0]));
                if (own.size() > 999) {
                    throw new IllegalStateException("community with more than 999 grids: " + own.size());
                }
                int seq = 0;
                for (int[] cell : own) {
                    String code = community.fullCode() + three(++seq);
                    grids.add(new Grid(code, community.name() + "第" + three(seq) + "网格", community,
                            vertices.ring(cell[0], cell[1])));
                }
            }
        }

        List<Department> departments = departments(streetList, rnd);
        List<Component> components = components(componentCount, grids, departments, rnd);
        List<User> users = users(streetList, departments, names);
        return new City(List.copyOf(streetList), List.copyOf(communities), List.copyOf(grids), departments,
                components, users);
    }

    /** Exactly {@code n} lattice cells {col, row} (row grows southwards) forming a noisy star-shaped blob. */
    static List<int[]> outline(int n, Random rnd) {
        int h = (int) Math.ceil(Math.sqrt(n / Math.PI) * 1.7) + 2;
        double a = rnd.nextDouble() * Math.PI * 2;
        double b = rnd.nextDouble() * Math.PI * 2;
        double c = rnd.nextDouble() * Math.PI * 2;
        List<double[]> ranked = new ArrayList<>((2 * h) * (2 * h));
        for (int row = -h; row < h; row++) {
            for (int col = -h; col < h; col++) {
                double x = (col + 0.5) * 0.85; // a little wider east–west than north–south
                double y = -(row + 0.5);
                double t = Math.atan2(y, x);
                double f = 1 + 0.16 * Math.sin(2 * t + a) + 0.08 * Math.sin(3 * t + b) + 0.05 * Math.sin(5 * t + c);
                ranked.add(new double[] {Math.hypot(x, y) / f, col, row});
            }
        }
        ranked.sort(Comparator.comparingDouble((double[] r) -> r[0]).thenComparingDouble(r -> r[2])
                .thenComparingDouble(r -> r[1]));
        List<int[]> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cells.add(new int[] {(int) ranked.get(i)[1], (int) ranked.get(i)[2]});
        }
        cells.sort(Comparator.comparingInt((int[] cell) -> cell[1]).thenComparingInt(cell -> cell[0]));
        return cells;
    }

    /**
     * Lloyd's k-means of the cells {@code subset} (indexes into {@code cells}) into {@code k} compact clusters;
     * returns the cluster of each subset entry.
     */
    static int[] kMeans(List<int[]> cells, List<Integer> subset, int k, Random rnd) {
        int n = subset.size();
        k = Math.min(k, n);
        double[][] centres = new double[k][];
        List<Integer> picks = allIndexes(n);
        Collections.shuffle(picks, rnd);
        for (int i = 0; i < k; i++) {
            int[] cell = cells.get(subset.get(picks.get(i)));
            centres[i] = new double[] {cell[0], cell[1]};
        }
        int[] of = new int[n];
        for (int iter = 0; iter < 12; iter++) {
            for (int i = 0; i < n; i++) {
                int[] cell = cells.get(subset.get(i));
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int j = 0; j < k; j++) {
                    double dx = cell[0] - centres[j][0];
                    double dy = cell[1] - centres[j][1];
                    double d = dx * dx + dy * dy;
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                of[i] = best;
            }
            double[][] sum = new double[k][3];
            for (int i = 0; i < n; i++) {
                int[] cell = cells.get(subset.get(i));
                sum[of[i]][0] += cell[0];
                sum[of[i]][1] += cell[1];
                sum[of[i]][2]++;
            }
            for (int j = 0; j < k; j++) {
                if (sum[j][2] > 0) {
                    centres[j] = new double[] {sum[j][0] / sum[j][2], sum[j][1] / sum[j][2]};
                }
            }
        }
        // renumber clusters densely (an emptied cluster leaves a gap)
        int[] dense = new int[k];
        java.util.Arrays.fill(dense, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (dense[of[i]] < 0) {
                dense[of[i]] = next++;
            }
            of[i] = dense[of[i]];
        }
        return of;
    }

    /** Jittered lattice vertices, shared by neighbouring cells, rounded once to 1e-7°. */
    static final class Vertices {
        private final long seed;
        private final Map<Long, double[]> cache = new HashMap<>();
        private final double metresPerDegLat = Geo.metresPerDegreeLat(CENTER_LAT);

        Vertices(long seed) {
            this.seed = seed;
        }

        double[] at(int col, int row) {
            return cache.computeIfAbsent(((long) col << 32) ^ (row & 0xffffffffL), key -> {
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L);
                double jx = (r.nextDouble() * 2 - 1) * JITTER * CELL_METRES;
                double jy = (r.nextDouble() * 2 - 1) * JITTER * CELL_METRES;
                double rowLat = CENTER_LAT - row * CELL_METRES / metresPerDegLat;
                double lat = rowLat - jy / metresPerDegLat;
                double lon = CENTER_LON + (col * CELL_METRES + jx) / Geo.metresPerDegreeLon(rowLat);
                return new double[] {round7(lon), round7(lat)};
            });
        }

        /** The closed ring NW → SW → SE → NE → NW (counter-clockwise). */
        double[][] ring(int col, int row) {
            double[] nw = at(col, row);
            return new double[][] {nw, at(col, row + 1), at(col + 1, row + 1), at(col + 1, row), nw};
        }
    }

    static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private static List<Department> departments(List<Street> streets, Random rnd) {
        List<Department> out = new ArrayList<>();
        String[][] fixed = {
            {"hw", "朔州市环境卫生管理处（环卫处）", "12"},
            {"sz", "朔州市市政工程管理处（市政处）", "12"},
            {"yl", "朔州市园林绿化管理处（园林处）", "12"},
            {"jt", "朔州市公安局交通警察支队", "11"},
            {"gdzs", "国网朔州供电公司", "91"},
            {"gs", "朔州市供水有限责任公司", "91"},
            {"rl", "朔州市热力有限公司", "91"},
            {"rq", "朔州市燃气有限公司", "91"},
            {"tx", "中国联通朔州市分公司", "91"},
            {"gj", "朔州市公共交通有限公司", "91"},
        };
        for (String[] d : fixed) {
            out.add(new Department(d[0], d[1], Uscc.make(d[2], CITY, rnd), null));
        }
        for (Street s : streets) {
            out.add(new Department(s.departmentId(), DISTRICT_NAMES.get(s.district()) + s.name() + "综合行政执法队",
                    Uscc.make("11", s.district(), rnd), s.fullCode()));
        }
        return List.copyOf(out);
    }

    /** Common component classes, relative frequency, and the department in charge ("zf" = the street's 执法队). */
    static final Object[][] CLASS_WEIGHTS = {
        {"01001", 6, "gs"}, {"01002", 8, "sz"}, {"01003", 8, "sz"}, {"01004", 10, "sz"}, {"01005", 4, "gdzs"},
        {"01006", 3, "sz"}, {"01007", 5, "tx"}, {"01010", 3, "rl"}, {"01011", 2, "rq"}, {"01013", 2, "sz"},
        {"01030", 3, "gdzs"}, {"01031", 2, "tx"}, {"01037", 12, "sz"}, {"01046", 1, "yl"}, {"01054", 1, "gdzs"},
        {"01060", 1, "sz"}, {"02004", 2, "gj"}, {"02012", 2, "sz"}, {"02014", 1.5, "jt"}, {"02017", 2, "jt"},
        {"02027", 1, "zf"}, {"02038", 3, "zf"}, {"03001", 0.7, "hw"}, {"03005", 10, "hw"}, {"03008", 1, "zf"},
        {"04002", 14, "yl"}, {"04004", 2, "yl"}, {"04007", 1.5, "yl"}, {"04011", 2, "yl"},
    };

    private static List<Component> components(int count, List<Grid> grids, List<Department> departments,
            Random rnd) {
        Map<String, String> names = componentClassNames();
        Map<String, Department> deptById = new LinkedHashMap<>();
        departments.forEach(d -> deptById.put(d.id(), d));
        Org cleaning = new Org(Uscc.make("91", CITY, rnd), "朔州市洁城环卫服务有限公司");
        Org gardening = new Org(Uscc.make("91", CITY, rnd), "朔州市绿源园林养护有限公司");
        Org roads = new Org(Uscc.make("91", CITY, rnd), "朔州市通达市政养护有限公司");
        double total = 0;
        for (Object[] w : CLASS_WEIGHTS) {
            total += ((Number) w[1]).doubleValue();
            if (!names.containsKey((String) w[0])) {
                throw new IllegalStateException("component class " + w[0] + " is not in " + CLASSES_RESOURCE);
            }
        }
        String[] sources = {"实测", "实测", "实测", "实测", "实测", "实测", "实测", "地形图", "基础地理数据", "其他"};
        String[] remarks = {"", "", "", "", "", "临街", "人行道", "小区出入口", "绿化带内", "非机动车道"};
        Map<String, Integer> sequence = new HashMap<>();
        List<Component> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Grid grid = grids.get(rnd.nextInt(grids.size()));
            double pick = rnd.nextDouble() * total;
            Object[] w = CLASS_WEIGHTS[CLASS_WEIGHTS.length - 1];
            for (Object[] candidate : CLASS_WEIGHTS) {
                pick -= ((Number) candidate[1]).doubleValue();
                if (pick < 0) {
                    w = candidate;
                    break;
                }
            }
            String classCode = (String) w[0];
            String deptId = w[2].equals("zf") ? grid.community().street().departmentId() : (String) w[2];
            Department dept = deptById.get(deptId);
            Org org = new Org(dept.uscc(), dept.name());
            Org maintainer = switch (deptId) {
                case "hw" -> cleaning;
                case "yl" -> gardening;
                case "sz" -> roads;
                default -> org;
            };
            String district = grid.community().street().district();
            int seq = sequence.merge(district + classCode, 1, Integer::sum);
            String id = district + classCode + String.format(Locale.ROOT, "%06d", seq);
            double u = 0.05 + 0.9 * rnd.nextDouble();
            double v = 0.05 + 0.9 * rnd.nextDouble();
            double[][] r = grid.ring(); // NW, SW, SE, NE
            double lon = (1 - u) * (1 - v) * r[0][0] + (1 - u) * v * r[1][0] + u * v * r[2][0] + u * (1 - v) * r[3][0];
            double lat = (1 - u) * (1 - v) * r[0][1] + (1 - u) * v * r[1][1] + u * v * r[2][1] + u * (1 - v) * r[3][1];
            double s = rnd.nextDouble();
            boolean losable = classCode.startsWith("010") || classCode.equals("03005");
            String status = s < 0.9 ? "完好" : s < 0.97 || !losable ? "破损" : "丢失";
            int year = 2008 + rnd.nextInt(18);
            String initial = String.format(Locale.ROOT, "%04d%02d%02d", year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            String change = rnd.nextInt(3) == 0 ? initial : String.format(Locale.ROOT, "%04d%02d%02d",
                    Math.max(year, 2020) + rnd.nextInt(6), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            if (change.compareTo(initial) < 0) {
                change = initial;
            }
            out.add(new Component(id, new ComponentClass(classCode, names.get(classCode)), org, org, maintainer, grid,
                    status, initial, change, sources[rnd.nextInt(sources.length)], remarks[rnd.nextInt(remarks.length)],
                    round7(lon), round7(lat)));
        }
        return List.copyOf(out);
    }

    /** Component class code → name, from node-core's reference data on the class path. */
    static Map<String, String> componentClassNames() {
        InputStream in = DemoCity.class.getClassLoader().getResourceAsStream(CLASSES_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(CLASSES_RESOURCE + " not on the class path (add node-core's jar)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<List<String>> rows = Csv.parse(r);
            List<String> header = rows.get(0);
            int code = header.indexOf("code");
            int name = header.indexOf("name");
            for (List<String> row : rows.subList(1, rows.size())) {
                out.put(row.get(code), row.get(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<User> users(List<Street> streets, List<Department> departments, Names names) {
        List<User> out = new ArrayList<>();
        int n = 0;
        for (Street s : streets) {
            for (int i = 0; i < 2; i++) {
                out.add(new User(String.format(Locale.ROOT, "inspector%03d", ++n), names.person(),
                        List.of(Role.Ids.INSPECTOR), s.fullCode(), s.name(), null));
            }
        }
        Object[][] desk = {
            {"intake", 3, Role.Ids.INTAKE_OPERATOR}, {"shiftlead", 2, Role.Ids.SHIFT_LEAD},
            {"dispatcher", 3, Role.Ids.DISPATCHER}, {"leader", 1, Role.Ids.LEADER},
            {"taskhandler", 1, Role.Ids.CITY_TASK_HANDLER}, {"sysadmin", 1, Role.Ids.SYSTEM_ADMIN},
            {"secadmin", 1, Role.Ids.SECURITY_ADMIN}, {"auditadmin", 1, Role.Ids.AUDIT_ADMIN},
        };
        for (Object[] d : desk) {
            for (int i = 1; i <= (int) d[1]; i++) {
                out.add(new User(String.format(Locale.ROOT, "%s%02d", d[0], i), names.person(),
                        List.of((String) d[2]), null, null, null));
            }
        }
        for (Department d : departments) {
            out.add(new User("dept-" + d.id(), names.person(), List.of(Role.Ids.DEPARTMENT), null, null, d.id()));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ output

    /** Writes grids.geojson, components.geojson, components.csv, departments.json and users.json to {@code dir}. */
    public static void write(City city, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = writer(dir.resolve("grids.geojson"))) {
            featureCollection(w, "朔州市单元网格", city.grids(), DemoCity::gridFeature);
        }
        try (Writer w = writer(dir.resolve("components.geojson"))) {
            featureCollection(w, "朔州市城市部件", city.components(), DemoCity::componentFeature);
        }
        try (Writer w = writer(dir.resolve("components.csv"))) {
            w.write(String.join(",", COMPONENT_COLUMNS) + ",lon,lat\n");
            for (Component c : city.components()) {
                List<String> values = new ArrayList<>(componentValues(c).values());
                values.add(BigDecimal.valueOf(c.lon()).setScale(7, java.math.RoundingMode.HALF_UP).toPlainString());
                values.add(BigDecimal.valueOf(c.lat()).setScale(7, java.math.RoundingMode.HALF_UP).toPlainString());
                w.write(Csv.line(values) + "\n");
            }
        }
        JsonArrayBuilder depts = JSON.createArrayBuilder();
        for (Department d : city.departments()) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("id", d.id()).add("name", d.name()).add("uscc", d.uscc());
            if (d.streetCode() != null) {
                b.add("streetCode", d.streetCode());
            }
            depts.add(b);
        }
        pretty(dir.resolve("departments.json"), depts.build());
        JsonArrayBuilder users = JSON.createArrayBuilder();
        for (User u : city.users()) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("username", u.username())
                    .add("displayName", u.displayName()).add("roles", JSON.createArrayBuilder(u.roles()));
            if (u.streetCode() != null) {
                b.add("streetCode", u.streetCode()).add("streetName", u.streetName());
            }
            if (u.departmentId() != null) {
                b.add("departmentId", u.departmentId());
            }
            users.add(b);
        }
        pretty(dir.resolve("users.json"), users.build());
    }

    static final List<String> COMPONENT_COLUMNS = List.of("id", "name", "competentDeptCode", "competentDeptName",
            "ownerCode", "ownerName", "maintainerCode", "maintainerName", "gridCode", "status", "initialDate",
            "changeDate", "dataSource", "remark", "streetCode", "streetName", "communityCode", "communityName");

    static Map<String, String> componentValues(Component c) {
        Community community = c.grid().community();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.type().name());
        m.put("competentDeptCode", c.competent().code());
        m.put("competentDeptName", c.competent().name());
        m.put("ownerCode", c.owner().code());
        m.put("ownerName", c.owner().name());
        m.put("maintainerCode", c.maintainer().code());
        m.put("maintainerName", c.maintainer().name());
        m.put("gridCode", c.grid().code());
        m.put("status", c.status());
        m.put("initialDate", c.initialDate());
        m.put("changeDate", c.changeDate());
        m.put("dataSource", c.dataSource());
        m.put("remark", c.remark());
        m.put("streetCode", community.street().fullCode());
        m.put("streetName", community.street().name());
        m.put("communityCode", community.fullCode());
        m.put("communityName", community.name());
        return m;
    }

    private static JsonObject gridFeature(Grid g) {
        JsonArrayBuilder ring = JSON.createArrayBuilder();
        for (double[] p : g.ring()) {
            ring.add(JSON.createArrayBuilder().add(coordinate(p[0])).add(coordinate(p[1])));
        }
        return JSON.createObjectBuilder().add("type", "Feature")
                .add("properties", JSON.createObjectBuilder().add("code", g.code()).add("name", g.name())
                        .add("communityName", g.community().name()).add("streetName", g.community().street().name())
                        .add("responsibleDepartment", g.community().street().departmentId())
                        .add("validFrom", VALID_FROM))
                .add("geometry", JSON.createObjectBuilder().add("type", "Polygon")
                        .add("coordinates", JSON.createArrayBuilder().add(ring)))
                .build();
    }

    private static JsonObject componentFeature(Component c) {
        JsonObjectBuilder props = JSON.createObjectBuilder();
        componentValues(c).forEach(props::add);
        return JSON.createObjectBuilder().add("type", "Feature").add("properties", props)
                .add("geometry", JSON.createObjectBuilder().add("type", "Point")
                        .add("coordinates", JSON.createArrayBuilder().add(coordinate(c.lon())).add(coordinate(c.lat()))))
                .build();
    }

    private static BigDecimal coordinate(double v) {
        return BigDecimal.valueOf(Math.round(v * 1e7), 7);
    }

    /** One feature per line, so the files diff and stream well. */
    private static <T> void featureCollection(Writer w, String name, List<T> items, Function<T, JsonObject> feature)
            throws IOException {
        w.write("{\"type\":\"FeatureCollection\",\"name\":\"" + name + "\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::4490\"}},\"features\":[\n");
        for (int i = 0; i < items.size(); i++) {
            w.write(feature.apply(items.get(i)).toString());
            w.write(i + 1 < items.size() ? ",\n" : "\n");
        }
        w.write("]}\n");
    }

    private static void pretty(Path file, jakarta.json.JsonStructure json) throws IOException {
        JsonWriterFactory f = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter s = new StringWriter();
        try (JsonWriter jw = f.createWriter(s)) {
            jw.write(json);
        }
        Files.writeString(file, s.toString().strip() + "\n", StandardCharsets.UTF_8);
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String three(int n) {
        if (n > 999) {
            throw new IllegalStateException("more than 999 entries for a 3-digit code");
        }
        return String.format(Locale.ROOT, "%03d", n);
    }

    private static List<Integer> allIndexes(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static List<List<Integer>> groups(int[] of, int k) {
        List<List<Integer>> g = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            g.add(new ArrayList<>());
        }
        for (int i = 0; i < of.length; i++) {
            g.get(of[i]).add(i);
        }
        return g;
    }

    private static double[] centroid(List<int[]> cells, List<Integer> members) {
        double x = 0;
        double y = 0;
        for (int i : members) {
            x += cells.get(i)[0];
            y += cells.get(i)[1];
        }
        return new double[] {x / members.size(), y / members.size()};
    }

    private static double[] centroidOf(List<int[]> cells, List<Integer> subset, List<Integer> members) {
        double x = 0;
        double y = 0;
        for (int i : members) {
            x += cells.get(subset.get(i))[0];
            y += cells.get(subset.get(i))[1];
        }
        return new double[] {x / members.size(), y / members.size()};
    }
}
