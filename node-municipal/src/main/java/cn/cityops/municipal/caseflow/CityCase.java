package cn.cityops.municipal.caseflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.worktime.TimeLimit;
import cn.cityops.model.worktime.WorkingTimeCalculator;
import cn.cityops.municipal.caseflow.Workflow.Need;
import cn.cityops.municipal.caseflow.Workflow.Transition;

/**
 * 案卷: one case of the closed loop. Holds where it is (state, the department or inspector it is with), its running
 * stage clock and its overall clock, and changes only through {@link #perform}, which applies a transition the
 * {@link Workflow} allowed and returns what to record: the stage fact closed, the one opened, and the history event.
 */
public final class CityCase {

    /** Who acts: the user, the role the action is taken in, and the user's department (for department users). */
    public record Actor(String username, String role, String departmentId) {
    }

    /** What an action brings; which fields are required is the transition's {@link Need}s. */
    public record Inputs(String reason, String departmentId, String inspector, TimeLimit extension, String result,
            String text, Long targetCaseId, List<String> attachments) {

        public static Inputs none() {
            return new Inputs(null, null, null, null, null, null, null, List.of());
        }

        String note() {
            return result != null ? result : reason != null ? reason : text;
        }
    }

    /** A stage fact as the loop records it (GB/T 30428.4 evaluation is a query over these). */
    public record StageFact(Stage stage, Instant start, Instant end, TimeLimit limit, Instant deadline, Boolean onTime,
            String outcome, String actor, String role, String departmentId) {
    }

    /** One line of the case history. */
    public record Event(Instant at, String action, String fromState, String toState, String actor, String role,
            String departmentId, String note, Map<String, Object> detail) {
    }

    /** What {@link #perform} changed: the stage fact it ended (if any), the one it started (if any), the event. */
    public record Change(StageFact ended, StageFact started, Event event) {
    }

    /** A rule of the loop was broken by the caller: wrong person, or required inputs missing. */
    public static final class RuleViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean forbidden;
        private final List<String[]> issues;

        RuleViolation(boolean forbidden, String message, List<String[]> issues) {
            super(message);
            this.forbidden = forbidden;
            this.issues = issues;
        }

        /** True: the actor may not act on this case (403); false: inputs are missing or invalid (400). */
        public boolean forbidden() {
            return forbidden;
        }

