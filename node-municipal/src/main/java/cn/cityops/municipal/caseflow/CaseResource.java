package cn.cityops.municipal.caseflow;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * 案件 (the case loop over REST): report, act, read, queues, search, duplicate hints, alerts and statistics. Which
 * action a user may take is decided by the workflow ({@code GET /api/workflow}); a wrong role is 403 and an action
 * the case's state does not allow is 409, both naming what is allowed.
 *
 * <p>A CDI bean (stateless, so application-scoped): Jersey would otherwise build and inject a new instance per request
 * through its slower non-CDI path. Reporting and acting run the change and the view of the result in one transaction,
 * so a call takes one pooled connection and commits once instead of checking connections out again for each read of
 * the answer.
 */
@ApplicationScoped
@Path("cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    @Inject
    CaseService service;

    @Inject
    CaseQueries queries;

    @Inject
    CaseStatistics statistics;

    @Inject
    NodeConfig node;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR})
    @Transactional
    public Response report(CaseService.ReportRequest request) {
        long id = service.report(request);
        return Response.created(URI.create("cases/" + id)).entity(queries.detail(id)).build();
    }

    @GET
    @Path("{id: [0-9]+}")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER})
    public CaseQueries.CaseView detail(@PathParam("id") long id) {
        return queries.detail(id);
    }

    @POST
    @Path("{id: [0-9]+}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER})
    @Transactional
    public CaseQueries.Brief act(@PathParam("id") long id, @PathParam("action") String action,
            CaseService.ActionRequest request) {
        return queries.brief(service.act(id, action, request));
    }

    @GET
    @Path("{id: [0-9]+}/duplicates")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER})
    public List<CaseQueries.Hint> duplicates(@PathParam("id") long id) {
        return queries.duplicates(id);
    }

    /** My pending tasks, most urgent first. */
    @GET
    @Path("queue")
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER})
    public Paging.Page<CaseQueries.Summary> queue(@BeanParam Paging paging) {
        return queries.queue(paging);
    }

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER})
    public Paging.Page<CaseQueries.Summary> search(@QueryParam("state") String state, @QueryParam("stage") String stage,
            @QueryParam("matter") String matter, @QueryParam("area") String area,
            @QueryParam("department") String department, @QueryParam("source") String source,
            @QueryParam("reporter") String reporter, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("open") String open, @QueryParam("caseNo") String caseNo, @BeanParam Paging paging) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("state", state);
        f.put("stage", stage);
        f.put("matter", matter);
        f.put("area", area);
        f.put("department", department);
        f.put("source", source);
        f.put("reporter", reporter);
        f.put("from", from == null ? null : instant("from", from).toString());
        f.put("to", to == null ? null : instant("to", to).toString());
        f.put("open", open);
        f.put("caseNo", caseNo);
        return queries.search(f, paging);
    }

    @GET
    @Path("alerts")
    @RolesAllowed({Role.Ids.DISPATCHER, Role.Ids.LEADER, Role.Ids.SHIFT_LEAD})
    public List<CaseQueries.AlertView> alerts(@QueryParam("open") @jakarta.ws.rs.DefaultValue("true") boolean open,
            @BeanParam Paging paging) {
        return queries.alerts(open, paging);
    }

    @POST
    @Path("alerts/{id: [0-9]+}/acknowledge")
    @RolesAllowed({Role.Ids.DISPATCHER, Role.Ids.LEADER, Role.Ids.SHIFT_LEAD})
    public Response acknowledge(@PathParam("id") long id) {
        if (!queries.acknowledge(id)) {
            throw ProblemException.notFound("open alert", id);
        }
        return Response.noContent().build();
    }

    /**
     * Statistics for cases reported in [from, to) (dates, or instants), by one dimension; {@code format=csv} (or
     * {@code Accept: text/csv}) gives a CSV download.
     */
    @GET
    @Path("statistics")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Role.Ids.LEADER, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER, Role.Ids.INTAKE_OPERATOR})
    public Response statistics(@QueryParam("by") String by, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        if (from == null || to == null) {
            throw ProblemException.invalid(from == null ? "from" : "to", null, "the period (from, to) is required");
        }
        CaseStatistics.Result r = statistics.breakdown(by, instant("from", from), instant("to", to));
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.startsWith("text/csv"));
        if (csv) {
            return Response.ok(CaseStatistics.csv(r), "text/csv;charset=UTF-8").header("Content-Disposition",
                    "attachment; filename=\"case-statistics-" + by + ".csv\"").build();
        }
        return Response.ok(r, MediaType.APPLICATION_JSON).build();
    }

    /** {@code 2026-11-01} (start of that day in the node's zone) or an ISO instant. */
    private Instant instant(String field, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(node.zone()).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, text, "a date (2026-11-01) or an instant (2026-11-01T08:00:00Z)");
        }
    }
}
