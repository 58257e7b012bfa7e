package cn.cityops.core.reference.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Flyway Java migration that loads the reference data tables created by {@code V2__reference_schema.sql} from the
 * data files under {@code classpath:reference/} (copies of the project's shared reference files; sources and
 * licences in {@code reference/README.md}):
 * <ul>
 *   <li>{@code ref_major_category} and {@code ref_class}: GB/T 47678.5-2026 component classes
 *       ({@value #COMPONENT_CLASSES}) and management matters ({@value #MATTER_CLASSES}) with their majors;</li>
 *   <li>{@code ref_legacy_code_mapping}: legacy event codes with a GB/T 47678.5-2026 counterpart;</li>
 *   <li>{@code ref_division}: GB/T 2260 divisions from {@code divisions.csv};</li>
 *   <li>{@code work_calendar_day}: holidays and 调休 make-up working days {@value #FIRST_HOLIDAY_YEAR}–{@value
 *       #LAST_HOLIDAY_YEAR} from holiday-cn.</li>
 * </ul>
 * The files are checked while loading (code layout, major names, parents, counts); any inconsistency fails the
 * migration, and with it the transaction Flyway runs it in. {@link #getChecksum()} covers every file, so editing an
 * applied file is reported by Flyway's validation: correct reference data with a new migration instead.
 * <p>
 * Not found by classpath scanning: register it with {@code Flyway.configure().javaMigrations(new
 * V3__ReferenceData())}.
 */
public class V3__ReferenceData extends BaseJavaMigration {

    /** Classpath folder of the data files. */
    public static final String RESOURCE_DIR = "reference/";
    /** First holiday-cn year file loaded. */
    public static final int FIRST_HOLIDAY_YEAR = 2007;
    /** Last holiday-cn year file loaded. */
    public static final int LAST_HOLIDAY_YEAR = 2026;
    /** Number of component classes expected in {@code component-categories.csv}. */
    public static final int COMPONENT_CLASSES = 153;
    /** Number of management matters expected in {@code management-matters-all.csv}. */
    public static final int MATTER_CLASSES = 250;
    /** The standard whose majors and classes are loaded. */
    public static final String STANDARD = "GB/T 47678.5-2026";

    static final String COMPONENTS_CSV = "component-categories.csv";
    static final String MATTERS_CSV = "management-matters-all.csv";
    static final String MAJORS_CSV = "major-categories.csv";
    static final String LEGACY_CSV = "legacy-code-mapping-evidence.csv";
    static final String DIVISIONS_CSV = "divisions.csv";

    private static final System.Logger LOG = System.getLogger(V3__ReferenceData.class.getName());
    private static final Pattern MAJOR_CODE = Pattern.compile("[0-9]{2}");
    private static final Pattern MINOR_CODE = Pattern.compile("[0-9]{3}");
    private static final Pattern DIVISION_CODE = Pattern.compile("[0-9]{6}");
    private static final List<String> DIVISION_LEVELS = List.of("PROVINCE", "PREFECTURE", "COUNTY");
    private static final int BATCH_SIZE = 500;

    private volatile Integer checksum;

    /** Creates the migration (version 3, description "ReferenceData"). */
    public V3__ReferenceData() {
        super();
    }

    /** CRC32 over the names and lines (line ends ignored) of all data files this migration reads. */
    @Override
    public Integer getChecksum() {
        Integer c = checksum;
        if (c == null) {
            CRC32 crc = new CRC32();
            for (String name : resourceNames()) {
                crc.update(name.getBytes(StandardCharsets.UTF_8));
                try (BufferedReader r = new BufferedReader(reader(name))) {
                    String line = r.readLine();
                    if (line != null && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    for (; line != null; line = r.readLine()) {
                        crc.update(line.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + RESOURCE_DIR + name, e);
                }
            }
            c = (int) crc.getValue();
            checksum = c;
        }
        return c;
    }

    @Override
    public void migrate(Context context) throws Exception {
        load(context.getConnection());
    }

    /** Loads every table through {@code connection} (in its current schema and transaction). */
    void load(Connection connection) throws SQLException, IOException {
        Map<String, String> componentMajors = new LinkedHashMap<>();
        Map<String, String> matterMajors = new LinkedHashMap<>();
        CsvTable components = csv(COMPONENTS_CSV);
        CsvTable matters = csv(MATTERS_CSV);
        readMajors(csv(MAJORS_CSV), matters, componentMajors, matterMajors);

        int majors = insertMajors(connection, componentMajors, matterMajors);
        int componentRows = insertComponents(connection, components, componentMajors);
        Map<String, String> matterNames = new HashMap<>();
        int matterRows = insertMatters(connection, matters, matterMajors, matterNames);
        int[] legacy = insertLegacy(connection, csv(LEGACY_CSV), matterNames);
        int divisions = insertDivisions(connection, csv(DIVISIONS_CSV));
        int days = insertCalendar(connection);
        LOG.log(System.Logger.Level.INFO, "REF-001 reference data loaded: {0} majors, {1} component classes, "
                        + "{2} matter classes, {3} legacy mappings ({4} without counterpart skipped), {5} divisions, "
                        + "{6} calendar days",
                majors, componentRows, matterRows, legacy[0], legacy[1], divisions, days);
    }

    /** Every data file read, relative to {@link #RESOURCE_DIR}, in loading order. */
    static List<String> resourceNames() {
        List<String> names = new ArrayList<>(List.of(MAJORS_CSV, COMPONENTS_CSV, MATTERS_CSV, LEGACY_CSV,
                DIVISIONS_CSV));
        for (int y = FIRST_HOLIDAY_YEAR; y <= LAST_HOLIDAY_YEAR; y++) {
            names.add(holidayFile(y));
        }
        return names;
    }

    static String holidayFile(int year) {
        return "holiday-cn/" + year + ".json";
    }

    // ---------------------------------------------------------------- majors and classes

    private static void readMajors(CsvTable majors, CsvTable matters, Map<String, String> componentMajors,
                                   Map<String, String> matterMajors) {
        // matter majors: as named in the matters file (01-05 are "<component major>类")
        for (CsvTable.Row row : matters.rows()) {
            String code = checked(row, "major_code", MAJOR_CODE);
            String name = row.require("major_name");
            String known = matterMajors.putIfAbsent(code, name);
            if (known != null && !known.equals(name)) {
                throw new IllegalStateException(row.where() + ": matter major " + code + " named both " + known
                        + " and " + name);
            }
        }
        // component majors, and the matter majors listed individually, from the majors file (standard rows only)
        Map<String, String> listedMatterMajors = new TreeMap<>();
        for (CsvTable.Row row : majors.rows()) {
            if (!STANDARD.equals(row.get("standard"))) {
                continue; // legacy majors (CJ/T 214 era etc.) are not stored
            }
            String code = row.require("major_code");
            if (!MAJOR_CODE.matcher(code).matches()) {
                continue; // the summary row "01-05" for the component-anomaly matters
            }
            switch (row.require("kind")) {
                case "管理部件" -> {
                    if (componentMajors.put(code, row.require("major_name")) != null) {
                        throw new IllegalStateException(row.where() + ": duplicate component major " + code);
                    }
                }
                case "管理事项" -> listedMatterMajors.put(code, row.require("major_name"));
                default -> throw new IllegalStateException(row.where() + ": unknown kind " + row.get("kind"));
            }
        }
        listedMatterMajors.forEach((code, name) -> {
            if (!name.equals(matterMajors.get(code))) {
                throw new IllegalStateException(MAJORS_CSV + ": matter major " + code + " " + name + " differs from "
                        + MATTERS_CSV + " (" + matterMajors.get(code) + ")");
            }
        });
        componentMajors.forEach((code, name) -> {
            String matterMajor = matterMajors.get(code);
            if (matterMajor != null && !matterMajor.equals(name + "类")) {
                throw new IllegalStateException("matter major " + code + " " + matterMajor
                        + " is not component major " + name + " + 类");
            }
        });
    }

    private static int insertMajors(Connection c, Map<String, String> componentMajors,
                                    Map<String, String> matterMajors) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        componentMajors.forEach((code, name) -> rows.add(new Object[] {"COMPONENT", code, name, STANDARD}));
        new TreeMap<>(matterMajors).forEach((code, name) -> rows.add(new Object[] {"MATTER", code, name, STANDARD}));
        return batch(c, "insert into ref_major_category (kind, code, name, standard) values (?, ?, ?, ?)", rows);
    }

    private static int insertComponents(Connection c, CsvTable table, Map<String, String> majors)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String major = checked(row, "major_code", MAJOR_CODE);
            if (!row.require("major_name").equals(majors.get(major))) {
                throw new IllegalStateException(row.where() + ": major " + major + " " + row.get("major_name")
                        + " is not a " + STANDARD + " component major " + majors);
            }
            rows.add(new Object[] {"COMPONENT", classCode(row), major, row.get("minor_code"), row.require("name"),
                    null, row.getOrNull("notes"), row.require("source")});
        }
        expect(COMPONENTS_CSV, COMPONENT_CLASSES, rows.size());
        return batch(c, CLASS_INSERT, rows);
    }

    private static int insertMatters(Connection c, CsvTable table, Map<String, String> majors,
                                     Map<String, String> names) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String major = checked(row, "major_code", MAJOR_CODE);
            if (!majors.containsKey(major)) {
                throw new IllegalStateException(row.where() + ": unknown matter major " + major);
            }
            String code = classCode(row);
            String name = row.require("name");
            if (names.put(code, name) != null) {
                throw new IllegalStateException(row.where() + ": duplicate matter code " + code);
            }
            rows.add(new Object[] {"MATTER", code, major, row.get("minor_code"), name, matterKind(row),
                    row.getOrNull("notes"), row.require("source")});
        }
        expect(MATTERS_CSV, MATTER_CLASSES, rows.size());
        return batch(c, CLASS_INSERT, rows);
    }

    private static final String CLASS_INSERT = "insert into ref_class "
            + "(kind, code, major_code, minor_code, name, matter_kind, notes, source) values (?, ?, ?, ?, ?, ?, ?, ?)";

    /** FACILITY for 设施类管理事项 (component anomalies), EVENT for 事件类管理事项. */
    private static String matterKind(CsvTable.Row row) {
        String kind = row.require("kind");
        if (kind.contains("设施类管理事项")) {
            return "FACILITY";
        }
        if (kind.contains("事件类管理事项")) {
            return "EVENT";
        }
        throw new IllegalStateException(row.where() + ": unknown matter kind " + kind);
    }

    private static String classCode(CsvTable.Row row) {
        String code = row.require("code");
        String composed = checked(row, "major_code", MAJOR_CODE) + checked(row, "minor_code", MINOR_CODE);
        if (!code.equals(composed)) {
            throw new IllegalStateException(row.where() + ": code " + code + " is not major + minor " + composed);
        }
        return code;
    }

    // ---------------------------------------------------------------- legacy mapping

    /** Returns {inserted, skipped}; rows without a GB/T 47678.5-2026 code are skipped. */
    private static int[] insertLegacy(Connection c, CsvTable table, Map<String, String> matterNames)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        int skipped = 0;
        for (CsvTable.Row row : table.rows()) {
            String code = row.getOrNull("gbt47678_5_code");
            if (code == null) {
                skipped++;
                LOG.log(System.Logger.Level.DEBUG, "REF-002 legacy code {0} has no counterpart, not stored",
                        row.get("legacy_code"));
                continue;
            }
            String name = row.require("gbt47678_5_name");
            if (!name.equals(matterNames.get(code))) {
                throw new IllegalStateException(row.where() + ": " + code + " " + name
                        + " is not a matter class (expected name " + matterNames.get(code) + ")");
            }
            rows.add(new Object[] {row.require("legacy_code"), row.require("legacy_name"), code, name,
                    row.getOrNull("status"), row.require("source")});
        }
        int inserted = batch(c, "insert into ref_legacy_code_mapping (legacy_code, legacy_name, code, name, status, "
                + "source) values (?, ?, ?, ?, ?, ?)", rows);
        return new int[] {inserted, skipped};
    }

    // ---------------------------------------------------------------- divisions

    private static int insertDivisions(Connection c, CsvTable table) throws SQLException {
        Map<String, String> levels = new HashMap<>();
        List<CsvTable.Row> ordered = new ArrayList<>(table.rows());
        for (CsvTable.Row row : ordered) {
            String code = checked(row, "code", DIVISION_CODE);
            String level = row.require("level");
            if (!DIVISION_LEVELS.contains(level)) {
                throw new IllegalStateException(row.where() + ": unknown level " + level);
            }
            if (levels.put(code, level) != null) {
                throw new IllegalStateException(row.where() + ": duplicate division " + code);
            }
        }
        for (CsvTable.Row row : ordered) {
            String parent = row.getOrNull("parent_code");
            String level = row.get("level");
            if ("PROVINCE".equals(level) != (parent == null)) {
                throw new IllegalStateException(row.where() + ": a PROVINCE has no parent, any other level has one");
            }
            if (parent != null) {
                String parentLevel = levels.get(parent);
                if (parentLevel == null
                        || DIVISION_LEVELS.indexOf(parentLevel) >= DIVISION_LEVELS.indexOf(level)) {
                    throw new IllegalStateException(row.where() + ": parent " + parent + " missing or not above "
                            + level);
                }
            }
        }
        // parents before children
        ordered.sort(Comparator.comparingInt((CsvTable.Row r) -> DIVISION_LEVELS.indexOf(r.get("level")))
                .thenComparing(r -> r.get("code")));
        List<Object[]> rows = new ArrayList<>();
        for (CsvTable.Row row : ordered) {
            rows.add(new Object[] {row.get("code"), row.require("name"), row.get("level"),
                    row.getOrNull("parent_code"), row.require("source")});
        }
        return batch(c, "insert into ref_division (code, name, level, parent_code, source) values (?, ?, ?, ?, ?)",
                rows);
    }

    // ---------------------------------------------------------------- calendar

    private static int insertCalendar(Connection c) throws SQLException, IOException {
        Map<LocalDate, Object[]> byDay = new TreeMap<>();
        for (int year = FIRST_HOLIDAY_YEAR; year <= LAST_HOLIDAY_YEAR; year++) {
            String file = holidayFile(year);
            HolidayYear data;
            try (InputStream in = open(file)) {
                data = HolidayYear.parse(RESOURCE_DIR + file, in);
            }
            if (data.year() != year) {
                throw new IllegalStateException(file + " is for year " + data.year());
            }
            String source = data.firstPaper() == null ? "holiday-cn " + year
                    : "holiday-cn " + year + " " + data.firstPaper();
            for (HolidayYear.Day day : data.days()) {
                // a later year's notice wins for a date listed twice
                byDay.put(day.date(), new Object[] {day.date(), !day.offDay(), day.name(), source});
            }
        }
        return batch(c, "insert into work_calendar_day (day, working, name, source) values (?, ?, ?, ?)",
                new ArrayList<>(byDay.values()));
    }

    // ---------------------------------------------------------------- plumbing

    private static String checked(CsvTable.Row row, String column, Pattern pattern) {
        String value = row.require(column);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalStateException(row.where() + ": " + column + " '" + value + "' is not " + pattern);
        }
        return value;
    }

    private static void expect(String file, int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException(file + ": expected " + expected + " rows, found " + actual);
        }
    }

    private static int batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v == null || v instanceof String) {
                        ps.setString(i + 1, (String) v);
                    } else if (v instanceof Boolean b) {
                        ps.setBoolean(i + 1, b);
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                ps.addBatch();
                if (++pending == BATCH_SIZE) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return rows.size();
    }

    static CsvTable csv(String name) throws IOException {
        try (Reader r = reader(name)) {
            return CsvTable.read(RESOURCE_DIR + name, r);
        }
    }

    private static Reader reader(String name) {
        return new InputStreamReader(open(name), StandardCharsets.UTF_8);
    }

    static InputStream open(String name) {
        String path = RESOURCE_DIR + name;
        InputStream in = null;
        ClassLoader own = V3__ReferenceData.class.getClassLoader();
        if (own != null) {
            in = own.getResourceAsStream(path);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (in == null && context != null) {
            in = context.getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + path);
        }
        return in;
    }
}