        /** (field, message) pairs. */
        public List<String[]> issues() {
            return issues;
        }
    }

    /** Time limits by stage, case class and matter (the matter's 处置时限 for HANDLING). */
    public interface Limits {
        TimeLimit limit(Stage stage, CaseClass caseClass, ClassCode matter);
    }

    // identity and report
    private final long id;
    private final String caseNo;
    private final CaseSource source;
    private ClassCode matter;
    private CaseClass caseClass;
    private final Instant createdAt;
    private final String reporter;

    // where it is
    private String state;
    private String departmentId;
    private String assignee;
    private TimeLimit pendingExtension;
    private Long mergedInto;
    private Instant closedAt;
    private Boolean closedOnTime;

    // clocks
    private Stage stage;
    private TimeLimit stageLimit;
    private StageClock stageClock;
    private StageClock overallClock;
    private long version;

    public CityCase(long id, String caseNo, CaseSource source, ClassCode matter, CaseClass caseClass, Instant createdAt,
            String reporter) {
        this.id = id;
        this.caseNo = caseNo;
        this.source = Objects.requireNonNull(source);
        this.matter = Objects.requireNonNull(matter);
        this.caseClass = Objects.requireNonNull(caseClass);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.reporter = reporter;
        this.state = Workflow.START;
    }

    /** Rebuilds a stored case (repository use). */
    public static CityCase restore(long id, String caseNo, CaseSource source, ClassCode matter, CaseClass caseClass,
            Instant createdAt, String reporter, String state, String departmentId, String assignee,
            TimeLimit pendingExtension, Long mergedInto, Instant closedAt, Boolean closedOnTime, Stage stage,
            TimeLimit stageLimit, StageClock stageClock, StageClock overallClock, long version) {
        CityCase c = new CityCase(id, caseNo, source, matter, caseClass, createdAt, reporter);
        c.state = state;
        c.departmentId = departmentId;
        c.assignee = assignee;
        c.pendingExtension = pendingExtension;
        c.mergedInto = mergedInto;
        c.closedAt = closedAt;
        c.closedOnTime = closedOnTime;
        c.stage = stage;
        c.stageLimit = stageLimit;
        c.stageClock = stageClock;
        c.overallClock = overallClock;
        c.version = version;
        return c;
    }

    /**
     * Applies a transition the workflow allowed: checks that this actor may act on this case and brought the inputs
     * the transition needs, then moves state, assignment and clocks (ending the running stage fact and starting the
     * new state's stage on NEXT; pausing, resuming or extending the clocks; closing the case on END; opening a
     * finished case again on REOPEN).
     *
     * @throws RuleViolation if the actor is not the assignee / not of the case's department, or inputs are missing
     */
    public Change perform(Workflow workflow, Transition t, Actor actor, Inputs in, Instant now, Limits limits,
            WorkingTimeCalculator calc) {
        if (!t.creates() && !Workflow.ANY_STATE.equals(t.from()) && !t.from().equals(state)) {
            throw new IllegalStateException("transition from " + t.from() + " applied in " + state);
        }
        checkActor(t, actor);
        checkInputs(t, in);
        String from = state;
        String to = t.target(state);
        boolean next = t.clock() == Workflow.Clock.NEXT;
        StageFact ended = next || t.clock() == Workflow.Clock.END ? endStage(t, actor, now) : null;
        Map<String, Object> detail = new LinkedHashMap<>();
        if (next || t.clock() == Workflow.Clock.END) {
            assignee = null;
        }
        if (t.needs().contains(Need.DEPARTMENT)) {
            departmentId = in.departmentId();
            detail.put("department", departmentId);
        }
        if (t.needs().contains(Need.INSPECTOR)) {
            assignee = in.inspector();
            detail.put("inspector", assignee);
        }
        if (t.needs().contains(Need.EXTENSION)) {
            pendingExtension = in.extension();
            detail.put("extensionRequested", pendingExtension.toString());
        }
        if (t.needs().contains(Need.TARGET)) {
            mergedInto = in.targetCaseId();
            detail.put("mergedInto", mergedInto);
        }
        if (in.attachments() != null && !in.attachments().isEmpty()) {
            detail.put("attachments", List.copyOf(in.attachments()));
        }
        StageFact started = null;
        switch (t.clock()) {
            case NEXT -> started = startStage(workflow.state(to).stage(), now, limits, calc);
            case REOPEN -> {
                closedAt = null;
                closedOnTime = null;
                overallClock = null;
                started = startStage(workflow.state(to).stage(), now, limits, calc);
            }
            case PAUSE -> {
                stageClock = stageClock == null ? null : stageClock.pause(now);
                overallClock = overallClock == null ? null : overallClock.pause(now);
            }
            case RESUME -> {
                stageClock = stageClock == null ? null : stageClock.resume(now, calc);
                overallClock = overallClock == null ? null : overallClock.resume(now, calc);
            }
            case EXTEND -> {
                if (pendingExtension != null) {
                    stageClock = stageClock == null ? null : stageClock.extend(pendingExtension, calc);
                    overallClock = overallClock == null ? null : overallClock.extend(pendingExtension, calc);
                    detail.put("extension", pendingExtension.toString());
                    pendingExtension = null;
                }
            }
            case SAME, NONE, END -> {
                // END was handled with the stage fact; SAME and NONE leave the clocks alone
            }
        }
        state = to;
        Event event = new Event(now, t.action(), from, to, actor.username(), actor.role(), actor.departmentId(),
                in.note(), detail);
        return new Change(ended, started, event);
    }

    /**
     * Starts the clock of {@code next}. Entering 派遣 for the first time (after filing) also starts the overall
     * clock: the dispatch, handling, check and closing limits one after the other.
     */
    private StageFact startStage(Stage next, Instant now, Limits limits, WorkingTimeCalculator calc) {
        stage = next;
        stageLimit = limits.limit(next, caseClass, matter);
        stageClock = StageClock.start(now, stageLimit, calc);
        if (next == Stage.DISPATCH && overallClock == null) {
            List<TimeLimit> chain = new ArrayList<>();
            for (Stage s : List.of(Stage.DISPATCH, Stage.HANDLING, Stage.CHECK, Stage.CLOSING)) {
                chain.add(limits.limit(s, caseClass, matter));
            }
            overallClock = StageClock.chain(now, chain, calc);
        }
        return new StageFact(stage, now, null, stageLimit, stageClock.deadline(), null, null, null, null,
                next == Stage.HANDLING ? departmentId : null);
    }

    private StageFact endStage(Transition t, Actor actor, Instant now) {
        StageFact ended = null;
        if (stage != null && stageClock != null) {
            boolean onTime = !stageClock.overdue(now);
            ended = new StageFact(stage, stageClock.start(), now, stageLimit, stageClock.deadline(), onTime,
                    t.action(), actor.username(), actor.role(), stage == Stage.HANDLING ? departmentId
                            : actor.departmentId());
        }
        if (t.clock() == Workflow.Clock.END) {
            closedAt = now;
            closedOnTime = overallClock == null ? null : !overallClock.overdue(now);
            stage = null;
            stageLimit = null;
            stageClock = null;
        }
        return ended;
    }

    private void checkActor(Transition t, Actor actor) {
        switch (t.assignee()) {
            case ASSIGNEE -> {
                if (assignee == null || !assignee.equals(actor.username())) {
                    throw new RuleViolation(true, "this task was sent to " + (assignee == null ? "nobody"
                            : assignee) + ", not to " + actor.username(), List.of());
                }
            }
            case DEPARTMENT -> {
                if (departmentId == null || !departmentId.equals(actor.departmentId())) {
                    throw new RuleViolation(true, "the case is with department " + departmentId + "; "
                            + actor.username() + " is " + (actor.departmentId() == null ? "in no department"
                                    : "in " + actor.departmentId()), List.of());
                }
            }
            case ANY -> {
                // the role suffices
            }
        }
    }

    private static void checkInputs(Transition t, Inputs in) {
        List<String[]> issues = new ArrayList<>();
        for (Need n : t.needs()) {
            boolean present = switch (n) {
                case REASON -> notBlank(in.reason());
                case DEPARTMENT -> notBlank(in.departmentId());
                case INSPECTOR -> notBlank(in.inspector());
                case EXTENSION -> in.extension() != null;
                case RESULT -> notBlank(in.result());
                case TEXT -> notBlank(in.text());
                case TARGET -> in.targetCaseId() != null;
            };
            if (!present) {
                issues.add(new String[] {field(n), t.label() + "（" + t.action() + "）需要" + label(n)});
            }
        }
        if (!issues.isEmpty()) {
            throw new RuleViolation(false, t.action() + " needs " + issues.stream().map(i -> i[0]).toList(), issues);
        }
    }

    static String field(Need n) {
        return switch (n) {
            case REASON -> "reason";
            case DEPARTMENT -> "department";
            case INSPECTOR -> "inspector";
            case EXTENSION -> "extension";
            case RESULT -> "result";
            case TEXT -> "text";
            case TARGET -> "target";
        };
    }

    private static String label(Need n) {
        return switch (n) {
            case REASON -> "原因";
            case DEPARTMENT -> "处置部门";
            case INSPECTOR -> "监督员";
            case EXTENSION -> "延期时长";
            case RESULT -> "处置结果";
            case TEXT -> "内容";
            case TARGET -> "合并到的案件";
        };
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Changes the class (一般/疑难/突发); limits of stages started from now on follow it. */
    public void reclassify(CaseClass c) {
        caseClass = Objects.requireNonNull(c);
    }

    public long id() {
        return id;
    }

    public String caseNo() {
        return caseNo;
    }

    public CaseSource source() {
        return source;
    }

    public ClassCode matter() {
        return matter;
    }

    public CaseClass caseClass() {
        return caseClass;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String reporter() {
        return reporter;
    }

    public String state() {
        return state;
    }

    public String departmentId() {
        return departmentId;
    }

    public String assignee() {
        return assignee;
    }

    public TimeLimit pendingExtension() {
        return pendingExtension;
    }

    public Long mergedInto() {
        return mergedInto;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Boolean closedOnTime() {
        return closedOnTime;
    }

    public Stage stage() {
        return stage;
    }

    public TimeLimit stageLimit() {
        return stageLimit;
    }

    public StageClock stageClock() {
        return stageClock;
    }

    public StageClock overallClock() {
        return overallClock;
    }

    /** The repository wrote this state (its version moved on by one). */
    void stored() {
        version++;
    }

    public long version() {
        return version;
    }
}
