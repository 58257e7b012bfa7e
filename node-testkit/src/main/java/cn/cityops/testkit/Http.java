package cn.cityops.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

/** A tiny JSON-over-HTTP client for tests, bound to one node's base URL and optionally a bearer token. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    public Http(String base) {
        this(base, null);
    }

    private Http(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** Logs in and returns a client carrying the token. */
    public Http login(String username, String password) {
        Reply r = post("/api/auth/login", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return new Http(base, r.json().getString("token"));
    }

    /** The bearer token this client sends (null when anonymous). */
    public String token() {
        return token;
    }

    /** This client with another bearer token. */
    public Http withToken(String otherToken) {
        return new Http(base, otherToken);
    }

    public String base() {
        return base;
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    /** Sends with an arbitrary method, content type and body and accepts any answer (raw requests, /metrics). */
    public Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = builder(path).setHeader("Accept", "*/*");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends raw bytes (with their Content-Length) and accepts any answer; e.g. attachment uploads. */
    public BinaryReply sendBytes(String method, String path, String contentType, byte[] body) {
        return sendRaw(method, path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends a streamed body without Content-Length (chunked transfer coding) and accepts any answer. */
    public BinaryReply sendStream(String method, String path, String contentType, Supplier<InputStream> body) {
        return sendRaw(method, path, contentType, HttpRequest.BodyPublishers.ofInputStream(body));
    }

    private BinaryReply sendRaw(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = builder(path).setHeader("Accept", "*/*");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return sendBinary(b.method(method, body));
    }

    /** GETs a binary resource (any Accept) and keeps its bytes and headers. */
    public BinaryReply download(String path) {
        return download(path, Map.of());
    }

    /** GETs a binary resource with extra request headers (e.g. If-None-Match). */
    public BinaryReply download(String path, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path).setHeader("Accept", "*/*").GET();
        headers.forEach(b::setHeader);
        return sendBinary(b);
    }

    private static BinaryReply sendBinary(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new BinaryReply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().map(), r.body());
        } catch (IOException e) {
            return new BinaryReply(-1, "", Map.of(), e.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            return new Reply(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A response kept as bytes, with all headers (status -1: no connection, body = the error). */
    public record BinaryReply(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
        /** First value of a header (case-insensitive), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The body read as a (problem) JSON reply. */
        public Reply asReply() {
            return new Reply(status, contentType, new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + body.length + " bytes";
        }
    }

    /** A response: status, content type and body text (status -1 when the connection failed). */
    public record Reply(int status, String contentType, String body) {
        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.read();
            }
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) : body);
        }
    }
}
