package cn.cityops.municipal.caseflow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.cityops.model.text.Csv;

/**
 * The case loop as data: states (each with the stage whose clock runs in it) and transitions (state × action × role →
 * next state, with the clock effect, who may act and which inputs are required). Nothing about the loop is coded as
 * if-chains: services ask {@link #decide} and apply what it returns. The default definition is
 * {@code states.csv}/{@code transitions.csv} beside this class; operators may replace it (validated by {@link #of}).
 */
public final class Workflow {

    /** Pseudo-state of an action that creates a case. */
    public static final String START = "START";
    /** In {@code from}: any non-terminal state. */
    public static final String ANY_STATE = "*";
    /** In {@code to}: the case stays in its state. */
    public static final String SAME_STATE = "=";

    /**
     * How a transition moves the stage clock. REOPEN is the only way out of a terminal state: the finished case is
     * open again, the new state's stage starts and the overall clock starts afresh when the case re-enters 派遣.
     */
    public enum Clock { NEXT, SAME, PAUSE, RESUME, EXTEND, END, NONE, REOPEN }

    /** Who, holding the role, may act. */
    public enum Assignee { ANY, ASSIGNEE, DEPARTMENT }

    /** Inputs an action requires. */
    public enum Need { REASON, DEPARTMENT, INSPECTOR, EXTENSION, RESULT, TEXT, TARGET }

    public record State(String name, Stage stage, boolean terminal, String label) {
        public State {
            Objects.requireNonNull(name);
            if (!terminal && stage == null) {
                throw new IllegalArgumentException("state " + name + ": a non-terminal state needs a stage");
            }
        }
    }

    public record Transition(String from, String action, String role, String to, Clock clock, Assignee assignee,
            Set<Need> needs, String label) {

        public Transition {
            needs = needs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(needs));
        }

        /** The state a case in {@code current} goes to. */
        public String target(String current) {
            return SAME_STATE.equals(to) ? current : to;
        }

