package cn.cityops.core.reference.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference-data migrations: the data files on their own (always), and V2 + V3 applied by Flyway to a real
 * PostgreSQL/PostGIS database when {@code CITYOPS_TEST_DB_URL}, {@code CITYOPS_TEST_DB_USER} and
 * {@code CITYOPS_TEST_DB_PASSWORD} are given (system property or environment variable); otherwise those tests are
 * skipped. Each run migrates a fresh schema {@code reftest_<random>} and drops it afterwards.
 */
class ReferenceDataMigrationTest {

    /** Data files and the parsers, no database. */
    @Nested
    class DataFiles {

        @Test
        void csvReaderFollowsRfc4180() throws IOException {
            CsvTable t = CsvTable.read("t", new StringReader(
                    "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\nline\",\n"));
            assertEquals(List.of("a", "b", "c"), t.header());
            assertEquals(2, t.rows().size());
            assertEquals("x, y", t.rows().get(0).get("b"));
            assertEquals("say \"hi\"", t.rows().get(0).get("c"));
            assertEquals("multi\nline", t.rows().get(1).get("b"));
            assertEquals("", t.rows().get(1).get("c"));
            assertEquals(null, t.rows().get(1).getOrNull("c"));
            assertThrows(IllegalArgumentException.class,
                    () -> CsvTable.read("t", new StringReader("a,b\n1\n")));
            assertThrows(IllegalArgumentException.class,
                    () -> CsvTable.read("t", new StringReader("a\n\"open\n")));
        }

        @Test
        void jsonReaderIsStrict() {
            Object v = JsonText.parse("\uFEFF {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\\"\\u4e2d\\n\"}");
            assertEquals(Map.of("a", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null),
                    "s", "x\"中\n"), v);
            for (String bad : List.of("{\"a\":1,}", "[1 2]", "{\"a\":1,\"a\":2}", "tru", "\"open", "01", "{} x")) {
                assertThrows(IllegalArgumentException.class, () -> JsonText.parse(bad), bad);
            }
        }

        @Test
        void filesHaveTheExpectedRows() throws IOException {
            assertEquals(153, V3__ReferenceData.csv(V3__ReferenceData.COMPONENTS_CSV).rows().size());
            assertEquals(250, V3__ReferenceData.csv(V3__ReferenceData.MATTERS_CSV).rows().size());
            assertEquals(18, V3__ReferenceData.csv(V3__ReferenceData.MAJORS_CSV).rows().size());
            assertEquals(15, V3__ReferenceData.csv(V3__ReferenceData.LEGACY_CSV).rows().size());
            CsvTable divisions = V3__ReferenceData.csv(V3__ReferenceData.DIVISIONS_CSV);
            assertEquals(List.of("code", "name", "level", "parent_code", "source"), divisions.header());
            assertEquals(484, divisions.rows().size());
            assertEquals(34, divisions.rows().stream().filter(r -> r.get("level").equals("PROVINCE")).count());
            assertEquals(333, divisions.rows().stream().filter(r -> r.get("level").equals("PREFECTURE")).count());
            assertEquals(117, divisions.rows().stream().filter(r -> r.get("level").equals("COUNTY")).count());
        }

        @Test
        void holidayFilesParse() throws IOException {
            int days = 0;
            for (int y = V3__ReferenceData.FIRST_HOLIDAY_YEAR; y <= V3__ReferenceData.LAST_HOLIDAY_YEAR; y++) {
                try (InputStream in = V3__ReferenceData.open(V3__ReferenceData.holidayFile(y))) {
                    HolidayYear year = HolidayYear.parse(y + ".json", in);
                    assertEquals(y, year.year());
                    assertNotNull(year.firstPaper());
                    days += year.days().size();
                }
            }
            assertEquals(678, days);
        }

