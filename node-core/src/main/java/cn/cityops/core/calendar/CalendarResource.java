package cn.cityops.core.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.model.security.Role;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The working calendar and working-time arithmetic. Reading is open to every user; amending is for 系统管理员. */
@Path("calendar")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource {

    @Inject
    WorkingCalendarService calendar;

    public record OverrideView(LocalDate date, boolean working, String name, String source, Instant updatedAt,
                               String updatedBy) {
        static OverrideView of(CalendarDay d) {
            return new OverrideView(d.day(), d.working(), d.name(), d.source(), d.updatedAt(), d.updatedBy());
        }
    }

    public record Amendment(Boolean working, String name) {
    }

    public record DeadlineView(Instant start, String limit, Instant deadline) {
    }

    public record ElapsedView(Instant from, Instant to, long workingMinutes) {
    }

    @GET
    @Path("days/{date}")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public WorkingCalendarService.DayStatus day(@PathParam("date") String date) {
        return calendar.status(parseDate("date", date));
    }

    @GET
    @Path("days")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public List<OverrideView> overrides(@QueryParam("year") Integer year) {
        if (year == null || year < 1949 || year > 2200) {
            throw ProblemException.invalid("year", String.valueOf(year), "required, a year such as 2026");
        }
        return calendar.overrides(year).stream().map(OverrideView::of).toList();
    }

    @PUT
    @Path("days/{date}")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public OverrideView amend(@PathParam("date") String date, Amendment body) {
        LocalDate day = parseDate("date", date);
        if (body == null || body.working() == null) {
            throw ProblemException.invalid("working", null, "required: true for a working day, false for a day off");
        }
        if (body.name() != null && body.name().length() > 50) {
            throw ProblemException.invalid("name", body.name(), "at most 50 characters");
        }
        return OverrideView.of(calendar.amend(day, body.working(), body.name()));
    }

    @DELETE
    @Path("days/{date}")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public Response reset(@PathParam("date") String date) {
        LocalDate day = parseDate("date", date);
        if (!calendar.reset(day)) {
            throw ProblemException.notFound("calendar override", day);
        }
        return Response.noContent().build();
    }

    /** Deadline of a time limit such as {@code 5工作时} or {@code 1工作日} started at {@code start}. */
    @GET
    @Path("deadline")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public DeadlineView deadline(@QueryParam("start") String start, @QueryParam("limit") String limit) {
        Instant from = parseInstant("start", start);
        if (limit == null) {
            throw ProblemException.invalid("limit", null, "required, e.g. 5工作时, 1工作日, 2小时, 30分钟");
        }
        TimeLimit tl = TimeLimit.parse(limit);
        return new DeadlineView(from, tl.toString(), calendar.calculator().deadline(from, tl));
    }

    @GET
    @Path("elapsed")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public ElapsedView elapsed(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant a = parseInstant("from", from);
        Instant b = parseInstant("to", to);
        WorkingTimeCalculator calc = calendar.calculator();
        return new ElapsedView(a, b, calc.elapsedWorkingTime(a, b).toMinutes());
    }

    private static LocalDate parseDate(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid(field, value, "must be a date like 2026-02-14");
        }
    }

    private static Instant parseInstant(String field, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid(field, value, "must be an ISO-8601 time with offset, e.g. 2026-02-13T10:00:00+08:00");
        }
    }
}
