package cn.cityops.municipal.caseflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.text.Csv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Case statistics for a period (cases reported in [from, to)), broken down by one dimension — the breakdowns the
 * municipal database is organised around: region (district, street, community, grid), matter and its major class,
 * component class, department, person (reporter), source, status and case class.
 */
@ApplicationScoped
public class CaseStatistics {

    /** The dimensions: the grouping expression over city_case c, and the name of a group g with key g.k. */
    static final Map<String, String[]> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("district", new String[] {"c.district_code", "(SELECT name FROM ref_division WHERE code = g.k)"});
        DIMENSIONS.put("street", new String[] {"c.street_code", "(SELECT street_name FROM city_grid WHERE street_code"
                + " = g.k LIMIT 1)"});
        DIMENSIONS.put("community", new String[] {"c.community_code", "(SELECT community_name FROM city_grid WHERE"
                + " community_code = g.k LIMIT 1)"});
        DIMENSIONS.put("grid", new String[] {"c.grid_code", "(SELECT name FROM city_grid WHERE code = g.k)"});
        DIMENSIONS.put("matter", new String[] {"c.matter_class", "(SELECT name FROM ref_class WHERE kind = 'MATTER'"
                + " AND code = g.k)"});
        DIMENSIONS.put("major", new String[] {"substr(c.matter_class, 1, 2)", "(SELECT name FROM ref_major_category"
                + " WHERE kind = 'MATTER' AND code = g.k)"});
        // component-anomaly matters (majors 01–05) share their code with the component class
        DIMENSIONS.put("componentClass", new String[] {"CASE WHEN substr(c.matter_class, 1, 2) <= '05' THEN"
                + " c.matter_class END", "(SELECT name FROM ref_class WHERE kind = 'COMPONENT' AND code = g.k)"});
        DIMENSIONS.put("department", new String[] {"c.department_id", "(SELECT name FROM city_department WHERE id ="
                + " g.k)"});
        DIMENSIONS.put("person", new String[] {"c.reporter", "(SELECT display_name FROM app_user WHERE username ="
                + " g.k)"});
        DIMENSIONS.put("source", new String[] {"c.source", "NULL"});
        DIMENSIONS.put("status", new String[] {"c.state", "(SELECT label_zh FROM city_workflow_state WHERE state ="
                + " g.k)"});
        DIMENSIONS.put("caseClass", new String[] {"c.case_class", "NULL"});
    }

    /** Measures per group. Rates are derived by the reader (closed / filed, on time / closed). */
    public record Row(String key, String name, long reported, long filed, long closed, long closedOnTime, long open,
            long overdue, long voided) {
    }

    public record Result(String by, Instant from, Instant to, long millis, List<Row> rows) {
    }

    @Inject
    Jdbc jdbc;

    public Result breakdown(String by, Instant from, Instant to) {
        String[] dim = DIMENSIONS.get(by);
        if (dim == null) {
            throw ProblemException.invalid("by", by, "one of " + DIMENSIONS.keySet());
        }
        if (from == null || to == null || !to.isAfter(from)) {
            throw ProblemException.invalid("to", String.valueOf(to), "a period from < to is required");
        }
        long t0 = System.nanoTime();
        // group on the key alone (an index-friendly scan of the period), then look up each group's name once
        List<Row> rows = jdbc.query("SELECT g.k, " + dim[1] + " AS name, g.reported, g.filed, g.closed, g.on_time,"
                + " g.open, g.overdue, g.voided FROM (SELECT " + dim[0] + " AS k,"
                + " count(*) AS reported, count(c.overall_started_at) AS filed,"
                + " count(*) FILTER (WHERE c.state = 'CLOSED') AS closed,"
                + " count(*) FILTER (WHERE c.state = 'CLOSED' AND c.closed_on_time) AS on_time,"
                + " count(*) FILTER (WHERE c.closed_at IS NULL) AS open,"
                + " count(*) FILTER (WHERE c.closed_at IS NULL AND c.overall_deadline < now()"
                + " AND c.overall_paused_at IS NULL) AS overdue,"
                + " count(*) FILTER (WHERE c.state = 'VOIDED') AS voided"
                + " FROM city_case c WHERE c.created_at >= ? AND c.created_at < ? GROUP BY 1) g"
                + " ORDER BY g.reported DESC, g.k", rs -> new Row(rs.getString(1) == null ? null
                        : rs.getString(1).trim(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)), from, to);
        return new Result(by, from, to, (System.nanoTime() - t0) / 1_000_000, rows);
    }

    /** CSV (UTF-8 with BOM so spreadsheet programs show the Chinese names). */
    public static String csv(Result r) {
        StringBuilder b = new StringBuilder("\uFEFF");
        b.append(r.by()).append(",name,reported,filed,closed,closedOnTime,open,overdue,voided\r\n");
        for (Row x : r.rows()) {
            b.append(Csv.safeField(x.key())).append(',').append(Csv.safeField(x.name())).append(',').append(x.reported()).append(',')
                    .append(x.filed()).append(',').append(x.closed()).append(',').append(x.closedOnTime())
                    .append(',').append(x.open()).append(',').append(x.overdue()).append(',').append(x.voided())
                    .append("\r\n");
        }
        return b.toString();
    }
}
