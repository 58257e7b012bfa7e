package cn.cityops.municipal.caseflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import cn.cityops.core.persistence.Jdbc;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.municipal.caseflow.CityCase.Change;
import cn.cityops.municipal.caseflow.CityCase.StageFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/** Stores cases, their stage facts, history and links (plain SQL: PostGIS, row locks, statistics). */
@ApplicationScoped
public class CaseRepository {

    @Inject
    Jdbc jdbc;

    /** What a report says besides the loop's own state (immutable once recorded). */
    public record ReportFacts(String description, String address, double lon, double lat, String gridCode,
            String communityCode, String streetCode, String districtCode, String componentId, String reporterName,
            String reporterContact, String externalRef) {
    }

    /** A new case id and case number (yyyyMMdd + 6-digit running number). */
    public long[] nextIds() {
        return jdbc.one("SELECT nextval('city_case_id_seq'), nextval('city_case_no_seq')",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElseThrow();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(CityCase c, ReportFacts r) {
        jdbc.update("INSERT INTO city_case (id, case_no, source, matter_class, case_class, description, address, geom,"
                + " grid_code, community_code, street_code, district_code, component_id, reporter, reporter_name,"
                + " reporter_contact, external_ref, created_at, state) VALUES (?,?,?,?,?,?,?,"
                + " ST_SetSRID(ST_MakePoint(?, ?), 4490),?,?,?,?,?,?,?,?,?,?,?)", c.id(), c.caseNo(),
                c.source().name(), c.matter().value(), c.caseClass().name(), r.description(), r.address(), r.lon(),
                r.lat(), r.gridCode(), r.communityCode(), r.streetCode(), r.districtCode(), r.componentId(),
                c.reporter(), r.reporterName(), r.reporterContact(), r.externalRef(), c.createdAt(), c.state());
    }

    /** Loads a case and locks its row until the transaction ends (actions on one case are serialised). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CityCase> lock(long id) {
        return jdbc.one("SELECT * FROM city_case WHERE id = ? FOR UPDATE", CaseRepository::restore, id);
    }

    public Optional<CityCase> find(long id) {
        return jdbc.one("SELECT * FROM city_case WHERE id = ?", CaseRepository::restore, id);
    }

    static CityCase restore(ResultSet rs) throws SQLException {
        String stage = rs.getString("stage");
        StageClock stageClock = rs.getTimestamp("stage_started_at") == null ? null : new StageClock(
                Jdbc.instant(rs, "stage_started_at"), Jdbc.instant(rs, "stage_deadline"),
                rs.getBoolean("stage_working_time"), Jdbc.instant(rs, "paused_at"));
        StageClock overall = rs.getTimestamp("overall_started_at") == null ? null : new StageClock(
                Jdbc.instant(rs, "overall_started_at"), Jdbc.instant(rs, "overall_deadline"),
                rs.getBoolean("overall_working_time"), Jdbc.instant(rs, "overall_paused_at"));
        boolean onTime = rs.getBoolean("closed_on_time");
        Boolean closedOnTime = rs.wasNull() ? null : onTime;
        String ext = rs.getString("pending_extension");
        String limit = rs.getString("stage_limit");
        return CityCase.restore(rs.getLong("id"), rs.getString("case_no"), CaseSource.valueOf(rs.getString("source")),
                ClassCode.of(rs.getString("matter_class")), CaseClass.valueOf(rs.getString("case_class")),
                Jdbc.instant(rs, "created_at"), rs.getString("reporter"), rs.getString("state"),
                rs.getString("department_id"), rs.getString("assignee"), ext == null ? null : TimeLimit.of(ext),
                Jdbc.longOrNull(rs, "merged_into"), Jdbc.instant(rs, "closed_at"), closedOnTime,
                stage == null ? null : Stage.valueOf(stage), limit == null ? null : TimeLimit.of(limit), stageClock,
                overall, rs.getLong("version"));
    }

    /**
     * Writes the case's new state and what the transition recorded: closes the running stage fact, opens the next,
     * appends the history event. The version check guards against a lost update outside the row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(CityCase c, Change change, String remoteAddr) {
        StageClock k = c.stageClock();
        StageClock o = c.overallClock();
        int n = jdbc.update("UPDATE city_case SET state = ?, case_class = ?, department_id = ?, assignee = ?,"
                + " pending_extension = ?, merged_into = ?, closed_at = ?, closed_on_time = ?, stage = ?,"
                + " stage_limit = ?, stage_started_at = ?, stage_deadline = ?, stage_working_time = ?, paused_at = ?,"
                + " overall_started_at = ?, overall_deadline = ?, overall_working_time = ?, overall_paused_at = ?,"
                + " version = version + 1 WHERE id = ? AND version = ?", c.state(), c.caseClass().name(),
                c.departmentId(), c.assignee(), c.pendingExtension() == null ? null : c.pendingExtension().toString(),
                c.mergedInto(), c.closedAt(), c.closedOnTime(), c.stage() == null ? null : c.stage().name(),
                c.stageLimit() == null ? null : c.stageLimit().toString(), k == null ? null : k.start(),
                k == null ? null : k.deadline(), k == null ? null : k.workingTime(), k == null ? null : k.pausedAt(),
                o == null ? null : o.start(), o == null ? null : o.deadline(), o == null ? null : o.workingTime(),
                o == null ? null : o.pausedAt(), c.id(), c.version());
        if (n != 1) {
            throw new IllegalStateException("case " + c.id() + " changed concurrently");
        }
        c.stored();
        if (change.ended() != null) {
            StageFact f = change.ended();
            jdbc.update("UPDATE city_case_fact SET ended_at = ?, on_time = ?, outcome = ?, actor = ?, role = ?,"
                    + " department_id = ?, deadline = ?, time_limit = ? WHERE case_id = ? AND ended_at IS NULL",
                    f.end(), f.onTime(), f.outcome(), f.actor(), f.role(), f.departmentId(), f.deadline(),
                    f.limit().toString(), c.id());
        } else if (k != null) {
            // the stage goes on, but an extension or a suspension may have moved its deadline
            jdbc.update("UPDATE city_case_fact SET deadline = ? WHERE case_id = ? AND ended_at IS NULL AND deadline"
                    + " <> ?", k.deadline(), c.id(), k.deadline());
        }
        if (change.started() != null) {
            StageFact f = change.started();
            jdbc.update("INSERT INTO city_case_fact (case_id, stage, started_at, time_limit, deadline, department_id)"
                    + " VALUES (?,?,?,?,?,?)", c.id(), f.stage().name(), f.start(), f.limit().toString(),
                    f.deadline(), f.departmentId());
        }
        CityCase.Event e = change.event();
        jdbc.update("INSERT INTO city_case_event (case_id, at, action, from_state, to_state, actor, role, department_id,"
                + " note, detail, remote_addr) VALUES (?,?,?,?,?,?,?,?,?,?::jsonb,?)", c.id(), e.at(), e.action(),
                e.fromState(), e.toState(), e.actor(), e.role(), e.departmentId(), e.note(), json(e.detail()),
                remoteAddr);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void link(long duplicate, long original) {
        jdbc.update("INSERT INTO city_case_link (case_id, linked_id, kind) VALUES (?, ?, 'DUPLICATE_OF'),"
                + " (?, ?, 'HAS_DUPLICATE') ON CONFLICT DO NOTHING", duplicate, original, original, duplicate);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void alert(long caseId, String kind, Stage stage, Instant deadline) {
        jdbc.update("INSERT INTO city_case_alert (case_id, kind, stage, deadline) VALUES (?,?,?,?)", caseId, kind,
                stage == null ? null : stage.name(), deadline);
    }

    static String json(Map<String, Object> detail) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        detail.forEach((k, v) -> {
            if (v instanceof Number n) {
                b.add(k, n.longValue());
            } else if (v instanceof Iterable<?> list) {
                JsonArrayBuilder a = Json.createArrayBuilder();
                list.forEach(x -> a.add(String.valueOf(x)));
                b.add(k, a);
            } else if (v != null) {
                b.add(k, String.valueOf(v));
            }
        });
        return b.build().toString();
    }
}
