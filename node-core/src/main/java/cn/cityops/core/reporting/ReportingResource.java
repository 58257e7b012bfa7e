package cn.cityops.core.reporting;

import java.time.Instant;
import java.util.List;

import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** 上报情况 on a provincial or the national node: per city the last report, key figures and missing reports. */
@Path("reporting/cities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.MINISTRY_SUPERVISOR, Role.Ids.PROVINCE_SUPERVISOR, Role.Ids.CITY_TASK_HANDLER,
    Role.Ids.LEADER})
public class ReportingResource {

    @Inject
    CityReports reports;

    @GET
    public CityReports.Overview overview() {
        return reports.overview(Instant.now());
    }

    @GET
    @Path("{city}/reports")
    public List<CityReports.Report> reports(@PathParam("city") String city, @QueryParam("limit") Integer limit) {
        return reports.reports(city, limit == null ? 20 : Math.max(1, Math.min(limit, 200)));
    }
}
