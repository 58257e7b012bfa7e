package cn.cityops.municipal.space;

import java.util.ArrayList;
import java.util.List;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;

/** Collects validation issues of an import (at most {@value #MAX} are reported) and ends it with one 400 problem. */
final class Issues {

    static final int MAX = 500;

    private final List<Problem.Issue> list = new ArrayList<>();
    private int total;

    void add(String field, String value, String message) {
        total++;
        if (list.size() < MAX) {
            list.add(new Problem.Issue(field, value, message));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    int total() {
        return total;
    }

    List<Problem.Issue> list() {
        return List.copyOf(list);
    }

    /** Throws the validation problem when there is any issue. */
    void throwIfAny() {
        if (total > 0) {
            Problem p = Problem.validation(list);
            if (total > list.size()) {
                p = new Problem(p.type(), total + " issues (the first " + list.size() + " are listed)", list,
                        java.util.Map.of());
            }
            throw new ProblemException(p);
        }
    }
}
