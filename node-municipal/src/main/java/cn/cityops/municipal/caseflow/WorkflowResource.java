package cn.cityops.municipal.caseflow;

import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The case workflow in force (everyone working cases may read it; the system administrator may replace it). */
@Path("workflow")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    @Inject
    WorkflowStore store;

    @Inject
    CurrentUser user;

    public record Definition(List<Workflow.State> states, List<TransitionRow> transitions) {
    }

    /** A transition as JSON ({@code needs} as lower-case names). */
    public record TransitionRow(String from, String action, String role, String to, String clock, String assignee,
            List<String> needs, String label) {
    }

    @GET
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Definition get() {
        return view(store.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public Definition replace(Definition d) {
        if (d == null || d.states() == null || d.transitions() == null) {
            throw ProblemException.invalid("body", null, "states and transitions are required");
        }
        List<Workflow.Transition> ts;
        try {
            ts = d.transitions().stream().map(t -> new Workflow.Transition(t.from(), t.action(), t.role(), t.to(),
                    Workflow.Clock.valueOf(t.clock()), Workflow.Assignee.valueOf(t.assignee()),
                    Workflow.needs(t.needs() == null ? "" : String.join("|", t.needs())), t.label())).toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("transitions", null, "clock, assignee or needs not understood: "
                    + e.getMessage());
        }
        return view(store.replace(d.states(), ts, user.username(), user.remoteAddress()));
    }

    static Definition view(Workflow w) {
        return new Definition(w.states(), w.transitions().stream().map(t -> new TransitionRow(t.from(), t.action(),
                t.role(), t.to(), t.clock().name(), t.assignee().name(), t.needs().stream()
                        .map(CityCase::field).toList(), t.label())).toList());
    }
}
