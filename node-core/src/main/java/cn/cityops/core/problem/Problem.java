package cn.cityops.core.problem;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. Built by exception mappers and filters; never carries stack traces or internals.
 *
 * @param issues validation issues (field, rejected value, message), empty unless {@link ProblemType#VALIDATION}
 * @param extensions extra members (e.g. {@code allowedActions}), rendered as strings or string lists
 */
public record Problem(ProblemType type, String detail, List<Issue> issues, Map<String, Object> extensions) {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE + ";charset=UTF-8");

    public Problem {
        issues = issues == null ? List.of() : List.copyOf(issues);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Map.of());
    }

    public static Problem validation(List<Issue> issues) {
        String detail = issues.size() == 1 ? issues.get(0).message()
                : issues.size() + " fields are invalid";
        return new Problem(ProblemType.VALIDATION, detail, issues, Map.of());
    }

    public JsonObject toJson(String instance) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status().getStatusCode());
        if (detail != null) {
            b.add("detail", detail);
        }
        if (instance != null) {
            b.add("instance", instance);
        }
        if (!issues.isEmpty()) {
            JsonArrayBuilder arr = Json.createArrayBuilder();
            for (Issue i : issues) {
                JsonObjectBuilder ib = Json.createObjectBuilder().add("field", i.field()).add("message", i.message());
                if (i.value() != null) {
                    ib.add("value", i.value());
                } else {
                    ib.addNull("value");
                }
                arr.add(ib);
            }
            b.add("issues", arr);
        }
        extensions.forEach((k, v) -> {
            if (v instanceof Iterable<?> it) {
                JsonArrayBuilder arr = Json.createArrayBuilder();
                it.forEach(x -> arr.add(String.valueOf(x)));
                b.add(k, arr);
            } else if (v instanceof Number n) {
                b.add(k, n.longValue());
            } else {
                b.add(k, String.valueOf(v));
            }
        });
        return b.build();
    }

    public Response toResponse(String instance) {
        return Response.status(type.status()).type(PROBLEM_JSON).entity(toJson(instance).toString()).build();
    }

    /** One invalid field: its name (JSON pointer-like path), the rejected value and why it was rejected. */
    public record Issue(String field, String value, String message) {
    }
}
