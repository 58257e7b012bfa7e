package cn.cityops.core.problem;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import cn.cityops.model.validation.InvalidValueException;
import jakarta.annotation.Priority;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.transaction.TransactionalException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns every exception that leaves a resource into an RFC 9457 problem. The single place where errors become HTTP
 * responses; unknown failures are logged with a reference and answered with a generic 500 that reveals nothing.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Maps a throwable to the problem a client should see. */
    public static Problem toProblem(Throwable t) {
        if (t instanceof ProblemException pe) {
            return pe.problem();
        }
        InvalidValueException invalid = find(t, InvalidValueException.class);
        if (invalid != null) {
            return Problem.validation(List.of(
                    new Problem.Issue(invalid.field(), invalid.rejectedValue(), invalid.getMessage())));
        }
        if (t instanceof ConstraintViolationException cve) {
            List<Problem.Issue> issues = cve.getConstraintViolations().stream()
                    .map(ProblemMappers::issue).toList();
            return Problem.validation(issues);
        }
        if (t instanceof ValidationException) {
            return Problem.of(ProblemType.VALIDATION, "request failed validation");
        }
        if (DatabaseOutage.isCause(t)) {
            return Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "the node's database is not reachable; retry later");
        }
        if (find(t, JsonbException.class) != null || find(t, JsonException.class) != null) {
            return Problem.of(ProblemType.MALFORMED, "request body is not valid JSON for this endpoint");
        }
        if (t instanceof NotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "no resource at this path");
        }
        if (t instanceof NotAllowedException) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "this path does not support the request method");
        }
        if (t instanceof NotSupportedException) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        }
        if (t instanceof NotAcceptableException) {
            return Problem.of(ProblemType.NOT_ACCEPTABLE, "this resource answers application/json");
        }
        if (t instanceof NotAuthorizedException) {
            return Problem.of(ProblemType.UNAUTHENTICATED, "log in first and send 'Authorization: Bearer <token>'");
        }
        if (t instanceof ForbiddenException) {
            return Problem.of(ProblemType.FORBIDDEN, "your role does not allow this operation");
        }
        if (t instanceof ProcessingException) {
            return Problem.of(ProblemType.MALFORMED, "request body could not be read");
        }
        if (t instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            return Problem.of(ProblemType.MALFORMED, "request rejected (HTTP " + wae.getResponse().getStatus() + ")");
        }
        return null;
    }

    private static Problem.Issue issue(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // strip "method.argN." prefixes that bean validation adds for resource parameters
        int dot = path.lastIndexOf('.');
        String field = dot >= 0 ? path.substring(dot + 1) : path;
        return new Problem.Issue(field, v.getInvalidValue() == null ? null : String.valueOf(v.getInvalidValue()),
                v.getMessage());
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static Response respond(Throwable t, UriInfo uri) {
        Problem problem = toProblem(t);
        if (problem == null) {
            String ref = Long.toHexString(System.nanoTime());
            LOG.log(Level.SEVERE, "ERR-500 unhandled error ref=" + ref, t);
            problem = Problem.of(ProblemType.INTERNAL, "unexpected error, reference " + ref);
        } else if (problem.type() == ProblemType.SERVICE_UNAVAILABLE) {
            LOG.warning("DB-503 database unreachable: " + t);
        }
        return problem.toResponse(uri == null ? null : uri.getRequestUri().getPath());
    }

    /** Catch-all mapper. */
    @Provider
    public static class AnyThrowable implements ExceptionMapper<Throwable> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(Throwable t) {
            return respond(t, uri);
        }
    }

    /**
     * Takes precedence over the mapper for this type that Jersey's CDI transaction support registers (bundled with
     * Payara): it only answers a WebApplicationException its interceptor recorded and otherwise rethrows, so a
     * TransactionalException — a {@code @Transactional(MANDATORY)} bean called outside a transaction, a failed
     * commit — ended as Payara's HTML 500 page ("An exception was not mapped due to exception mapper failure").
     * Both map the same type; of two such mappers Jersey takes the one with the higher priority (lower number), so
     * this one wins whatever order Jersey lists them in.
     */
    @Provider
    @Priority(Priorities.USER - 1)
    public static class TransactionFailure implements ExceptionMapper<TransactionalException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(TransactionalException t) {
            return respond(t, uri);
        }
    }

    /** Takes precedence over the bean-validation mapper the JAX-RS implementation ships. */
    @Provider
    public static class Validation implements ExceptionMapper<ValidationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ValidationException t) {
            return respond(t, uri);
        }
    }

    /** Takes precedence over built-in WebApplicationException handling so that 404/405/415 are problems too. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException t) {
            return respond(t, uri);
        }
    }
}
