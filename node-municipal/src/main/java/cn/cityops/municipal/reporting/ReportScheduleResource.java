package cn.cityops.municipal.reporting;

import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The city's reporting schedule on this instance: cadence, check interval, checks run, the last check. */
@Path("reporting/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Ids.CITY_TASK_HANDLER, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
public class ReportScheduleResource {

    @Inject
    ReportSchedule schedule;

    @GET
    public ReportSchedule.Status status() {
        return schedule.status();
    }
}