        public boolean creates() {
            return START.equals(from);
        }
    }

    /** The answer to "may these roles take this action now?". */
    public sealed interface Decision {
        /** Allowed: apply this transition. */
        record Allowed(Transition transition) implements Decision {
        }

        /** The action exists in this state, but only for other roles. */
        record WrongRole(String action, Set<String> roles) implements Decision {
        }

        /** The action does not exist in this state; these do (for anyone). */
        record Illegal(String state, Set<String> allowedActions) implements Decision {
        }
    }

    private final Map<String, State> states;
    private final List<Transition> transitions;

    private Workflow(Map<String, State> states, List<Transition> transitions) {
        this.states = states;
        this.transitions = transitions;
    }

    /**
     * A validated workflow: every state named exists, START leads into non-terminal states, terminal states have no
     * way out but REOPEN transitions (which lead to an open state), no (from, action, role) appears twice, and every
     * non-terminal state can be left.
     */
    public static Workflow of(List<State> stateList, List<Transition> transitionList) {
        Map<String, State> states = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (State s : stateList) {
            if (states.put(s.name(), s) != null) {
                problems.add("state " + s.name() + " is defined twice");
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Transition t : transitionList) {
            String where = "transition " + t.from() + " --" + t.action() + "/" + t.role() + "--> " + t.to();
            if (!keys.add(t.from() + "|" + t.action() + "|" + t.role())) {
                problems.add(where + " is defined twice");
            }
            if (!START.equals(t.from()) && !ANY_STATE.equals(t.from())) {
                State from = states.get(t.from());
                if (from == null) {
                    problems.add(where + ": unknown state " + t.from());
                } else if (from.terminal() && t.clock() != Clock.REOPEN) {
                    problems.add(where + ": " + t.from() + " is terminal (only a REOPEN transition leaves it)");
                }
            }
            if (t.clock() == Clock.REOPEN && (!states.containsKey(t.from()) || !states.get(t.from()).terminal()
                    || !states.containsKey(t.to()) || states.get(t.to()).terminal())) {
                problems.add(where + ": REOPEN leads from a terminal state to an open one");
            }
            if (SAME_STATE.equals(t.to())) {
                if (START.equals(t.from())) {
                    problems.add(where + ": a creating action must name its state");
                }
            } else if (!states.containsKey(t.to())) {
                problems.add(where + ": unknown state " + t.to());
            } else if (START.equals(t.from()) && states.get(t.to()).terminal()) {
                problems.add(where + ": a case cannot be created finished");
            }
            if (t.clock() == Clock.END && !SAME_STATE.equals(t.to()) && states.containsKey(t.to())
                    && !states.get(t.to()).terminal()) {
                problems.add(where + ": END must lead to a terminal state");
            }
            if (!action(t.action())) {
                problems.add(where + ": action names are lower-case words joined by _");
            }
        }
        Workflow w = new Workflow(Collections.unmodifiableMap(states), List.copyOf(transitionList));
        for (State s : states.values()) {
            if (!s.terminal() && w.allowedActions(s.name()).isEmpty()) {
                problems.add("state " + s.name() + " cannot be left");
            }
        }
        if (transitionList.stream().noneMatch(Transition::creates)) {
            problems.add("no action creates a case (from " + START + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return w;
    }

    private static boolean action(String a) {
        return a != null && a.matches("[a-z][a-z0-9_]{0,39}");
    }

    /** The default loop shipped with the platform. */
    public static Workflow standard() {
        return of(parseStates(resource("states.csv")), parseTransitions(resource("transitions.csv")));
    }

    private static List<String[]> resource(String name) {
        try (InputStream in = Workflow.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing workflow resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return rows(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows of a workflow CSV ({@code #} comment lines allowed; the first other line is the header). */
    public static List<String[]> rows(List<String> lines) {
        String text = lines.stream().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
        List<List<String>> records = Csv.parse(text);
        return records.subList(Math.min(1, records.size()), records.size()).stream()
                .map(r -> r.toArray(String[]::new)).toList();
    }

    public static List<State> parseStates(List<String[]> rows) {
        return rows.stream().map(c -> new State(c[0].trim(), c[1].isBlank() ? null : Stage.valueOf(c[1].trim()),
                Boolean.parseBoolean(c[2].trim()), c[3].trim())).toList();
    }

    public static List<Transition> parseTransitions(List<String[]> rows) {
        return rows.stream().map(c -> new Transition(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(),
                Clock.valueOf(c[4].trim()), Assignee.valueOf(c[5].trim()), needs(c[6]), c[7].trim())).toList();
    }

    public static Set<Need> needs(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split("\\|")).map(s -> Need.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Need.class)));
    }

    public State state(String name) {
        State s = states.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown state " + name);
        }
        return s;
    }

    public List<State> states() {
        return List.copyOf(states.values());
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** Transitions out of {@code state} ({@link #START} for creation): its own rows, then the any-state rows. */
    public List<Transition> from(String state) {
        boolean open = START.equals(state) || !state(state).terminal();
        List<Transition> own = transitions.stream().filter(t -> t.from().equals(state)).toList();
        if (START.equals(state) || !open) {
            return own;
        }
        Set<String> ownActions = own.stream().map(Transition::action).collect(Collectors.toSet());
        List<Transition> all = new ArrayList<>(own);
        transitions.stream().filter(t -> ANY_STATE.equals(t.from()) && !ownActions.contains(t.action()))
                .forEach(all::add);
        return all;
    }

    /** Every action possible from {@code state}, for anyone. */
    public Set<String> allowedActions(String state) {
        return from(state).stream().map(Transition::action).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The transitions {@code roles} may take from {@code state} (assignment not considered). */
    public List<Transition> available(String state, Set<String> roles) {
        return from(state).stream().filter(t -> roles.contains(t.role())).toList();
    }

    public Decision decide(String state, String action, Set<String> roles) {
        List<Transition> candidates = from(state).stream().filter(t -> t.action().equals(action)).toList();
        if (candidates.isEmpty()) {
            return new Decision.Illegal(state, allowedActions(state));
        }
        return candidates.stream().filter(t -> roles.contains(t.role())).findFirst()
                .<Decision>map(Decision.Allowed::new)
                .orElseGet(() -> new Decision.WrongRole(action, candidates.stream().map(Transition::role)
                        .collect(Collectors.toCollection(TreeSet::new))));
    }
}
