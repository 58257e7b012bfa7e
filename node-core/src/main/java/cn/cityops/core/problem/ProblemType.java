package cn.cityops.core.problem;

import jakarta.ws.rs.core.Response.Status;

/** The stable problem types of the platform: one URN per kind of error, documented in docs/errors.md. */
public enum ProblemType {
    VALIDATION("validation", Status.BAD_REQUEST, "请求数据无效 / Invalid request data"),
    MALFORMED("malformed-request", Status.BAD_REQUEST, "请求格式错误 / Malformed request"),
    UNAUTHENTICATED("unauthenticated", Status.UNAUTHORIZED, "需要登录 / Authentication required"),
    BAD_CREDENTIALS("bad-credentials", Status.UNAUTHORIZED, "用户名或密码错误 / Wrong user name or password"),
    FORBIDDEN("forbidden", Status.FORBIDDEN, "无权执行此操作 / Not allowed for your role"),
    NOT_FOUND("not-found", Status.NOT_FOUND, "资源不存在 / Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", Status.METHOD_NOT_ALLOWED, "不支持的请求方法 / Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", Status.NOT_ACCEPTABLE, "无法提供所请求的格式 / Not acceptable"),
    CONFLICT("conflict", Status.CONFLICT, "与当前状态冲突 / Conflict with the current state"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Status.UNSUPPORTED_MEDIA_TYPE,
            "不支持的内容类型 / Unsupported media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", Status.REQUEST_ENTITY_TOO_LARGE, "内容过大 / Payload too large"),
    PACKAGE_REJECTED("package-rejected", Status.BAD_REQUEST, "数据包被拒收 / Data package rejected"),
    TOO_MANY_ATTEMPTS("too-many-attempts", Status.TOO_MANY_REQUESTS, "尝试次数过多 / Too many attempts"),
    SERVICE_UNAVAILABLE("service-unavailable", Status.SERVICE_UNAVAILABLE, "服务暂不可用 / Service unavailable"),
    INTERNAL("internal-error", Status.INTERNAL_SERVER_ERROR, "内部错误 / Internal error");

    /** Prefix of every problem type URN. */
    public static final String URN_PREFIX = "urn:cityops:problem:";

    private final String slug;
    private final Status status;
    private final String title;

    ProblemType(String slug, Status status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URN_PREFIX + slug;
    }

    public Status status() {
        return status;
    }

    public String title() {
        return title;
    }
}
