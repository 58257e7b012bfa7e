package cn.cityops.municipal.caseflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.calendar.WorkingCalendarService;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Open cases as GeoJSON points for the console's grid map (id, case number, state, traffic light), newest first,
 * optionally inside a bounding box; capped so a map never asks for a whole year of cases.
 */
@ApplicationScoped
public class CaseMap {

    public static final int MAX = 2000;

    @Inject
    Jdbc jdbc;

    @Inject
    WorkflowStore workflows;

    @Inject
    WorkingCalendarService calendar;

    /** @param bbox {@code minLon,minLat,maxLon,maxLat} or null */
    public JsonObject openCases(String bbox, int limit) {
        if (limit < 1 || limit > MAX) {
            throw ProblemException.invalid("limit", String.valueOf(limit), "between 1 and " + MAX);
        }
        List<Object> params = new ArrayList<>();
        String where = "c.closed_at IS NULL";
        if (bbox != null && !bbox.isBlank()) {
            String[] p = bbox.split(",");
            try {
                if (p.length != 4) {
                    throw new NumberFormatException();
                }
                for (String v : p) {
                    params.add(Double.parseDouble(v.trim()));
                }
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("bbox", bbox, "minLon,minLat,maxLon,maxLat");
            }
            where += " AND c.geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)";
        }
        params.add(limit);
        Workflow w = workflows.current();
        Instant now = Instant.now();
        WorkingTimeCalculator calc = calendar.calculator();
        JsonArrayBuilder features = Json.createArrayBuilder();
        jdbc.query("SELECT c.*, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat FROM city_case c WHERE " + where
                + " ORDER BY c.id DESC LIMIT ?", rs -> {
                    CityCase c = CaseRepository.restore(rs);
                    StageClock k = c.stageClock();
                    String label;
                    try {
                        label = w.state(c.state()).label();
                    } catch (IllegalArgumentException e) {
                        label = c.state();
                    }
                    JsonObjectBuilder props = Json.createObjectBuilder().add("id", c.id()).add("caseNo", c.caseNo())
                            .add("state", c.state()).add("stateLabel", label);
                    if (k != null) {
                        props.add("light", k.light(now, calc).name());
                    }
                    features.add(Json.createObjectBuilder().add("type", "Feature")
                            .add("geometry", Json.createObjectBuilder().add("type", "Point").add("coordinates",
                                    Json.createArrayBuilder().add(rs.getDouble("lon")).add(rs.getDouble("lat"))))
                            .add("properties", props));
                    return null;
                }, params.toArray());
        return Json.createObjectBuilder().add("type", "FeatureCollection").add("features", features).build();
    }
}
