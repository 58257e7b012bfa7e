package cn.cityops.municipal.caseflow;

import java.util.List;
import java.util.logging.Logger;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.bootstrap.NodeReady;
import cn.cityops.core.persistence.Jdbc;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.municipal.caseflow.Workflow.State;
import cn.cityops.municipal.caseflow.Workflow.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The workflow in force, kept in {@code city_workflow_state}/{@code city_workflow_transition}: filled from the default
 * definition on the first start, replaceable as a whole by the application maintainers (validated first, audited).
 */
@ApplicationScoped
public class WorkflowStore {

    private static final Logger LOG = Logger.getLogger(WorkflowStore.class.getName());

    @Inject
    Jdbc jdbc;

    @Inject
    AuditLog audit;

    private volatile Workflow current;

    @Transactional
    void seed(@Observes NodeReady ready) {
        long n = jdbc.one("SELECT count(*) FROM city_workflow_transition", rs -> rs.getLong(1)).orElse(0L);
        if (n == 0) {
            Workflow w = Workflow.standard();
            write(w);
            LOG.info("CASE-001 default case workflow installed: " + w.states().size() + " states, "
                    + w.transitions().size() + " transitions");
        }
        current = null;
    }

    public Workflow current() {
        Workflow w = current;
        if (w == null) {
            List<State> states = jdbc.query("SELECT state, stage, terminal, label_zh FROM city_workflow_state"
                    + " ORDER BY state", rs -> new State(rs.getString(1), rs.getString(2) == null ? null
                            : Stage.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getString(4)));
            List<Transition> transitions = jdbc.query("SELECT from_state, action, role, to_state, clock, assignee,"
                    + " needs, label_zh FROM city_workflow_transition ORDER BY id", rs -> new Transition(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Workflow.Clock.valueOf(rs.getString(5)), Workflow.Assignee.valueOf(rs.getString(6)),
                            Workflow.needs(rs.getString(7)), rs.getString(8)));
            w = states.isEmpty() ? Workflow.standard() : Workflow.of(states, transitions);
            current = w;
        }
        return w;
    }

    /** Replaces the workflow (application maintenance); refused with the list of problems if it is not sound. */
    @Transactional
    public Workflow replace(List<State> states, List<Transition> transitions, String by, String from) {
        Workflow w;
        try {
            w = Workflow.of(states, transitions);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("workflow", null, e.getMessage());
        }
        Workflow before = current();
        for (State s : before.states()) {
            boolean used = jdbc.one("SELECT count(*) FROM city_case WHERE state = ?", rs -> rs.getLong(1), s.name())
                    .orElse(0L) > 0;
            if (used && states.stream().noneMatch(x -> x.name().equals(s.name()))) {
                throw ProblemException.invalid("states", s.name(), "cases are in state " + s.name()
                        + "; it cannot be removed");
            }
        }
        write(w);
        current = null;
        audit.record(by, "case.workflow.replace", "workflow", w.states().size() + " states, "
                + w.transitions().size() + " transitions", from);
        return w;
    }

    private void write(Workflow w) {
        jdbc.update("DELETE FROM city_workflow_transition");
        jdbc.update("DELETE FROM city_workflow_state");
        for (State s : w.states()) {
            jdbc.update("INSERT INTO city_workflow_state (state, stage, terminal, label_zh) VALUES (?,?,?,?)",
                    s.name(), s.stage() == null ? null : s.stage().name(), s.terminal(), s.label());
        }
        for (Transition t : w.transitions()) {
            jdbc.update("INSERT INTO city_workflow_transition (from_state, action, role, to_state, clock, assignee,"
                    + " needs, label_zh) VALUES (?,?,?,?,?,?,?,?)", t.from(), t.action(), t.role(), t.to(),
                    t.clock().name(), t.assignee().name(), String.join("|", t.needs().stream()
                            .map(n -> n.name().toLowerCase(java.util.Locale.ROOT)).toList()), t.label());
        }
    }
}