        @Test
        void checksumIsStable() {
            assertEquals(new V3__ReferenceData().getChecksum(), new V3__ReferenceData().getChecksum());
            assertEquals(3, Integer.parseInt(new V3__ReferenceData().getVersion().getVersion()));
        }
    }

    /** Flyway against a real database. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Migrated {

        private String url;
        private String user;
        private String password;
        private final String schema = "reftest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        private MigrateResult first;

        @BeforeAll
        void migrate() {
            url = setting("CITYOPS_TEST_DB_URL");
            user = setting("CITYOPS_TEST_DB_USER");
            password = setting("CITYOPS_TEST_DB_PASSWORD");
            assumeTrue(url != null && user != null && password != null,
                    "CITYOPS_TEST_DB_URL/USER/PASSWORD not set: database tests skipped");
            first = flyway().migrate();
        }

        @AfterAll
        void dropSchema() throws SQLException {
            if (url == null || user == null || password == null) {
                return;
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }

        @Test
        void appliesTheReferenceMigrationsAndThoseAfterThem() {
            assertTrue(first.success);
            assertTrue(Integer.parseInt(first.targetSchemaVersion) >= 3, first.targetSchemaVersion);
        }

        @Test
        void classesAndMajors() throws SQLException {
            assertEquals(153L, count("select count(*) from ref_class where kind = 'COMPONENT'"));
            assertEquals(250L, count("select count(*) from ref_class where kind = 'MATTER'"));
            assertEquals(153L, count("select count(*) from ref_class where matter_kind = 'FACILITY'"));
            assertEquals(97L, count("select count(*) from ref_class where matter_kind = 'EVENT'"));
            assertEquals("暴露垃圾", text("select name from ref_class where kind = 'MATTER' and code = '06010'"));
            assertEquals("06", text("select major_code from ref_class where kind = 'MATTER' and code = '06010'"));
            assertEquals("市容环境类", text("select name from ref_major_category where kind = 'MATTER' and code = '06'"));
            assertEquals("市政公用设施类",
                    text("select name from ref_major_category where kind = 'MATTER' and code = '01'"));
            assertEquals("市政公用设施",
                    text("select name from ref_major_category where kind = 'COMPONENT' and code = '01'"));
            assertEquals(5L, count("select count(*) from ref_major_category where kind = 'COMPONENT'"));
            assertEquals(10L, count("select count(*) from ref_major_category where kind = 'MATTER'"));
            assertEquals("GB/T 47678.5-2026", text("select distinct standard from ref_major_category"));
            // every component class has its "…异常" matter with the same code (one is spelled differently in source)
            assertEquals(152L, count("select count(*) from ref_class c join ref_class m on m.kind = 'MATTER' "
                    + "and m.code = c.code and m.name = c.name || '异常' where c.kind = 'COMPONENT'"));
        }

        @Test
        void legacyMapping() throws SQLException {
            assertEquals(14L, count("select count(*) from ref_legacy_code_mapping"));
            assertEquals("06010", text("select code from ref_legacy_code_mapping where legacy_code = '01-10'"));
            assertEquals(0L, count("select count(*) from ref_legacy_code_mapping l where not exists (select 1 "
                    + "from ref_class c where c.kind = 'MATTER' and c.code = l.code and c.name = l.name)"));
        }

        @Test
        void divisions() throws SQLException {
            assertTrue(count("select count(*) from ref_division where level = 'PROVINCE'") >= 31);
            assertEquals(34L, count("select count(*) from ref_division where level = 'PROVINCE'"));
            assertEquals(333L, count("select count(*) from ref_division where level = 'PREFECTURE'"));
            assertEquals(List.of("朔州市", "PREFECTURE", "140000"),
                    row("select name, level, parent_code from ref_division where code = '140600'"));
            assertEquals(Arrays.asList("山西省", "PROVINCE", null),
                    row("select name, level, parent_code from ref_division where code = '140000'"));
            for (String[] county : new String[][] {{"140602", "朔城区"}, {"140603", "平鲁区"}, {"140621", "山阴县"},
                    {"140622", "应县"}, {"140623", "右玉县"}, {"140681", "怀仁市"}}) {
                assertEquals(List.of(county[1], "COUNTY", "140600"),
                        row("select name, level, parent_code from ref_division where code = '" + county[0] + "'"));
            }
            // the counties of 山西省: 117, each under one of its 11 prefectures
            assertEquals(117L, count("select count(*) from ref_division d join ref_division p "
                    + "on p.code = d.parent_code and p.level = 'PREFECTURE' and p.parent_code = '140000' "
                    + "where d.level = 'COUNTY'"));
            assertEquals(11L, count("select count(*) from ref_division where parent_code = '140000'"));
            assertEquals(117L, count("select count(*) from ref_division where level = 'COUNTY'"));
            assertEquals(0L, count("select count(*) from ref_division where level = 'COUNTY' "
                    + "and substr(code, 1, 2) <> '14'"));
        }

        @Test
        void calendar() throws SQLException, IOException {
            assertEquals(678L, count("select count(*) from work_calendar_day"));
            boolean expectedWorking = !offDayIn2026Json(LocalDate.of(2026, 2, 14));
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement(
                         "select working, name, source, updated_by from work_calendar_day where day = ?")) {
                ps.setObject(1, LocalDate.of(2026, 2, 14));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "2026-02-14 is listed in holiday-cn/2026.json");
                    assertEquals(expectedWorking, rs.getBoolean(1));
                    assertEquals("春节", rs.getString(2));
                    assertEquals("holiday-cn 2026 https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
                            rs.getString(3));
                    assertEquals("migration", rs.getString(4));
                }
            }
            assertTrue(expectedWorking, "2026-02-14 (Saturday) is a 调休 make-up working day");
            assertFalse(bool("select working from work_calendar_day where day = date '2026-02-17'"));
            assertEquals(LocalDate.of(2006, 12, 30).toString(), text("select min(day)::text from work_calendar_day"));
        }

        @Test
        void migratingAgainChangesNothing() throws SQLException {
            String before = fingerprint();
            MigrateResult again = flyway().migrate();
            assertEquals(0, again.migrationsExecuted);
            assertEquals(before, fingerprint());
            assertTrue(flyway().validateWithResult().validationSuccessful);
        }

        // ------------------------------------------------------------ helpers

        private Flyway flyway() {
            List<String> locations = new ArrayList<>();
            if (!leadV1Present()) {
                locations.add("classpath:db/testbaseline");
            }
            locations.add("classpath:db/migration");
            return Flyway.configure()
                    .dataSource(url, user, password)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations(locations.toArray(String[]::new))
                    .javaMigrations(new V3__ReferenceData())
                    .load();
        }

        private String fingerprint() throws SQLException {
            StringBuilder sb = new StringBuilder();
            for (String table : List.of("ref_division", "ref_major_category", "ref_class",
                    "ref_legacy_code_mapping", "work_calendar_day")) {
                sb.append(table).append('=').append(text("select count(*) || ':' || md5(coalesce(string_agg(t::text, "
                        + "'|' order by t::text), '')) from " + table + " t")).append('\n');
            }
            sb.append(text("select count(*) from flyway_schema_history"));
            return sb.toString();
        }

        private Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(url, user, password);
            try (Statement s = c.createStatement()) {
                s.execute("set search_path to " + schema + ", public");
            }
            return c;
        }

        private long count(String sql) throws SQLException {
            return Long.parseLong(text(sql));
        }

        private boolean bool(String sql) throws SQLException {
            return "t".equals(text(sql));
        }

        private String text(String sql) throws SQLException {
            List<String> r = row(sql);
            assertEquals(1, r.size(), sql);
            return r.get(0);
        }

        private List<String> row(String sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                assertTrue(rs.next(), "no row: " + sql);
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String v = rs.getString(i);
                    values.add(v == null ? null : v.strip());
                }
                assertFalse(rs.next(), "more than one row: " + sql);
                return values;
            }
        }
    }

    private static boolean offDayIn2026Json(LocalDate date) throws IOException {
        try (InputStream in = V3__ReferenceData.open(V3__ReferenceData.holidayFile(2026))) {
            return HolidayYear.parse("2026.json", in).days().stream()
                    .filter(d -> d.date().equals(date))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(date + " not in holiday-cn/2026.json"))
                    .offDay();
        }
    }

    /** True when db/migration on the test classpath already holds a V1 (the lead's); then no stand-in is used. */
    private static boolean leadV1Present() {
        try {
            Enumeration<URL> dirs = ReferenceDataMigrationTest.class.getClassLoader().getResources("db/migration");
            while (dirs.hasMoreElements()) {
                URL u = dirs.nextElement();
                if (!"file".equals(u.getProtocol())) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(u.toURI()))) {
                    if (files.anyMatch(p -> p.getFileName().toString().toUpperCase(Locale.ROOT).startsWith("V1__"))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | URISyntaxException e) {
            return false;
        }
    }

    private static String setting(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(key);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
