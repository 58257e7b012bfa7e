package cn.cityops.core.problem;

import java.util.List;
import java.util.Map;

/** Thrown by application services to end a request with a given problem; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ProblemException invalid(String field, String value, String message) {
        return new ProblemException(Problem.validation(List.of(new Problem.Issue(field, value, message))));
    }

    public static ProblemException conflict(String detail, Map<String, Object> extensions) {
        return new ProblemException(new Problem(ProblemType.CONFLICT, detail, List.of(), extensions));
    }

    public Problem problem() {
        return problem;
    }
}
