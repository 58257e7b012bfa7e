package cn.cityops.core.rest;

import java.util.List;

import cn.cityops.core.problem.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The one pagination contract of list endpoints: {@code ?page=0&size=50}, size at most 500. */
public class Paging {

    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    @DefaultValue("0")
    int page;

    @QueryParam("size")
    @DefaultValue("50")
    int size;

    public Paging() {
    }

    public Paging(int page, int size) {
        this.page = page;
        this.size = size;
    }

    private void check() {
        if (page < 0) {
            throw ProblemException.invalid("page", String.valueOf(page), "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", String.valueOf(size), "must be between 1 and " + MAX_SIZE);
        }
    }

    public int offset() {
        check();
        return page * size;
    }

    public int limit() {
        check();
        return size;
    }

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }

    /** One page of a list. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}
