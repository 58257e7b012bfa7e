package cn.cityops.municipal.caseflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.cityops.municipal.caseflow.Workflow.Decision;
import cn.cityops.municipal.caseflow.Workflow.Transition;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    static final Workflow W = Workflow.standard();
    static final Set<String> ROLES = Set.of("inspector", "intake-operator", "shift-lead", "dispatcher", "department",
            "leader", "sys-admin");

    static List<String> statesAndStart() {
        List<String> s = new ArrayList<>();
        s.add(Workflow.START);
        W.states().forEach(x -> s.add(x.name()));
        return s;
    }

    static Set<String> allActions() {
        return W.transitions().stream().map(Transition::action).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyStateActionAndRoleIsDecidedExactlyAsTheTableSays() {
        int allowed = 0;
        int wrongRole = 0;
        int illegal = 0;
        for (String state : statesAndStart()) {
            for (String action : allActions()) {
                List<Transition> rows = W.from(state).stream().filter(t -> t.action().equals(action)).toList();
                for (String role : ROLES) {
                    Decision d = W.decide(state, action, Set.of(role));
                    if (rows.isEmpty()) {
                        Decision.Illegal i = assertInstanceOf(Decision.Illegal.class, d, state + " " + action);
                        assertEquals(W.allowedActions(state), i.allowedActions());
                        illegal++;
                    } else if (rows.stream().anyMatch(t -> t.role().equals(role))) {
                        Transition t = assertInstanceOf(Decision.Allowed.class, d, state + " " + action + " " + role)
                                .transition();
                        assertEquals(role, t.role());
                        allowed++;
                    } else {
                        Decision.WrongRole w = assertInstanceOf(Decision.WrongRole.class, d, state + " " + action
                                + " " + role);
                        assertEquals(rows.stream().map(Transition::role).collect(Collectors.toSet()), w.roles());
                        wrongRole++;
                    }
                }
            }
        }
        assertTrue(allowed > 50 && wrongRole > 200 && illegal > 1000, allowed + "/" + wrongRole + "/" + illegal);
    }

    @Test
    void theSevenStagesFollowEachOtherOnTheMainPath() {
        String s = Workflow.START;
        List<String[]> path = List.of(new String[] {"report", "inspector"}, new String[] {"accept", "intake-operator"},
                new String[] {"file", "shift-lead"}, new String[] {"dispatch", "dispatcher"},
                new String[] {"feedback", "department"}, new String[] {"send_check", "intake-operator"},
                new String[] {"pass", "inspector"}, new String[] {"close", "shift-lead"});
        List<Stage> stages = new ArrayList<>();
        for (String[] step : path) {
            Transition t = ((Decision.Allowed) W.decide(s, step[0], Set.of(step[1]))).transition();
            s = t.target(s);
            if (!W.state(s).terminal()) {
                stages.add(W.state(s).stage());
            }
        }
        assertEquals("CLOSED", s);
        assertEquals(List.of(Stage.ACCEPTANCE, Stage.FILING, Stage.DISPATCH, Stage.HANDLING, Stage.CHECK, Stage.CHECK,
                Stage.CLOSING), stages);
    }

    @Test
    void terminalStatesHaveNoWayOutButReopenAndEveryOpenStateCanBeVoidedAndUrged() {
        for (Workflow.State st : W.states()) {
            if (st.terminal()) {
                assertEquals("CLOSED".equals(st.name()) ? Set.of("reopen") : Set.of(),
                        W.allowedActions(st.name()), st.name());
            } else {
                assertTrue(W.allowedActions(st.name()).containsAll(Set.of("void", "urge")), st.name());
                assertInstanceOf(Decision.Allowed.class, W.decide(st.name(), "void", Set.of("shift-lead")));
                assertInstanceOf(Decision.WrongRole.class, W.decide(st.name(), "void", Set.of("dispatcher")));
                assertEquals(st.name(), ((Decision.Allowed) W.decide(st.name(), "urge", Set.of("leader")))
                        .transition().target(st.name()));
            }
        }
    }

    @Test
    void aUserWithSeveralRolesGetsTheTransitionOfTheMatchingOne() {
        Decision d = W.decide("HANDLING", "feedback", Set.of("leader", "department"));
        assertEquals("department", ((Decision.Allowed) d).transition().role());
        assertEquals(Set.of("feedback", "request_return", "request_extension", "request_suspension"),
                W.available("HANDLING", Set.of("department")).stream().map(Transition::action)
                        .collect(Collectors.toSet()));
    }

    @Test
    void onlyAReopenTransitionLeavesATerminalStateAndItMustLeadToAnOpenOne() {
        List<Workflow.State> states = List.of(new Workflow.State("A", Stage.ACCEPTANCE, false, "a"),
                new Workflow.State("Z", null, true, "z"), new Workflow.State("Y", null, true, "y"));
        Transition create = new Transition("START", "report", "inspector", "A", Workflow.Clock.NEXT,
                Workflow.Assignee.ANY, Set.of(), "r");
        Transition finish = new Transition("A", "close", "x", "Z", Workflow.Clock.END, Workflow.Assignee.ANY,
                Set.of(), "c");
        Workflow ok = Workflow.of(states, List.of(create, finish, new Transition("Z", "reopen", "x", "A",
                Workflow.Clock.REOPEN, Workflow.Assignee.ANY, Set.of(), "o")));
        assertEquals(Set.of("reopen"), ok.allowedActions("Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workflow.of(states,
                List.of(create, finish, new Transition("Z", "reopen", "x", "Y", Workflow.Clock.REOPEN,
                        Workflow.Assignee.ANY, Set.of(), "o"), new Transition("A", "again", "x", "A",
                                Workflow.Clock.REOPEN, Workflow.Assignee.ANY, Set.of(), "g"))));
        assertTrue(e.getMessage().contains("Z --reopen/x--> Y: REOPEN leads from a terminal state to an open one"),
                e.getMessage());
        assertTrue(e.getMessage().contains("A --again/x--> A: REOPEN leads"), e.getMessage());
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryProblemNamed() {
        List<Workflow.State> states = List.of(new Workflow.State("A", Stage.ACCEPTANCE, false, "a"),
                new Workflow.State("B", Stage.FILING, false, "b"), new Workflow.State("Z", null, true, "z"));
        List<Transition> transitions = List.of(
                new Transition("START", "report", "inspector", "A", Workflow.Clock.NEXT, Workflow.Assignee.ANY,
                        Set.of(), "r"),
                new Transition("A", "go", "x", "NOWHERE", Workflow.Clock.NEXT, Workflow.Assignee.ANY, Set.of(), "g"),
                new Transition("Z", "back", "x", "A", Workflow.Clock.NEXT, Workflow.Assignee.ANY, Set.of(), "b"),
                new Transition("A", "go", "x", "B", Workflow.Clock.NEXT, Workflow.Assignee.ANY, Set.of(), "g"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workflow.of(states,
                transitions));
        assertTrue(e.getMessage().contains("unknown state NOWHERE"), e.getMessage());
        assertTrue(e.getMessage().contains("Z is terminal"), e.getMessage());
        assertTrue(e.getMessage().contains("defined twice"), e.getMessage());
        assertTrue(e.getMessage().contains("state B cannot be left"), e.getMessage());
    }
}
